"""The desk's "on track" list before the deadline (compliance.rules.outlook): table-driven. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compliance.rules.outlook import ON_TRACK_PROGRESS, RECENT_DAYS, WARNING_DAYS, Outlook, outlook

DUE = date(2027, 6, 30)


def _days(n: int) -> date:
    return DUE - timedelta(days=n)


# (days before the due date, submitted, started, progress %, days since last active, expected, why)
CASES = [
    (WARNING_DAYS + 1, False, False, None, None, None, "before the warning window: not listed"),
    (WARNING_DAYS, False, False, None, None, Outlook.NOT_STARTED, "first day of the window"),
    (-1, False, True, 10, 0, None, "after the due date: overdue, not this list"),
    (0, False, True, 10, 0, Outlook.AT_RISK, "the due date itself is in the window"),
    (10, True, True, 40, 30, Outlook.ON_TRACK, "submitted is on track whatever the progress"),
    (10, False, False, None, None, Outlook.NOT_STARTED, "nothing entered"),
    (10, False, True, ON_TRACK_PROGRESS, 0, Outlook.ON_TRACK, "complete enough and worked on today"),
    (10, False, True, ON_TRACK_PROGRESS, RECENT_DAYS, Outlook.ON_TRACK, "complete enough, active on the limit day"),
    (10, False, True, ON_TRACK_PROGRESS, RECENT_DAYS + 1, Outlook.AT_RISK, "complete enough but left alone"),
    (10, False, True, ON_TRACK_PROGRESS - 1, 0, Outlook.AT_RISK, "busy but far from complete"),
    (10, False, True, 100, None, Outlook.AT_RISK, "complete but never recorded as active"),
    (10, False, True, None, 1, Outlook.AT_RISK, "started with no progress figure (a PA return in progress)"),
]


@pytest.mark.parametrize(("before", "submitted", "started", "progress", "idle", "expected", "why"), CASES,
                         ids=[c[-1] for c in CASES])  # fmt: skip
def test_outlook(before, submitted, started, progress, idle, expected, why):
    today = _days(before)
    last_active = today - timedelta(days=idle) if idle is not None else None
    found = outlook(today=today, due=DUE, submitted=submitted, started=started, progress_percent=progress,
                    last_active=last_active)  # fmt: skip
    assert found == expected, why
