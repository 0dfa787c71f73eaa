from __future__ import annotations

from django import forms

from collection.forms.base import ReturnForm, code_choice, number
from providers.form_fields import GovukDateField
from providers.reference import choices


class StaffRecordForm(ReturnForm):
    """One worker, in the order of the ASC-WDS staff record. Shape checks only; the rules do the rest."""

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
        help_text="Only for the 'other' job roles.",
    )
    contract_type = code_choice("contract_types", "Contract type")
    zero_hours = code_choice("zero_hours_contract", "Are they on a zero-hours contract?")
    contracted_hours = number("Contracted hours a week", decimal=True,
                              help_text="For permanent or temporary staff who are not on a zero-hours contract.")
    average_hours = number("Average hours a week", decimal=True,
                           help_text="For bank, agency and other staff, and anyone on a zero-hours contract.")
    pay_interval = code_choice("salary_interval", "How are they paid?")
    pay_rate = number("Pay rate in pounds", decimal=True, width=5,
                      help_text="A yearly salary, or an hourly rate such as 12.50, to match how they are paid.")
    gender = code_choice("gender", "Gender")
    ethnicity = code_choice("ethnicity", "Ethnicity", radios=False, blank="Select ethnicity")
    nationality = code_choice("nationality", "Nationality", radios=False, blank="Select nationality")
    disability = code_choice("disability", "Do they have a disability?")
    birth_year = number("Year of birth", help_text="Only the year is kept, for example 1985.", min_value=1900,
                        max_value=2100)
    start_date = GovukDateField(label="Start date in this job", name="Start date", required=False,
                                help_text="For example, 27 3 2021")
    year_started_in_sector = number("Year they started working in adult social care", min_value=1900, max_value=2100)
    recruitment_source = code_choice("recruitment_sources", "Where were they recruited from?", radios=False,
                                     blank="Select where they were recruited from")
    sickness_days = number("Days off sick in the last 12 months", decimal=True)
    care_certificate = code_choice("care_certificate", "Have they done the Care Certificate?")
    social_care_qualification = code_choice("yes_no_dont_know", "Do they hold a social care qualification?")
    social_care_level = code_choice("qualification_levels", "Highest social care qualification level", radios=False,
                                    blank="Select a level")
    other_qualification = code_choice("yes_no_dont_know", "Do they hold a qualification not in social care?")
    other_qualification_level = code_choice("qualification_levels", "Highest other qualification level",
                                            radios=False, blank="Select a level")
    apprenticeship = code_choice("yes_no_dont_know", "Are they doing an apprenticeship?")
    health_care_visa = code_choice("yes_no_dont_know", "Do they hold a Health and Care Worker visa?",
                                   help_text="Only for workers who are not British nationals.")

    GROUPS = (
        ("Job", ("local_ref", "job_role", "job_role_other", "contract_type", "zero_hours", "contracted_hours",
                 "average_hours")),
        ("Pay", ("pay_interval", "pay_rate")),
        ("About them", ("gender", "ethnicity", "nationality", "disability", "birth_year")),
        ("Employment", ("start_date", "year_started_in_sector", "recruitment_source", "sickness_days")),
        ("Training and qualifications", ("care_certificate", "social_care_qualification", "social_care_level",
                                         "other_qualification", "other_qualification_level", "apprenticeship",
                                         "health_care_visa")),
    )

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("confirm_warnings", None)
        return data


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
