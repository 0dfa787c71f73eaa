"""The request form: which round and which workbook (shape checks only; the council comes from the URL)."""

from __future__ import annotations

from django import forms

from exports.extraction import included_returns
from exports.extracts import MAX_TABLES, in_catalogue_order, table_choices
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
        choices=[(ExportFile.Kind.WORKFORCE, ExportFile.Kind.WORKFORCE.label)], widget=forms.RadioSelect,
        label="Workbook",
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


class ExtractRequestForm(forms.Form):
    """An ad-hoc extract: a round and some of the fixed tables (nothing else can be chosen)."""

    round = RoundChoiceField(
        queryset=None, to_field_name="slug", widget=forms.RadioSelect, label="Collection round",
        empty_label=None, error_messages={"required": "Select a collection round",
                                          "invalid_choice": "Select a collection round from the list"},
    )
    tables = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, label="Tables",
        help_text="Select the tables you need. Select all that apply.",
        error_messages={"required": "Select at least one table",
                        "invalid_choice": "Select tables from the list"},
    )

    def __init__(self, *args, council: Council, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        self.fields["round"].queryset = round_choices(council=council)
        self.fields["tables"].choices = table_choices()

    def clean_tables(self) -> list[str]:
        chosen = self.cleaned_data["tables"]
        if len(chosen) > MAX_TABLES:
            raise forms.ValidationError(f"Select at most {MAX_TABLES} tables")
        return in_catalogue_order(chosen)
