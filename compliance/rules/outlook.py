"""Who is likely to miss their due date: the desk's warning list before the deadline, not only after it.

From WARNING_DAYS before each provider's own due date up to and including that day, every requirement not yet
settled is one of:

- on track: submitted, or complete enough (ON_TRACK_PROGRESS % of the return done) and worked on in the last
  RECENT_DAYS days;
- at risk: started but far from complete, or complete enough but left alone for longer than RECENT_DAYS;
- not started: nothing entered yet.

Pure: no Django imports.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

WARNING_DAYS = 30  # the list starts this many days before each provider's due date
ON_TRACK_PROGRESS = 75  # % of the return done that counts as complete enough
RECENT_DAYS = 14  # worked on within this many days counts as recently active


class Outlook(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_STARTED = "not_started"


OUTLOOK_LABELS = {
    Outlook.ON_TRACK: ("On track", "govuk-tag--green"),
    Outlook.AT_RISK: ("At risk", "govuk-tag--orange"),
    Outlook.NOT_STARTED: ("Not started", "govuk-tag--grey"),
}


def in_warning_window(*, due: date, today: date) -> bool:
    """Whether `today` is in the last WARNING_DAYS days before the due date (the due date itself included)."""
    return due - timedelta(days=WARNING_DAYS) <= today <= due


def outlook(
    *,
    today: date,
    due: date,
    submitted: bool,
    started: bool,
    progress_percent: int | None,
    last_active: date | None,
) -> Outlook | None:
    """The outlook of one requirement on `today`, or None outside the warning window (before it, or after the due
    date, when it is simply overdue)."""
    if not in_warning_window(due=due, today=today):
        return None
    if submitted:
        return Outlook.ON_TRACK
    if not started:
        return Outlook.NOT_STARTED
    recent = last_active is not None and today - last_active <= timedelta(days=RECENT_DAYS)
    if (progress_percent or 0) >= ON_TRACK_PROGRESS and recent:
        return Outlook.ON_TRACK
    return Outlook.AT_RISK
