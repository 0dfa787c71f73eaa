"""Dates the GOV.UK way: every date a person types is three boxes (day, month, year) with the Design System's
error messages, and every date on screen reads "1 June 2019"."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.template import Context, Template

from providers.form_fields import GovukDateField
from tests.dates import date_input

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ["api", "collection", "compliance", "config", "exports", "providers", "surveys", "uploads", "templates"]

# Built from parts, so this file does not itself contain what it searches for.
NATIVE_DATE = "type=" + '"' + "da" + "te" + '"'
NATIVE_PATTERN = ("type=[\"']da" + "te[\"']|[\"']type[\"']\\s*:\\s*[\"']da" + "te[\"']|forms\\.Da" + "teInput|"
                  "forms\\.Da" + "teField\\(")


class StartForm(forms.Form):
    start_date = GovukDateField(label="Start date in this job", name="Start date", required=False)


class DueForm(forms.Form):
    due_date = GovukDateField(label="Due date")


@pytest.mark.parametrize(
    ("typed", "message", "red"),
    [
        (("", "6", "2019"), "Start date must include a day", ["day"]),
        (("1", "", "2019"), "Start date must include a month", ["month"]),
        (("1", "6", ""), "Start date must include a year", ["year"]),
        (("", "", "2019"), "Start date must include a day and month", ["day", "month"]),
        (("31", "2", "2019"), "Start date must be a real date", ["day", "month", "year"]),
        (("1", "13", "2019"), "Start date must be a real date", ["day", "month", "year"]),
        (("1", "June", "2019"), "Start date must be a real date", ["month"]),
        (("1", "6", "19"), "Year must include 4 numbers", ["year"]),
    ],
)
def test_impossible_missing_and_partial_dates_get_the_govuk_messages(typed, message, red):
    form = StartForm(data=date_input("start_date", typed))
    assert not form.is_valid()
    assert form.errors["start_date"] == [message]
    html = str(form["start_date"].as_field_group())
    marked = re.findall(r'class="[^"]*govuk-input--error[^"]*" id="id_start_date_(\w+)"', html)
    assert marked == red
    assert "govuk-form-group--error" in html
    for part, value in zip(("day", "month", "year"), typed, strict=True):  # what was typed is kept
        if value:
            assert f'name="start_date_{part}" type="text" inputmode="numeric" value="{value}"' in html


def test_a_real_date_is_read_from_the_three_boxes():
    form = StartForm(data=date_input("start_date", (" 1", "6 ", "2019")))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == date(2019, 6, 1)


def test_an_optional_date_may_be_left_blank_and_a_required_one_may_not():
    assert StartForm(data=date_input("start_date", ("", "", ""))).is_valid()
    assert StartForm(data={}).is_valid()
    due = DueForm(data=date_input("due_date", ("", "", "")))
    assert due.errors["due_date"] == ["Enter the due date"]


def test_a_stored_date_renders_in_the_three_boxes_with_labels_and_hint():
    html = str(StartForm(initial={"start_date": date(2019, 6, 1)})["start_date"].as_field_group())
    assert NATIVE_DATE not in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Start date in this job</legend>' in html
    assert 'aria-describedby="id_start_date-hint"' in html and 'id="id_start_date-hint"' in html
    for part, label, value, width in (("day", "Day", "1", 2), ("month", "Month", "6", 2), ("year", "Year", "2019", 4)):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_start_date_{part}">{label}</label>' in html
        assert (f'class="govuk-input govuk-date-input__input govuk-input--width-{width}" id="id_start_date_{part}" '
                f'name="start_date_{part}" type="text" inputmode="numeric" value="{value}"') in html


def test_the_error_summary_links_to_the_first_box_in_error():
    from django.template.loader import render_to_string

    form = StartForm(data=date_input("start_date", ("1", "", "2019")))
    form.is_valid()
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert '<a href="#id_start_date_month">Start date must include a month</a>' in summary


def test_dates_on_screen_read_the_govuk_way(settings):
    rendered = Template('{{ d|date }}|{{ d }}|{{ m|date:"DATETIME_FORMAT" }}').render(
        Context({"d": date(2019, 6, 1), "m": datetime(2019, 6, 1, 14, 15, tzinfo=ZoneInfo("Europe/London"))})
    )
    assert rendered == "1 June 2019|1 June 2019|1 June 2019 at 14:15"


def _files(suffixes: tuple[str, ...]):
    for top in APP_DIRS:
        for path in (ROOT / top).rglob("*"):
            if path.suffix in suffixes and "migrations" not in path.parts and path.is_file():
                yield path


def test_no_native_date_pickers_and_no_other_date_formats_on_screen():
    """No native date input or Django date widget anywhere, and templates use only the one date format setting."""
    offenders = []
    for path in _files((".html", ".txt", ".py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if re.search(NATIVE_PATTERN, text):
            offenders.append(f"{rel}: native date input or plain DateField")
        if path.suffix in (".html", ".txt"):
            for fmt in re.findall(r'\|date:"([^"]*)"', text):
                if fmt != "DATETIME_FORMAT":
                    offenders.append(f'{rel}: |date:"{fmt}" (use |date or |date:"DATETIME_FORMAT")')
    assert not offenders, "\n".join(offenders)
