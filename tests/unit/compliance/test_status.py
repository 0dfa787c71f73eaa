"""compliance_status: one table over the round's calendar and every state a requirement can be in."""

from __future__ import annotations

from datetime import date

import pytest

from compliance.rules import RequirementFacts, RequirementKind, Status, compliance_status, effective_due_date
from tests.unit.compliance.factories import complete_return, d, facts

SURVEY = RequirementKind.SURVEY_DISTRIBUTED

# (facts, today, escalated, expected status, expected reason)
CASES = {
    # --- the calendar, nothing submitted -------------------------------------------------------------------
    "before the window": (
        facts(), d(3, 31), False, Status.NOT_DUE, "Not due yet: the window opens on 1 April; due by 30 June"
    ),
    "window opens": (facts(), d(4, 1), False, Status.DUE, "Due by 30 June (90 days left); not submitted yet"),
    "in the window": (facts(), d(6, 1), False, Status.DUE, "Due by 30 June (29 days left); not submitted yet"),
    "day before due": (facts(), d(6, 29), False, Status.DUE, "Due by 30 June (1 day left); not submitted yet"),
    "due day": (facts(), d(6, 30), False, Status.DUE, "Due today (30 June); not submitted yet"),
    "due day, escalated flag ignored": (facts(), d(6, 30), True, Status.DUE, "Due today (30 June); not submitted yet"),
    "due + 1": (
        facts(), d(7, 1), False, Status.OVERDUE, "1 day overdue against the due date of 30 June; not submitted yet"
    ),
    "due + 13": (
        facts(), d(7, 13), False, Status.OVERDUE, "13 days overdue against the due date of 30 June; not submitted yet"
    ),
    "due + 14, escalated": (
        facts(), d(7, 14), True, Status.ESCALATED,
        "Escalated to the council: 14 days overdue against the due date of 30 June; not submitted yet",
    ),
    "after the round closes": (
        facts(), d(8, 11), False, Status.OVERDUE, "42 days overdue against the due date of 30 June; not submitted yet"
    ),
    # --- submitted --------------------------------------------------------------------------------------------
    "complied early": (
        complete_return(d(5, 20)), d(7, 1), False, Status.COMPLIED, "Submitted 20 May, by the due date of 30 June"
    ),
    "complied on the due day": (
        complete_return(d(6, 30)), d(6, 30), False, Status.COMPLIED, "Submitted 30 June, by the due date of 30 June"
    ),
    "complied, escalated flag ignored": (
        complete_return(d(6, 30)), d(8, 1), True, Status.COMPLIED, "Submitted 30 June, by the due date of 30 June"
    ),
    "complied late": (
        complete_return(d(7, 3)), d(7, 3), False, Status.COMPLIED_LATE,
        "Submitted 3 July, 3 days after the due date of 30 June",
    ),
    "complied late after escalation": (
        complete_return(d(7, 20)), d(8, 1), True, Status.COMPLIED_LATE,
        "Submitted 20 July, 20 days after the due date of 30 June",
    ),
    "submission dated after today has not happened yet": (
        complete_return(d(7, 3)), d(7, 2), False, Status.OVERDUE,
        "2 days overdue against the due date of 30 June; not submitted yet",
    ),
    "exactly at the threshold": (
        facts(submitted_on=d(6, 1), is_complete=True, completeness_percent=90), d(6, 2), False, Status.COMPLIED,
        "Submitted 1 June, by the due date of 30 June",
    ),
    "below the threshold, still due": (
        facts(submitted_on=d(6, 20), is_complete=True, completeness_percent=72), d(6, 25), False, Status.DUE,
        "Due by 30 June (5 days left); submitted 20 June but only 72% of staff records are complete (90% needed)",
    ),
    "below the threshold, overdue": (
        facts(submitted_on=d(6, 20), is_complete=True, completeness_percent=89), d(7, 1), False, Status.OVERDUE,
        (
            "1 day overdue against the due date of 30 June; "
            "submitted 20 June but only 89% of staff records are complete (90% needed)"
        ),
    ),
    "structural checks fail": (
        facts(submitted_on=d(6, 20), is_complete=False, completeness_percent=95), d(7, 1), False, Status.OVERDUE,
        "1 day overdue against the due date of 30 June; submitted 20 June but the return is not complete",
    ),
    "contract threshold lower than 90": (
        facts(submitted_on=d(6, 1), is_complete=True, completeness_percent=85, threshold_percent=80), d(7, 1), False,
        Status.COMPLIED, "Submitted 1 June, by the due date of 30 June",
    ),
    "no percentage applies (short return)": (
        facts(submitted_on=d(6, 1), is_complete=True, completeness_percent=None), d(7, 1), False, Status.COMPLIED,
        "Submitted 1 June, by the due date of 30 June",
    ),
    "accepted below the threshold": (
        facts(submitted_on=d(6, 1), is_complete=False, completeness_percent=70, accepted=True), d(7, 1), False,
        Status.COMPLIED, "Submitted 1 June, by the due date of 30 June; accepted by the council",
    ),
    # --- returned for correction -------------------------------------------------------------------------------
    "returned for correction, due": (
        complete_return(d(6, 10), returned_for_correction=True), d(6, 20), False, Status.DUE,
        "Due by 30 June (10 days left); returned for correction and not resubmitted yet",
    ),
    "returned for correction, overdue": (
        complete_return(d(6, 10), returned_for_correction=True), d(7, 1), False, Status.OVERDUE,
        "1 day overdue against the due date of 30 June; returned for correction and not resubmitted yet",
    ),
    "resubmitted in time": (
        complete_return(d(6, 28)), d(7, 1), False, Status.COMPLIED, "Submitted 28 June, by the due date of 30 June"
    ),
    "resubmitted late": (
        complete_return(d(7, 5)), d(7, 6), False, Status.COMPLIED_LATE,
        "Submitted 5 July, 5 days after the due date of 30 June",
    ),
    # --- extensions -------------------------------------------------------------------------------------------
    "extension granted before the due date": (
        facts(extension_until=d(7, 14)), d(6, 20), False, Status.EXTENDED,
        "Extended to 14 July (originally due 30 June); not submitted yet",
    ),
    "extension in force after the due date": (
        facts(extension_until=d(7, 14)), d(7, 5), True, Status.EXTENDED,
        "Extended to 14 July (originally due 30 June); not submitted yet",
    ),
    "last day of the extension": (
        facts(extension_until=d(7, 14)), d(7, 14), False, Status.EXTENDED,
        "Extended to 14 July (originally due 30 June); not submitted yet",
    ),
    "extension expired": (
        facts(extension_until=d(7, 14)), d(7, 15), False, Status.OVERDUE,
        "1 day overdue against the extended due date of 14 July (originally 30 June); not submitted yet",
    ),
    "submitted within the extension": (
        complete_return(d(7, 10), extension_until=d(7, 14)), d(7, 20), False, Status.COMPLIED,
        "Submitted 10 July, by the extended due date of 14 July (originally 30 June)",
    ),
    "submitted after the extension": (
        complete_return(d(7, 16), extension_until=d(7, 14)), d(7, 20), False, Status.COMPLIED_LATE,
        "Submitted 16 July, 2 days after the extended due date of 14 July (originally 30 June)",
    ),
    "an 'extension' to an earlier date changes nothing": (
        facts(extension_until=d(6, 20)), d(6, 25), False, Status.DUE, "Due by 30 June (5 days left); not submitted yet"
    ),
    # --- exemptions -------------------------------------------------------------------------------------------
    "exempt": (
        facts(exempt_reason="Service closing on 31 May"), d(7, 1), True, Status.EXEMPT,
        "Exempt: Service closing on 31 May",
    ),
    "exempt before the window": (
        facts(exempt_reason="New service"), d(3, 1), False, Status.EXEMPT, "Exempt: New service"
    ),
    "exempt but complied on time anyway": (
        complete_return(d(6, 1), exempt_reason="New service"), d(7, 1), False, Status.COMPLIED,
        "Submitted 1 June, by the due date of 30 June",
    ),
    "exemption excuses a late submission": (
        complete_return(d(7, 10), exempt_reason="Outbreak"), d(7, 11), False, Status.EXEMPT, "Exempt: Outbreak"
    ),
    "empty exemption reason is no exemption": (
        facts(exempt_reason=""), d(7, 1), False, Status.OVERDUE,
        "1 day overdue against the due date of 30 June; not submitted yet",
    ),
    # --- individual employers are never overdue or escalated: optional, reminders only ---------------------------
    "individual employer not received": (
        facts(is_individual_employer=True), d(8, 20), True, Status.NOT_RECEIVED,
        "Not received by the due date of 30 June; not submitted yet. The return is optional for individual "
        "employers: they are sent reminders only",
    ),
    "individual employer on the due date is still due": (
        facts(is_individual_employer=True), d(6, 30), False, Status.DUE, "Due today (30 June); not submitted yet",
    ),
    # --- survey distribution ------------------------------------------------------------------------------------
    "survey distributed on time": (
        facts(kind=SURVEY, distributed_on=d(5, 1)), d(7, 1), False, Status.COMPLIED,
        "Survey links recorded as sent on 1 May, by the due date of 30 June",
    ),
    "survey not distributed": (
        facts(kind=SURVEY), d(7, 2), False, Status.OVERDUE,
        "2 days overdue against the due date of 30 June; survey links not recorded as sent yet",
    ),
    "survey distributed late": (
        facts(kind=SURVEY, distributed_on=d(7, 2)), d(7, 2), False, Status.COMPLIED_LATE,
        "Survey links recorded as sent on 2 July, 2 days after the due date of 30 June",
    ),
    "survey distribution dated after today has not happened yet": (
        facts(kind=SURVEY, distributed_on=d(6, 5)), d(6, 4), False, Status.DUE,
        "Due by 30 June (26 days left); survey links not recorded as sent yet",
    ),
    "survey ignores the return's completeness": (
        facts(kind=SURVEY, distributed_on=d(6, 1), submitted_on=d(6, 1), completeness_percent=10), d(6, 2), False,
        Status.COMPLIED, "Survey links recorded as sent on 1 June, by the due date of 30 June",
    ),
    "annual return ignores survey distribution": (
        facts(distributed_on=d(6, 1)), d(6, 2), False, Status.DUE, "Due by 30 June (28 days left); not submitted yet"
    ),
    # --- a round crossing the year end --------------------------------------------------------------------------
    "late across the new year": (
        RequirementFacts(
            kind=RequirementKind.ANNUAL_RETURN, window_opens=d(10, 1), due_date=d(12, 31), closes=d(1, 31, 2026),
            submitted_on=d(1, 2, 2026), is_complete=True, completeness_percent=100,
        ),
        d(1, 5, 2026), False, Status.COMPLIED_LATE, "Submitted 2 January 2026, 2 days after the due date of 31 December",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("requirement", "today", "escalated", "status", "reason"), CASES.values(), ids=CASES.keys())
def test_compliance_status(
    requirement: RequirementFacts, today: date, escalated: bool, status: Status, reason: str
) -> None:
    result = compliance_status(requirement, today=today, escalated=escalated)
    assert (result.status, result.reason) == (status, reason)
    assert result.effective_due_date == effective_due_date(requirement)


@pytest.mark.parametrize(
    ("extension_until", "effective"),
    [(None, d(6, 30)), (d(7, 14), d(7, 14)), (d(6, 30), d(6, 30)), (d(6, 1), d(6, 30))],
)
def test_effective_due_date(extension_until: date | None, effective: date) -> None:
    assert effective_due_date(facts(extension_until=extension_until)) == effective


@pytest.mark.parametrize(
    "changes",
    [
        {"window_opens": d(7, 1)},  # window opens after the due date
        {"closes": d(6, 1)},  # closes before the due date
        {"threshold_percent": 101},
        {"threshold_percent": -1},
        {"completeness_percent": 150},
    ],
)
def test_facts_refuse_impossible_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        facts(**changes)


def test_status_values_are_the_published_strings() -> None:
    assert [s.value for s in Status] == [
        "not_due", "due", "overdue", "escalated", "complied", "complied_late", "extended", "exempt", "not_received"
    ]  # fmt: skip
