from __future__ import annotations

from django import forms

from providers.models import Organisation


class HoldForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.none(), empty_label="Select an organisation",
        error_messages={"required": "Select the organisation whose data must be kept",
                        "invalid_choice": "Select one of your council's organisations"},
    )  # fmt: skip
    reason = forms.CharField(
        label="Why must its data be kept?", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="For example, the claim, investigation or request it is for. Everyone who can see the hold reads this.",
        error_messages={"required": "Enter why the data must be kept",
                        "max_length": "Reason must be 2,000 characters or fewer"},
    )  # fmt: skip

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class LiftForm(forms.Form):
    reason = forms.CharField(
        label="Why can the hold be lifted?", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        help_text="Data already past its retention period will be deleted the next morning.",
        error_messages={"required": "Enter why the hold can be lifted",
                        "max_length": "Reason must be 2,000 characters or fewer"},
    )  # fmt: skip
