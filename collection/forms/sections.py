from __future__ import annotations

from django import forms

from collection.forms.base import ReturnForm, code_choice, number
from providers.reference import choices

DECLARATION_CHOICES = [("with_jobs", "Yes"), ("none", "None"), ("dont_know", "I do not know")]
YES_NO = [("yes", "Yes"), ("no", "No")]


class WorkplaceForm(ReturnForm):
    name = forms.CharField(label="Workplace name", max_length=120)
    address1 = forms.CharField(label="Address line 1", max_length=40, required=False)
    address2 = forms.CharField(label="Address line 2", max_length=40, required=False)
    town = forms.CharField(label="Town or city", max_length=40, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    is_cqc_regulated = forms.TypedChoiceField(
        label="Is the workplace regulated by CQC?", choices=YES_NO, widget=forms.RadioSelect, required=False,
        coerce=lambda value: value == "yes", empty_value=None,
    )
    cqc_location_id = forms.CharField(label="CQC location ID", max_length=20, required=False,
                                      help_text="For example 1-123456789.",
                                      widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    employer_type = code_choice("employer_type", "Type of employer")
    main_service = code_choice("main_services", "Main service", radios=False, blank="Select the main service")
    capacity = number("Capacity of the main service", help_text="For example, the number of beds.")
    utilisation = number("Number of people using the main service")
    service_users = forms.MultipleChoiceField(
        label="Who does the service support?", choices=choices("service_users"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def initial_for(cls, workplace, workforce_return) -> dict:
        initial = {name: getattr(workplace, name) for name in cls.base_fields if hasattr(workplace, name)}
        regulated = workplace.is_cqc_regulated
        initial["is_cqc_regulated"] = None if regulated is None else ("yes" if regulated else "no")
        initial["version"] = workforce_return.version
        return initial

    def answers(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "confirm_warnings")}
        for name in ("address1", "address2", "town", "postcode", "cqc_location_id", "employer_type", "main_service"):
            data[name] = (data.get(name) or "").strip()
        data["postcode"] = data["postcode"].upper()
        return data


class PayForm(ReturnForm):
    sick_pay = code_choice("sick_pay_pension", "Do you pay more than Statutory Sick Pay?")
    pension = code_choice("sick_pay_pension", "Do you pay more than the minimum employer pension contribution?")
    pension_percentage = number("Employer pension contribution, as a percentage", decimal=True,
                                help_text="Only if you pay more than the minimum. For example 5.")
    holiday_days = number("Holiday days a year for a full-time worker, including bank holidays")
    sleep_ins = code_choice("yes_no_dont_know", "Do staff do sleep-ins?")
    sleep_in_pay = code_choice("sleep_in_pay", "How do you pay for sleep-ins?")
    travel_time_pay = code_choice("travel_time_pay_options", "How do you pay for travel time between visits?")
    travel_time_rate = number("Travel time rate in pounds an hour", decimal=True,
                              help_text="Only if you pay a different travel time rate.")

    def answers(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "confirm_warnings")}


class NumbersForm(ReturnForm):
    """Total staff, the three declarations, counts by job role and leaver reasons (fields made per code)."""

    total_staff = number("How many staff work here?",
                         help_text="Everyone on the payroll and any bank or agency staff, on the snapshot date.")
    starters_declared = forms.ChoiceField(label="Did anyone start in the last 12 months?",
                                          choices=DECLARATION_CHOICES, widget=forms.RadioSelect, required=False)
    leavers_declared = forms.ChoiceField(label="Did anyone leave in the last 12 months?",
                                         choices=DECLARATION_CHOICES, widget=forms.RadioSelect, required=False)
    vacancies_declared = forms.ChoiceField(label="Do you have vacancies now?", choices=DECLARATION_CHOICES,
                                           widget=forms.RadioSelect, required=False)
    MEASURES = ("starters", "leavers", "vacancies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = choices("job_roles")
        self.reasons = choices("worker_leave_reasons")
        for code, label in self.roles:
            for measure in self.MEASURES:
                self.fields[f"{measure}_{code}"] = forms.IntegerField(
                    label=f"{measure.capitalize()}: {label}", required=False, min_value=0, max_value=999,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
                )
        for code, label in self.reasons:
            self.fields[f"reason_{code}"] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=999,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
            )

    @classmethod
    def initial_for(cls, workforce_return, *, counts, reasons) -> dict:
        initial = {name: getattr(workforce_return, name) for name in
                   ("total_staff", "starters_declared", "leavers_declared", "vacancies_declared", "version")}
        for row in counts:
            for measure in cls.MEASURES:
                initial[f"{measure}_{row.job_role}"] = getattr(row, measure) or None
        for row in reasons:
            initial[f"reason_{row.reason}"] = row.count or None
        return initial

    def role_rows(self):
        return [(label, [self[f"{m}_{code}"] for m in self.MEASURES]) for code, label in self.roles]

    def reason_fields(self):
        return [self[f"reason_{code}"] for code, _ in self.reasons]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "total_staff": data.get("total_staff"),
            "starters_declared": data.get("starters_declared") or "",
            "leavers_declared": data.get("leavers_declared") or "",
            "vacancies_declared": data.get("vacancies_declared") or "",
            "job_roles": {code: {m: data.get(f"{m}_{code}") or 0 for m in self.MEASURES} for code, _ in self.roles},
            "leaver_reasons": {code: data.get(f"reason_{code}") or 0 for code, _ in self.reasons},
        }


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label="I confirm that the information in this return is correct to the best of my knowledge",
        error_messages={"required": "Confirm that the information is correct"},
    )
