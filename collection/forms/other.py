from __future__ import annotations

from django import forms

from collection.light_rules import DIFFICULTY, HOURS_BANDS, PAY_BANDS
from collection.models import WorkforceReturn
from providers.form_fields import GovukDateField
from providers.reference import choices


def _date(label: str, name: str, help_text: str = "") -> GovukDateField:
    hint = f"{help_text} For example, 31 3 2027" if help_text else "For example, 31 3 2027"
    return GovukDateField(label=label, name=name, help_text=hint)


class RoundForm(forms.Form):
    name = forms.CharField(label="Name", max_length=80, help_text="For example, Workforce return 2027.",
                           error_messages={"required": "Enter a name for the round"})
    snapshot_date = _date("Snapshot date", "Snapshot date", "The day the return describes, usually 31 March.")
    window_opens = _date("Date the window opens", "The date the window opens")
    due_date = _date("Due date", "Due date")
    closes = _date("Closing date", "Closing date")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="What do you want to do with this return?",
        choices=[(WorkforceReturn.State.ACCEPTED, "Accept it"),
                 (WorkforceReturn.State.RETURNED, "Return it to the provider for correction")],
        widget=forms.RadioSelect, error_messages={"required": "Select whether to accept or return it"},
    )
    comment = forms.CharField(label="Comment for the provider", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Needed if you return it: say what they need to correct.", max_length=2000)


def _count(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=999, help_text=help_text,
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}))


class PersonalAssistantReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    pas_employed = forms.IntegerField(
        label="How many Personal Assistants (PAs) do you employ now?", min_value=0, max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter how many PAs you employ"},
    )
    fixed_hours_pas = _count("How many of them have fixed hours each week?", "The others work as and when needed.")
    starters = _count("How many PAs started working for you in the last 12 months?")
    leavers = _count("How many PAs stopped working for you in the last 12 months?")
    leaver_reasons = forms.MultipleChoiceField(
        label="Why did they leave?", required=False, widget=forms.CheckboxSelectMultiple,
        choices=choices("worker_leave_reasons"), help_text="Select all that apply, as far as you know.",
    )
    unfilled_hours = _count("How many hours of support a week are you unable to fill at the moment?")
    recruitment_difficulty = forms.ChoiceField(label="How easy or hard was it to find a PA?", choices=DIFFICULTY,
                                               widget=forms.RadioSelect, required=False)
    uses_payroll = forms.ChoiceField(label="Do you use a payroll service?",
                                     choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
                                     required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, bands in (("hours_bands", HOURS_BANDS), ("pay_bands", PAY_BANDS)):
            for code, label in bands:
                self.fields[f"{key}_{code}"] = _count(label)

    def band_fields(self, key: str):
        bands = HOURS_BANDS if key == "hours_bands" else PAY_BANDS
        return [self[f"{key}_{code}"] for code, _ in bands]

    def main_fields(self, *names):
        return [self[name] for name in names]

    @classmethod
    def initial_for(cls, pa_return) -> dict:
        initial = {name: getattr(pa_return, name) for name in (
            "version", "pas_employed", "fixed_hours_pas", "starters", "leavers", "leaver_reasons", "unfilled_hours",
            "recruitment_difficulty", "uses_payroll")}
        for key in ("hours_bands", "pay_bands"):
            for code, count in (getattr(pa_return, key) or {}).items():
                initial[f"{key}_{code}"] = count
        return initial

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        answers = {name: data.get(name) for name in ("pas_employed", "fixed_hours_pas", "starters", "leavers",
                                                     "unfilled_hours")}
        answers["leaver_reasons"] = list(data.get("leaver_reasons") or [])
        answers["recruitment_difficulty"] = data.get("recruitment_difficulty") or ""
        answers["uses_payroll"] = data.get("uses_payroll") or ""
        for key, bands in (("hours_bands", HOURS_BANDS), ("pay_bands", PAY_BANDS)):
            answers[key] = {code: data.get(f"{key}_{code}") or 0 for code, _ in bands}
        return answers
