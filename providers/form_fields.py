"""Form fields shared by every app: the GOV.UK date input (day, month and year boxes), used for every date a
person types. Browsers' own date pickers are not used: they read and write only ISO values, so a date rendered in
any other format comes back blank and is lost on the next save."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
PART_WIDTHS = {"day": 2, "month": 2, "year": 4}
DATE_HINT = "For example, 27 3 2026"


class GovukDayMonthYearWidget(forms.MultiWidget):
    """Three text boxes named `<name>_day`, `<name>_month` and `<name>_year` with ids to match, rendered as the
    GOV.UK date input. `error_parts` says which boxes to mark red (set by GovukDateField when it rejects a value)."""

    template_name = "django/forms/widgets/govuk_date.html"

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}) for part in PARTS
        }
        super().__init__(widgets, attrs)
        self.error_parts: tuple[str, ...] = ()

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        for part, sub in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            sub["attrs"]["id"] = f"{base_id}_{part}"
            sub["part"] = part
            sub["label"] = PART_LABELS[part]
            sub["width"] = PART_WIDTHS[part]
            sub["error"] = part in self.error_parts
            sub["autocomplete"] = self.attrs.get(f"autocomplete_{part}", "")
        context["widget"]["container_id"] = base_id
        return context

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_


class GovukDateField(forms.Field):
    """A date typed as day, month and year, checked with the GOV.UK Design System's error messages.

    `name` is how the errors call the date ("Start date must include a month"); it defaults to the label.
    """

    widget = GovukDayMonthYearWidget

    def __init__(self, *, name: str = "", **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        called = name or str(kwargs.get("label") or "Date")
        kwargs["error_messages"] = {"required": f"Enter the {called[0].lower()}{called[1:]}",
                                    **(kwargs.get("error_messages") or {})}
        super().__init__(**kwargs)
        self.name_in_errors = called

    def to_python(self, value):
        if isinstance(value, date):
            return value
        if not value:
            return None
        if isinstance(value, str):  # an ISO date, e.g. from initial data
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise self._invalid(PARTS) from None
        day, month, year = ((str(v) if v is not None else "").strip() for v in value)
        given = {"day": day, "month": month, "year": year}
        if not any(given.values()):
            return None
        missing = [part for part in PARTS if not given[part]]
        if missing:
            raise self._error(f"{self.name_in_errors} must include a {' and '.join(missing)}", missing, "incomplete")
        if not all(v.isdigit() for v in given.values()):
            raise self._invalid([part for part in PARTS if not given[part].isdigit()])
        if len(year) != 4:
            raise self._error("Year must include 4 numbers", ["year"], "year_digits")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise self._invalid(PARTS) from None

    def _invalid(self, parts) -> ValidationError:
        return self._error(f"{self.name_in_errors} must be a real date", parts, "invalid")

    def _error(self, message: str, parts, code: str) -> ValidationError:
        self.widget.error_parts = tuple(parts)
        return ValidationError(message, code=code)

    def validate(self, value):
        if value in self.empty_values and self.required:
            self.widget.error_parts = PARTS
        super().validate(value)

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True
