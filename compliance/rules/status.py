"""Compliance status: where one requirement stands on one day, and why.

Everything is judged "as of today": a submission or distribution dated after `today` has not happened yet, so
the same facts can be replayed for any day of the round.
"""

from __future__ import annotations

from datetime import date, timedelta

from compliance.rules.facts import SETTLED_STATUSES, RequirementFacts, RequirementKind, Status, StatusResult
from compliance.rules.wording import day_month, days


def effective_due_date(facts: RequirementFacts) -> date:
    """The date the requirement must be met by: the extension date if one was granted, else the due date.

    An extension can only move the date later; an "extension" to a date before the due date changes nothing.
    """
    return extended_due(facts.due_date, facts.extension_until)


def extended_due(due: date, extension_until: date | None) -> date:
    """A due date after an extension to `extension_until` (None: none granted); an extension only moves it later."""
    return due if extension_until is None else max(due, extension_until)


def meets_completeness(facts: RequirementFacts) -> bool:
    """A submitted return is complete enough when it passes the structural checks and its share of staff records
    complete on the key fields (`completeness_percent`, the return's `records_complete_percent`, never its task
    progress) reaches the contract's threshold (or no percentage applies)."""
    if not facts.is_complete:
        return False
    return facts.completeness_percent is None or facts.completeness_percent >= facts.threshold_percent


def met_on(facts: RequirementFacts, *, today: date) -> date | None:
    """The day the requirement was met, or None if it is not met as of `today`.

    Annual return: the latest submission counts if it is not waiting for correction and is either complete
    enough or accepted by a council officer (acceptance overrides the percentage and a stale correction flag).
    Survey distribution: the day the provider recorded that links were sent.
    """
    if facts.kind == RequirementKind.SURVEY_DISTRIBUTED:
        on = facts.distributed_on
        return on if on is not None and on <= today else None
    on = facts.submitted_on
    if on is None or on > today:
        return None
    if facts.accepted:
        return on
    if facts.returned_for_correction or not meets_completeness(facts):
        return None
    return on


def shortfall(facts: RequirementFacts, *, today: date) -> str:
    """What is still missing, in words, for a requirement that is not met as of `today`."""
    if facts.kind == RequirementKind.SURVEY_DISTRIBUTED:
        return "survey links not recorded as sent yet"
    on = facts.submitted_on
    if on is None or on > today:
        return "not submitted yet"
    if facts.returned_for_correction:
        return "returned for correction and not resubmitted yet"
    submitted = f"submitted {day_month(on, relative_to=facts.due_date)}"
    percent = facts.completeness_percent
    if percent is not None and percent < facts.threshold_percent:
        return f"{submitted} but only {percent}% of staff records are complete ({facts.threshold_percent}% needed)"
    return f"{submitted} but the return is not complete"


def _met_phrase(facts: RequirementFacts, on: date) -> str:
    when = day_month(on, relative_to=facts.due_date)
    if facts.kind == RequirementKind.SURVEY_DISTRIBUTED:
        return f"Survey links recorded as sent on {when}"
    return f"Submitted {when}"


def _due_phrase(facts: RequirementFacts) -> str:
    """ "the due date of 30 June" or "the extended due date of 14 July (originally 30 June)"."""
    due = effective_due_date(facts)
    if due == facts.due_date:
        return f"the due date of {day_month(facts.due_date)}"
    return f"the extended due date of {day_month(due, relative_to=facts.due_date)} (originally {day_month(facts.due_date)})"


def compliance_status(facts: RequirementFacts, *, today: date, escalated: bool = False) -> StatusResult:
    """Work out the status of one requirement on `today`, with the reason in plain English.

    In order: met by the (extended) due date is complied; an exemption is exempt (it also excuses a late
    submission); met after the due date is complied late. Otherwise: before the window opens is not due; while
    an extension is in force it is extended; up to and including the due date it is due; after it, overdue, or
    escalated when `escalated` says a step needing an officer's approval has been reached. Individual employers
    (whose return is optional: reminders only) are never overdue or escalated: after the due date theirs is
    "not received".
    """
    due = effective_due_date(facts)
    on = met_on(facts, today=today)
    accepted_note = "; accepted by the council" if on is not None and facts.accepted else ""

    if on is not None and on <= due:
        return StatusResult(Status.COMPLIED, f"{_met_phrase(facts, on)}, by {_due_phrase(facts)}{accepted_note}", due)
    if facts.exempt_reason and facts.exempt_reason.strip():
        return StatusResult(Status.EXEMPT, f"Exempt: {facts.exempt_reason}", due)
    if on is not None:
        late = days((on - due).days)
        return StatusResult(
            Status.COMPLIED_LATE, f"{_met_phrase(facts, on)}, {late} after {_due_phrase(facts)}{accepted_note}", due
        )

    missing = shortfall(facts, today=today)
    if today < facts.window_opens:
        reason = f"Not due yet: the window opens on {day_month(facts.window_opens)}; due by {day_month(due)}"
        return StatusResult(Status.NOT_DUE, reason, due)
    if due != facts.due_date and today <= due:
        reason = (
            f"Extended to {day_month(due, relative_to=facts.due_date)} "
            f"(originally due {day_month(facts.due_date)}); {missing}"
        )
        return StatusResult(Status.EXTENDED, reason, due)
    if today == due:
        return StatusResult(Status.DUE, f"Due today ({day_month(due)}); {missing}", due)
    if today < due:
        left = days((due - today).days)
        return StatusResult(Status.DUE, f"Due by {day_month(due)} ({left} left); {missing}", due)

    if facts.is_individual_employer:
        reason = (
            f"Not received by {_due_phrase(facts)}; {missing}. The return is optional for individual employers: "
            "they are sent reminders only"
        )
        return StatusResult(Status.NOT_RECEIVED, reason, due)
    overdue = f"{days((today - due).days)} overdue against {_due_phrase(facts)}; {missing}"
    if escalated:
        return StatusResult(Status.ESCALATED, f"Escalated to the council: {overdue}", due)
    return StatusResult(Status.OVERDUE, overdue, due)


# A round's requirements stay in the chase and on every page for this many days after the round closes, whatever
# their status (the default notice falls at due + 42). After that a requirement stays live only while it is owed.
ROUND_TAIL_DAYS = 120


def within_round_tail(*, closes: date, today: date) -> bool:
    """Within ROUND_TAIL_DAYS of the round's close: every requirement of the round is live, whatever its status."""
    return closes >= today - timedelta(ROUND_TAIL_DAYS)


def stays_live(*, status: Status | None, closes: date, contract_ends_on: date | None, today: date) -> bool:
    """Whether a requirement of a round is still live on `today`: shown as owed, chased, counted on the desk.

    Within ROUND_TAIL_DAYS of the round's close every requirement is live. After that, "current round" must never
    hide a debt: a requirement stays live while it is not settled (complied, complied late or exempt) and its
    contract has not ended. Settled requirements of old rounds belong to history; so do an individual employer's
    optional return that never came ("not received" is no debt) and anything whose status cannot be assessed
    (`status` None).
    """
    if within_round_tail(closes=closes, today=today):
        return True
    if status is None or status in SETTLED_STATUSES or status == Status.NOT_RECEIVED:
        return False
    return contract_ends_on is None or contract_ends_on >= today
