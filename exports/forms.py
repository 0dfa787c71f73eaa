"""The request form: which round and which workbook (shape checks only; the council comes from the URL)."""

from __future__ import annotations

from django import forms

from exports.extraction import included_returns
from exports.models import ExportFile
from exports.selectors import round_choices
from providers.models import Council


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} (snapshot {obj.snapshot_date:%-d %B %Y})"


class ExportRequestForm(forms.Form):
    round = RoundChoiceField(
        queryset=None, to_field_name="slug", widget=forms.RadioSelect, label="Collection round",
        empty_label=None, error_messages={"required": "Select a collection round",
                                          "invalid_choice": "Select a collection round from the list"},
    )
    kind = forms.ChoiceField(
        choices=ExportFile.Kind.choices, widget=forms.RadioSelect, label="Workbook",
        initial=ExportFile.Kind.WORKFORCE,
        help_text="Aggregated, anonymised tables. Small numbers are hidden and other counts rounded.",
        error_messages={"required": "Select a workbook", "invalid_choice": "Select a workbook from the list"},
    )

    def __init__(self, *args, council: Council, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["round"].queryset = round_choices(council=council)

    def clean_round(self):
        chosen = self.cleaned_data["round"]
        if not included_returns(council=self.council, collection_round=chosen).exists():
            raise forms.ValidationError(
                f"No provider you contract with has submitted a return for {chosen.name} yet. Choose another round."
            )
        return chosen
