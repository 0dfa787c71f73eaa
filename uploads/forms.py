from __future__ import annotations

from django import forms

from providers.reference import choices
from uploads.services.uploads import WARNINGS_NOT_ACCEPTED

MAX_FILES = 3
MAX_BYTES = 20 * 1024 * 1024
STAYS, LEFT = "stays", "left"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        for item in items:
            if not item.size:
                raise forms.ValidationError(f"{item.name} is empty. Choose the ASC-WDS file with its rows")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    round = forms.ModelChoiceField(
        queryset=None,
        label="Which collection round are the files for?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the collection round", "invalid_choice": "Select the collection round"},
    )
    files = MultipleFileField(
        label="Upload your ASC-WDS files",
        help_text="The workplace file and the staff file: CSV, Excel (.xlsx) or one .zip holding both. "
        "Each file must be under 20 MB.",
        required=False,
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        only = list(rounds[:2])
        if len(only) == 1:
            self.fields["round"].initial = only[0]

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if not files:
            raise forms.ValidationError("Select your ASC-WDS workplace file and staff file")
        if len(files) > MAX_FILES:
            raise forms.ValidationError("Select at most 3 files: the workplace file and the staff file")
        for upload in files:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(f"{upload.name} must be smaller than 20 MB")
        return files

    def file_pairs(self) -> list[tuple[str, bytes]]:
        return [(f.name, f.read()) for f in self.cleaned_data["files"]]


class ApplyForm(forms.Form):
    """For each member of staff missing from the file: still here, or left (and why). Then accept any warnings."""

    def __init__(self, *args, missing: list[list[str]], warnings: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = [tuple(pair) for pair in missing]
        reasons = [("", "Choose a reason")] + choices("worker_leave_reasons")
        for i, (est, worker) in enumerate(self.missing):
            self.fields[f"staff_{i}"] = forms.ChoiceField(
                label=f"Staff record {worker} at workplace {est}",
                choices=[(STAYS, "Still works here"), (LEFT, "Has left")],
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {worker} still works at {est} or has left"},
            )
            self.fields[f"reason_{i}"] = forms.ChoiceField(
                label=f"If {worker} has left, why did they leave?", choices=reasons, required=False
            )
        if warnings:
            self.fields["accept_warnings"] = forms.BooleanField(
                label="I have read the warnings and want to apply the upload",
                error_messages={"required": WARNINGS_NOT_ACCEPTED},
            )

    def clean(self):
        data = super().clean()
        for i, (_est, worker) in enumerate(self.missing):
            if data.get(f"staff_{i}") == LEFT and not data.get(f"reason_{i}"):
                self.add_error(f"reason_{i}", f"Choose why {worker} left")
        return data

    def leavers(self) -> dict[tuple[str, str], str]:
        return {
            pair: self.cleaned_data[f"reason_{i}"]
            for i, pair in enumerate(self.missing)
            if self.cleaned_data.get(f"staff_{i}") == LEFT
        }
