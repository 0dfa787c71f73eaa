"""Forms for the officer's desk and the council's ladder (shape and field checks only; rules live in services)."""

from __future__ import annotations

from django import forms

from compliance.models import ExemptionCategory, LadderStepSetting, Notice, OfficerEntry
from compliance.selectors.desk import STATUS_LABELS
from providers.form_fields import GovukDateField
from providers.models import ContractRequirement
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
