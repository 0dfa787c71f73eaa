from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms

from collection.forms.base import ReturnForm, _pairs, code_choice, number
from providers.form_fields import GovukDateField
from providers.reference import choices, choices_by_label


class StaffPageForm(ReturnForm):
    """One question page of a staff record. Shape checks only; the rules check the whole record when it is saved."""

    slug = ""
    title = ""
    route = ""

    def answers(self) -> dict:
        """This page's answers only: saving a page leaves the answers on the other pages as they are."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("confirm_warnings", None)
        return data

    def add_service_errors(self, error) -> None:
        """An answer on another page that stops this one saving is named, with the page it is on."""
        for field, message in _pairs(error):
            if field in self.fields:
                self.add_error(field, message)
            elif field in PAGE_OF_FIELD:
                self.add_error(None, f"{message} (on the ‘{PAGE_OF_FIELD[field].title}’ page)")
            else:
                self.add_error(None, message)


class StaffPersonForm(StaffPageForm):
    slug, title, route = "job", "The person and their job", "collection:staff-job"

    local_ref = forms.CharField(
        label="Staff reference",
        max_length=50,
        help_text="Your own reference for this worker, such as a payroll number. Never their name or National "
        "Insurance number.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": "Enter a staff reference"},
    )
    job_role = code_choice("job_roles", "Main job role", radios=False, blank="Select a job role")
    job_role_other = forms.CharField(
        label="Job role description", required=False, max_length=120,
        help_text="Only for the ‘other’ job roles.",
    )
    contract_type = code_choice("contract_types", "Contract type")
    start_date = GovukDateField(label="Start date in this job", name="Start date", required=False,
                                help_text="For example, 27 3 2021")
    year_started_in_sector = number("Year they started working in adult social care", min_value=1900, max_value=2100)
    recruitment_source = code_choice("recruitment_sources", "Where were they recruited from?", radios=False,
                                     blank="Select where they were recruited from")
    gender = code_choice("gender", "Gender")
    birth_year = number("Year of birth", help_text="Only the year is kept, for example 1985.", min_value=1900,
                        max_value=2100)
    ethnicity = code_choice("ethnicity", "Ethnicity", radios=False, blank="Select ethnicity")
    nationality = forms.ChoiceField(
        label="Nationality", required=False,
        help_text="Start typing, then choose from the list.",
        choices=[("", "Select nationality"), *choices_by_label("nationality")],
        widget=forms.Select(attrs={"data-module": "app-autocomplete"}),
    )
    country_of_birth = forms.ChoiceField(
        label="Country of birth", required=False,
        help_text="Start typing, then choose from the list.",
        choices=[("", "Select country of birth"), *choices_by_label("country_of_birth")],
        widget=forms.Select(attrs={"data-module": "app-autocomplete"}),
    )
    health_care_visa = code_choice("yes_no_dont_know", "Do they hold a Health and Care Worker visa?",
                                   help_text="Only for workers who are not British nationals.")
    disability = code_choice("disability", "Do they have a disability?")


class StaffPayForm(StaffPageForm):
    slug, title, route = "pay", "Pay and hours", "collection:staff-pay"

    zero_hours = code_choice("zero_hours_contract", "Are they on a zero-hours contract?")
    contracted_hours = number("Contracted hours a week", decimal=True,
                              help_text="For permanent or temporary staff who are not on a zero-hours contract.")
    average_hours = number("Average hours a week", decimal=True,
                           help_text="For bank, agency and other staff, and anyone on a zero-hours contract.")
    pay_interval = code_choice("salary_interval", "How are they paid?")
    pay_rate = number("Pay rate in pounds", decimal=True, width=5,
                      help_text="A yearly salary, or an hourly rate such as 12.50, to match how they are paid.")
    sickness_days = number("Days off sick in the last 12 months", decimal=True)


class StaffQualificationsForm(StaffPageForm):
    slug, title, route = "qualifications", "Qualifications and training", "collection:staff-qualifications"

    care_certificate = code_choice("care_certificate", "Have they done the Care Certificate?")
    social_care_qualification = code_choice("yes_no_dont_know", "Do they hold a social care qualification?")
    social_care_level = code_choice("qualification_levels", "Highest social care qualification level", radios=False,
                                    blank="Select a level")
    other_qualification = code_choice("yes_no_dont_know", "Do they hold a qualification not in social care?")
    other_qualification_level = code_choice("qualification_levels", "Highest other qualification level",
                                            radios=False, blank="Select a level")
    apprenticeship = code_choice("yes_no_dont_know", "Are they doing an apprenticeship?")


# The question pages of a staff record, in the order a person answers them; then the check-answers page.
STAFF_PAGES: tuple[type[StaffPageForm], ...] = (StaffPersonForm, StaffPayForm, StaffQualificationsForm)
PAGE_OF_FIELD: dict[str, type[StaffPageForm]] = {
    name: page for page in STAFF_PAGES for name in page.base_fields if name not in ("version", "confirm_warnings")
}


def staff_page(slug: str) -> type[StaffPageForm]:
    return next(page for page in STAFF_PAGES if page.slug == slug)


def next_page(page: type[StaffPageForm]) -> type[StaffPageForm] | None:
    """The question page after `page`, or None after the last one (the check-answers page comes next)."""
    index = STAFF_PAGES.index(page)
    return STAFF_PAGES[index + 1] if index + 1 < len(STAFF_PAGES) else None


def previous_page(page: type[StaffPageForm]) -> type[StaffPageForm] | None:
    index = STAFF_PAGES.index(page)
    return STAFF_PAGES[index - 1] if index else None


@dataclass(frozen=True)
class Answer:
    name: str
    question: str
    shown: str  # what a person reads: the label, never the code
    answered: bool


MONEY = ("pay_rate",)


def shown_value(field: forms.Field, value, *, name: str = "") -> str:
    """A stored answer as a person reads it: the option's label (never its code), dates in words, money in pounds."""
    if value in (None, ""):
        return "Not answered"
    if name in MONEY:
        return f"£{Decimal(value):,.2f}"
    if isinstance(field, forms.ChoiceField):
        return dict(field.choices).get(str(value), str(value))
    if isinstance(value, date):
        return f"{value.day} {value.strftime('%B')} {value.year}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def staff_answers(values: dict) -> list[tuple[type[StaffPageForm], list[Answer]]]:
    """Every answer of a record, page by page, for the check-answers page."""
    found = []
    for page in STAFF_PAGES:
        rows = []
        for name, field in page.base_fields.items():
            if name in ("version", "confirm_warnings"):
                continue
            value = values.get(name)
            rows.append(Answer(name=name, question=str(field.label), shown=shown_value(field, value, name=name),
                               answered=value not in (None, "")))
        found.append((page, rows))
    return found


class StaffRemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    leaving_reason = forms.ChoiceField(
        label="Why did they leave?", choices=choices("worker_leave_reasons"), widget=forms.RadioSelect,
        error_messages={"required": "Select why they left"},
    )


class NoChangeForm(forms.Form):
    starters_declared = forms.ChoiceField(
        label="Has anyone started working here in the last 12 months?",
        choices=[("with_jobs", "Yes"), ("none", "No"), ("dont_know", "I do not know")],
        widget=forms.RadioSelect, error_messages={"required": "Select whether anyone started"},
    )
    leavers_declared = forms.ChoiceField(
        label="Has anyone left in the last 12 months?",
        choices=[("with_jobs", "Yes"), ("none", "No"), ("dont_know", "I do not know")],
        widget=forms.RadioSelect, error_messages={"required": "Select whether anyone left"},
    )
    confirm = forms.BooleanField(
        label="I confirm nothing else has changed in these staff records since last year",
        error_messages={"required": "Confirm that nothing has changed, or check each record instead"},
    )
