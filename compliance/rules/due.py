"""The due date of one contract requirement in one round (before any extension): one pure function.

A requirement's due date follows one of three rules (ContractRequirement.DueRule):

- the round's due date (the default: every contract of the round is due the same day);
- a number of days after the round's window opens;
- a number of months after the contract's start anniversary ("within 3 months of the contract's start
  anniversary"), so that a council whose contracts start through the year gets its returns through the year.

For the anniversary rule the anniversary used is the first one (the start day itself counts, for a contract that
starts during the round) whose deadline falls on or after the day the window opens. Whatever the rule, the date is
kept inside the round: never before the window opens, never after the round closes.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum


class DueRule(StrEnum):
    ROUND_DUE_DATE = "round_due_date"
    DAYS_AFTER_WINDOW = "days_after_window"
    CONTRACT_ANNIVERSARY = "contract_anniversary"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 January + 1 month = 28 or
    29 February; 29 February + 12 months = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def anniversary_deadline(*, contract_starts_on: date, months: int, window_opens: date) -> date:
    """The first "anniversary + `months`" on or after the day the window opens (the start itself is year 0)."""
    years = max(0, window_opens.year - contract_starts_on.year - 1 - (months + 11) // 12)
    while True:
        deadline = add_months(add_months(contract_starts_on, 12 * years), months)
        if deadline >= window_opens:
            return deadline
        years += 1


def requirement_due_date(
    *,
    rule: str,
    window_opens: date,
    round_due: date,
    closes: date,
    due_days: int | None = None,
    due_months: int | None = None,
    contract_starts_on: date | None = None,
) -> date:
    """The day one requirement is due in one round, by its rule (see the module's docstring). A rule missing its
    number (days or months) falls back to the round's due date."""
    if rule == DueRule.DAYS_AFTER_WINDOW and due_days is not None:
        found = window_opens + timedelta(days=due_days)
    elif rule == DueRule.CONTRACT_ANNIVERSARY and due_months is not None and contract_starts_on is not None:
        found = anniversary_deadline(contract_starts_on=contract_starts_on, months=due_months, window_opens=window_opens)
    else:
        return round_due
    return min(max(found, window_opens), closes)


def contract_in_round(*, council_id: int, starts_on: date, ends_on: date | None, round_council_id: int | None,
                      round_due: date, window_opens: date) -> bool:
    """Whether a contract's requirements apply in a round: the round is the contract's council's own (or a round
    for every council), the contract starts by the round's due date, and it has not ended before the window opens."""
    if round_council_id not in (None, council_id):
        return False
    return starts_on <= round_due and (ends_on is None or ends_on >= window_opens)
