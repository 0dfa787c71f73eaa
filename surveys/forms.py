"""Forms for survey pages: shape and field checks only; the services make the decisions."""

from __future__ import annotations

from django import forms

from providers.form_fields import GovukDateField
from surveys.local import LOCAL_TYPES
from surveys.models import Channel, Kind
from surveys.services import MAX_CODES_PER_BATCH


class CampaignCreateForm(forms.Form):
    workplace = forms.ModelChoiceField(
        queryset=None, label="Workplace", widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select a workplace", "invalid_choice": "Select a workplace"},
    )
    round = forms.ModelChoiceField(
        queryset=None, label="Collection round", widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select a round", "invalid_choice": "Select a round"},
    )
    kind = forms.ChoiceField(
        choices=Kind.choices, label="Survey", widget=forms.RadioSelect,
        error_messages={"required": "Select a survey", "invalid_choice": "Select a survey"},
    )

    def __init__(self, *args, workplaces, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = workplaces
        self.fields["round"].queryset = rounds


class ChannelCampaignForm(forms.Form):
    channel = forms.ChoiceField(
        choices=Channel.choices, label="How will Personal Assistants get the link?", widget=forms.RadioSelect,
        error_messages={"required": "Select a channel", "invalid_choice": "Select a channel"},
    )
    kind = forms.ChoiceField(
        choices=Kind.choices, label="Survey", widget=forms.RadioSelect,
        error_messages={"required": "Select a survey", "invalid_choice": "Select a survey"},
    )
    round = forms.ModelChoiceField(
        queryset=None, label="Collection round", widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select a round", "invalid_choice": "Select a round"},
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class RoundForm(forms.Form):
    round = forms.ModelChoiceField(
        queryset=None, label="Collection round", widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Select a round", "invalid_choice": "Select a round"},
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class DistributionForm(forms.Form):
    invited_count = forms.IntegerField(
        label="How many staff did you give the link to?", min_value=0, max_value=100000, required=False,
        error_messages={"invalid": "Enter the number of staff as a whole number, like 24",
                        "min_value": "The number of staff must be 0 or more",
                        "max_value": "The number of staff must be 100,000 or fewer"},
    )
    distributed_on = GovukDateField(label="When did you give out the link?", name="The date you gave out the link",
                                    required=False, help_text="For example, 14 4 2026")

    def clean(self):
        data = super().clean()
        if data.get("distributed_on") is None and data.get("invited_count") and not self.errors:
            self.add_error("distributed_on", "Enter the date you gave out the link")
        return data


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label="How many codes do you need?", min_value=1, max_value=MAX_CODES_PER_BATCH,
        help_text="Give one code to each person. A code works once.",
        error_messages={"required": "Enter how many codes you need",
                        "invalid": "Enter the number of codes as a whole number, like 20",
                        "min_value": "Enter 1 or more",
                        "max_value": f"You can make up to {MAX_CODES_PER_BATCH} codes at a time"},
    )


class LocalQuestionForm(forms.Form):
    text = forms.CharField(
        label="Question", max_length=200, error_messages={"required": "Enter the question"},
        help_text="Write it in plain English. Do not ask for names or anything that could identify someone.",
    )
    hint = forms.CharField(label="Hint (optional)", max_length=200, required=False)
    type = forms.ChoiceField(
        label="How people answer", choices=list(LOCAL_TYPES.items()), widget=forms.RadioSelect,
        error_messages={"required": "Select how people answer"},
    )
    options = forms.CharField(
        label="Answers to choose from", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only for ‘choose from a list’. Put each answer on its own line.",
    )
    required = forms.BooleanField(label="People must answer this question", required=False)

    def as_data(self, key: str) -> dict:
        data = self.cleaned_data
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        return {
            "key": key, "type": data["type"], "text": data["text"].strip(), "hint": data.get("hint", "").strip(),
            "options": options if data["type"] in ("single_choice", "multiple_choice") else [],
            "required": bool(data.get("required")), "version": 1,
        }


class StartForm(forms.Form):
    single_use_code = forms.CharField(
        label="Your code", max_length=16, help_text="The code your employer gave you, for example ABCD2345",
        error_messages={"required": "Enter the code you were given"},
    )
