"""Shared form pieces: the hidden version, the 'Yes, this is correct' confirmation, and mapping service errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from providers.reference import choices


def code_choice(list_name: str, label: str, *, radios: bool = True, help_text: str = "", blank: str = ""):
    options = choices(list_name)
    if not radios:
        options = [("", blank or "Select an answer"), *options]
    return forms.ChoiceField(
        label=label,
        choices=options,
        required=False,
        help_text=help_text,
        widget=forms.RadioSelect if radios else forms.Select,
    )


def number(label: str, *, decimal: bool = False, help_text: str = "", width: int = 4, **kwargs):
    attrs = {"inputmode": "decimal" if decimal else "numeric", "class": f"govuk-input--width-{width}",
             "spellcheck": "false"}
    field_class = forms.DecimalField if decimal else forms.IntegerField
    return field_class(label=label, required=False, help_text=help_text, widget=forms.TextInput(attrs=attrs), **kwargs)


class ReturnForm(forms.Form):
    """A form that saves with optimistic locking and can ask the user to confirm warnings."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_warnings = forms.BooleanField(label="Yes, this is correct", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: list[tuple[str, str]] = []
        self.conflict = False

    def visible_answer_fields(self):
        return [f for f in self if f.name not in ("confirm_warnings", "version") and not f.is_hidden]

    def show_warnings(self, error: ValidationError) -> None:
        """Show the warnings (each linked to its field) and offer the confirmation checkbox."""
        self.warnings = [(self.anchor(field), message) for field, message in _pairs(error)]

    def add_service_errors(self, error: ValidationError) -> None:
        for field, message in _pairs(error):
            self.add_error(field if field in self.fields else None, message)

    def anchor(self, field: str) -> str:
        if field not in self.fields:
            return "main-content"
        bound = self[field]
        if bound.widget_type == "govukdaymonthyear":
            return f"{bound.auto_id}_day"
        return f"{bound.auto_id}_0" if bound.widget_type in ("radioselect", "checkboxselectmultiple") else bound.auto_id

    def keep_input_after_conflict(self, current_version: int) -> None:
        """Keep what the user typed, but with the latest version, so saving again is a deliberate overwrite."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current_version)
        self.data = data
        self.conflict = True


def _pairs(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [(field, message) for field, errors in error.message_dict.items() for message in errors]
    return [("__all__", message) for message in error.messages]
