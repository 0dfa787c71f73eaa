"""The retention schedule as pure functions: for one dataset and the dates that matter to it, the day its rows go.

No Django here. The periods come from `settings.RETENTION` (each defined once there, overridable by environment
variables) through `Periods.from_mapping`; `retention.services` applies these rules to the database.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

UPLOAD_FILES = "upload_files"
STAFF_RECORDS = "staff_records"
SURVEY_RESPONSES = "survey_responses"
CHASE_EVIDENCE = "chase_evidence"
ACCOUNT_WARNING = "account_warning"
ACCOUNT_DEACTIVATION = "account_deactivation"
INVITATIONS = "invitations"

LABELS = {
    UPLOAD_FILES: "Uploaded files",
    STAFF_RECORDS: "Staff records (and their change history)",
    SURVEY_RESPONSES: "Survey responses",
    CHASE_EVIDENCE: "Chase evidence (messages, calls, notes, notices, extensions, exemptions)",
    ACCOUNT_WARNING: "Inactive accounts to be warned",
    ACCOUNT_DEACTIVATION: "Inactive accounts to be deactivated",
    INVITATIONS: "Expired invitations",
}


@dataclass(frozen=True)
class Periods:
    upload_files_days: int = 30
    staff_records_years: int = 6
    survey_responses_years: int = 3
    chase_evidence_years: int = 6
    inactive_account_years: int = 2
    account_warning_days: int = 30
    invitation_days_after_expiry: int = 0

    @classmethod
    def from_mapping(cls, values: Mapping[str, int]) -> Periods:
        known = set(cls.__dataclass_fields__)
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"Unknown retention periods: {', '.join(sorted(unknown))}")
        for name, value in values.items():
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"Retention period {name} must be a whole number of 0 or more, not {value!r}")
        return cls(**values)


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a year that has none."""
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def upload_files_delete_on(*, uploaded_on: date, applied_on: date | None, periods: Periods) -> date:
    """Raw uploaded files go a set number of days after the upload was applied (or made, if it never was)."""
    return (applied_on or uploaded_on) + timedelta(days=periods.upload_files_days)


def staff_records_delete_on(*, round_closes: date, periods: Periods) -> date:
    """A return's staff records (and their rows in the change history) go N years after its round closed."""
    return add_years(round_closes, periods.staff_records_years)


def survey_responses_delete_on(*, round_closes: date, periods: Periods) -> date:
    """A campaign's responses go M years after its round closed (responses carry no date of their own)."""
    return add_years(round_closes, periods.survey_responses_years)


def chase_evidence_delete_on(*, contract_ends: date | None, periods: Periods) -> date | None:
    """Chase evidence lives as long as the contract, then 6 more years; None while the contract has no end."""
    return None if contract_ends is None else add_years(contract_ends, periods.chase_evidence_years)


def account_warn_on(*, last_active: date, periods: Periods) -> date:
    """An account is warned when it has not been used for two years."""
    return add_years(last_active, periods.inactive_account_years)


def account_deactivate_on(*, last_active: date, warned_on: date | None, periods: Periods) -> date | None:
    """Deactivated a set number of days after the warning, unless it was used since (then it is not due at all)."""
    if warned_on is None or last_active > warned_on:
        return None
    return warned_on + timedelta(days=periods.account_warning_days)


def invitation_delete_on(*, expires_on: date, periods: Periods) -> date:
    return expires_on + timedelta(days=periods.invitation_days_after_expiry)


_RULES = {
    UPLOAD_FILES: lambda d, p: upload_files_delete_on(uploaded_on=d["uploaded_on"], applied_on=d.get("applied_on"), periods=p),
    STAFF_RECORDS: lambda d, p: staff_records_delete_on(round_closes=d["round_closes"], periods=p),
    SURVEY_RESPONSES: lambda d, p: survey_responses_delete_on(round_closes=d["round_closes"], periods=p),
    CHASE_EVIDENCE: lambda d, p: chase_evidence_delete_on(contract_ends=d.get("contract_ends"), periods=p),
    ACCOUNT_WARNING: lambda d, p: None if d.get("warned_on") else account_warn_on(last_active=d["last_active"], periods=p),
    ACCOUNT_DEACTIVATION: lambda d, p: account_deactivate_on(
        last_active=d["last_active"], warned_on=d.get("warned_on"), periods=p
    ),
    INVITATIONS: lambda d, p: invitation_delete_on(expires_on=d["expires_on"], periods=p),
}


def delete_on(dataset: str, dates: Mapping[str, date | None], periods: Periods) -> date | None:
    """The first day a row of `dataset` with these dates is due to go (None: not due while things stay as they are)."""
    return _RULES[dataset](dates, periods)


def is_due(dataset: str, dates: Mapping[str, date | None], *, today: date, periods: Periods, held: bool = False) -> bool:
    """Due today? A legal hold on the organisation pauses every dataset."""
    when = delete_on(dataset, dates, periods)
    return not held and when is not None and when <= today


def due_by(dataset: str, dates: Mapping[str, date | None], *, until: date, periods: Periods) -> date | None:
    """The day it goes, when that is on or before `until` (for "what goes next month"); else None."""
    when = delete_on(dataset, dates, periods)
    return when if when is not None and when <= until else None
