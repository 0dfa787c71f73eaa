"""Template helpers that give Django form fields the GOV.UK Design System markup."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()

TEXT_WIDGETS = {"text", "email", "password", "number", "url", "tel", "search"}
CHOICE_GROUPS = {"radioselect": "radios", "checkboxselectmultiple": "checkboxes"}


def _described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> str:
    """Render a text, select, textarea or file widget with its GOV.UK classes and ARIA links to hint and error."""
    widget_type = field.widget_type
    existing = field.field.widget.attrs.get("class", "")
    if widget_type == "select":
        base = "govuk-select"
    elif widget_type == "textarea":
        base = "govuk-textarea"
    elif widget_type in ("file", "clearablefile"):
        base = "govuk-file-upload"
    else:
        base = "govuk-input"
    classes = [base, existing]
    if field.errors:
        classes.append(f"{base}--error")
    attrs = {"class": " ".join(c for c in classes if c)}
    described = _described_by(field)
    if described:
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.filter
def choice_group(field: BoundField) -> str:
    """'radios', 'checkboxes' or '' for the GOV.UK component a field needs."""
    return CHOICE_GROUPS.get(field.widget_type, "")


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the first radio or checkbox of a group, else the input itself."""
    if field.widget_type in CHOICE_GROUPS:
        return f"{field.auto_id}_0"
    if field.widget_type == "govukdaymonthyear":
        parts = field.field.widget.error_parts or ("day",)
        return f"{field.auto_id}_{parts[0]}"
    return field.auto_id


@register.filter
def described_by(field: BoundField) -> str:
    return _described_by(field)
