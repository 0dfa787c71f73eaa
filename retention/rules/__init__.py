"""The retention schedule's rules, pure (no Django): `schedule` holds the datasets, the periods and when each goes."""

from retention.rules.schedule import (
    ACCOUNT_DEACTIVATION,
    ACCOUNT_WARNING,
    CHASE_EVIDENCE,
    INVITATIONS,
    LABELS,
    STAFF_RECORDS,
    SURVEY_RESPONSES,
    UPLOAD_FILES,
    Periods,
    add_years,
    delete_on,
    due_by,
    is_due,
)

__all__ = [
    "ACCOUNT_DEACTIVATION", "ACCOUNT_WARNING", "CHASE_EVIDENCE", "INVITATIONS", "LABELS", "STAFF_RECORDS",
    "SURVEY_RESPONSES", "UPLOAD_FILES", "Periods", "add_years", "delete_on", "due_by", "is_due",
]  # fmt: skip
