"""Forms for the officer's desk and the council's ladder (shape and field checks only; rules live in services)."""

from __future__ import annotations

from django import forms

from collection.rules.policy import STAFF_FIELD_LABELS
from compliance.models import ExemptionCategory, LadderStepSetting, Notice, OfficerEntry
from compliance.rules.register import MAX_BYTES
from compliance.selectors.desk import STATUS_LABELS
from providers.form_fields import GovukDateField
from providers.models import ContractRequirement, Organisation
from providers.reference import choices


class DeskFilterForm(forms.Form):
    round = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status")] + [(k, v[0]) for k, v in STATUS_LABELS.items()]
    )
    service = forms.ChoiceField(required=False, label="Main service")
    district = forms.ChoiceField(required=False)
    officer = forms.ChoiceField(required=False, label="Contract officer")
    sort = forms.ChoiceField(
        required=False, label="Sort by",
        choices=[("organisation", "Organisation"), ("status", "Status"), ("due", "Due date"), ("complete", "% complete")],
    )  # fmt: skip

    def __init__(self, *args, rounds, districts, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(r.slug, r.name) for r in rounds]
        self.fields["service"].choices = [("", "Any service"), *choices("main_services")]
        self.fields["district"].choices = [("", "Any district")] + [(d, d) for d in districts]
        self.fields["officer"].choices = [("", "Any officer")] + [(str(o.pk), o.get_full_name()) for o in officers]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you recording?", choices=OfficerEntry.Kind.choices, widget=forms.RadioSelect
    )
    spoke_to = forms.CharField(label="Who did you speak to? (optional)", required=False, max_length=150)
    text = forms.CharField(label="What happened", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Enter what happened"})  # fmt: skip


class _DecisionForm(forms.Form):
    requirement = forms.ModelChoiceField(queryset=ContractRequirement.objects.none(), empty_label=None,
                                         error_messages={"required": "Select a requirement"})  # fmt: skip
    workplace = forms.ModelChoiceField(queryset=None, required=False, empty_label="All workplaces")
    round = forms.ModelChoiceField(queryset=None, empty_label=None, error_messages={"required": "Select a round"})

    def __init__(self, *args, requirements, workplaces, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = requirements
        self.fields["requirement"].label_from_instance = lambda r: f"{r.get_kind_display()} ({r.contract.reference})"
        self.fields["workplace"].queryset = workplaces
        self.fields["round"].queryset = rounds


class ExtensionForm(_DecisionForm):
    new_due_date = GovukDateField(label="New due date", help_text="For example, 31 7 2026")
    reason = forms.CharField(widget=forms.Textarea, max_length=5000, error_messages={"required": "Enter the reason"})


class ExemptionForm(_DecisionForm):
    category = forms.ChoiceField(label="Reason", choices=ExemptionCategory.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Select the reason for the exemption"})  # fmt: skip
    details = forms.CharField(widget=forms.Textarea, max_length=5000, error_messages={"required": "Enter the details"})


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label="Notice", choices=Notice.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of notice"})  # fmt: skip
    round = forms.ModelChoiceField(queryset=None, required=False, empty_label="Not about one round")
    text = forms.CharField(label="What the notice says", widget=forms.Textarea, max_length=10000,
                           error_messages={"required": "Enter what the notice says"})  # fmt: skip

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you approve this step?", widget=forms.RadioSelect,
        choices=[("approve", "Yes, send it"), ("skip", "No, skip this step")],
        error_messages={"required": "Select whether to approve or skip this step"},
    )  # fmt: skip


class LadderStepForm(forms.ModelForm):
    class Meta:
        model = LadderStepSetting
        fields = ["offset_days", "needs_approval", "subject", "wording"]
        labels = {"offset_days": "Days from the anchor date", "needs_approval": "An officer must approve this step"}
        help_texts = {"wording": "You can use {due}, {organisation} and {response_days}."}


# Contracts and requirements (council admins) ------------------------------------------------------------------


class ContractOrganisationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Which organisation is the contract with?", queryset=Organisation.objects.order_by("name"),
        to_field_name="slug", empty_label="Choose an organisation",
        error_messages={"required": "Choose the organisation", "invalid_choice": "Choose the organisation"},
    )  # fmt: skip


class ContractForm(forms.Form):
    reference = forms.CharField(label="Contract reference", max_length=60,
                                error_messages={"required": "Enter the contract reference"})  # fmt: skip
    starts_on = GovukDateField(label="Start date", help_text="For example, 1 4 2026")
    ends_on = GovukDateField(label="End date (optional)", name="End date", required=False,
                             help_text="Leave empty if it has no end date yet. For example, 31 3 2029")  # fmt: skip
    contract_officer = forms.ModelChoiceField(label="Named contract officer (optional)", queryset=None,
                                              required=False, empty_label="No named officer")  # fmt: skip
    workplaces = forms.ModelMultipleChoiceField(
        label="Which workplaces does it cover?", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave every box empty if it covers all of the organisation's workplaces.",
    )  # fmt: skip

    def __init__(self, *args, officers, workplaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract_officer"].queryset = officers
        self.fields["contract_officer"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["workplaces"].queryset = workplaces
        if not workplaces.exists():
            del self.fields["workplaces"]


class ContractEndForm(forms.Form):
    ends_on = GovukDateField(label="When does the contract end?", name="End date",
                             help_text="For example, 31 3 2027")  # fmt: skip


class RequirementForm(forms.Form):
    kind = forms.ChoiceField(label="What does the contract require?", choices=ContractRequirement.Kind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Choose what it requires"})  # fmt: skip
    due_rule = forms.ChoiceField(
        label="When is it due?", widget=forms.RadioSelect,
        choices=[("round_due_date", "On the collection round's due date"),
                 ("contract_anniversary", "Some months after the contract's start anniversary"),
                 ("days_after_window", "Some days after the round's window opens")],
        error_messages={"required": "Choose when it is due"},
    )  # fmt: skip
    due_months = forms.IntegerField(
        label="Months after the anniversary", required=False, min_value=0, max_value=12,
        help_text="Only for the anniversary: for example 3 for ‘within 3 months of the contract's start anniversary’.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )  # fmt: skip
    due_days = forms.IntegerField(
        label="Days after the window opens", required=False, min_value=0, max_value=365,
        help_text="Only for days after the window opens.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )  # fmt: skip
    completeness_threshold = forms.IntegerField(
        label="Share of staff records that must be complete (%)", initial=90, min_value=0, max_value=100,
        help_text="Annual returns only.", required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )  # fmt: skip
    key_fields = forms.MultipleChoiceField(
        label="Key fields of a staff record (optional)", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(name, label[0].upper() + label[1:]) for name, label in STAFF_FIELD_LABELS.items()],
        help_text="Annual returns only. Leave every box empty for the national standard set.",
    )  # fmt: skip

    def clean_completeness_threshold(self):
        value = self.cleaned_data.get("completeness_threshold")
        return 90 if value is None else value


class RegisterForm(forms.Form):
    register = forms.FileField(label="Upload your contracts register (CSV)",
                               error_messages={"required": "Choose a CSV file to upload",
                                               "empty": "The file you chose is empty"})  # fmt: skip

    def clean_register(self):
        upload = self.cleaned_data["register"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 1 MB: split it into smaller files")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8 (in Excel: CSV UTF-8)") from None


class RoundOpenForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked who this round covers and want to open it",
        error_messages={"required": "Confirm that you have checked who the round covers"},
    )


class LadderDefaultForm(forms.Form):
    choice = forms.ChoiceField(choices=[("take", "Take the new standard"), ("keep", "Keep ours")])
