"""The sweep's decision for one requirement: which ladder steps are due today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.rules import (
    DEFAULT_LADDER,
    REMINDER_KINDS,
    DoneStatus,
    LadderStep,
    RequirementFacts,
    Status,
    dated_steps,
    is_escalated,
    plan_sweep,
    schedule,
    schedule_key,
    steps_due,
)
from tests.unit.compliance.factories import DUE, WINDOW_OPENS, complete_return, d, days_between, facts, simulate

KEYS = [s.key for s in DEFAULT_LADDER]


def done_before(key: str) -> dict[str, str]:
    """Every default step before `key` recorded as done, the way a daily sweep leaves them."""
    return {k: DoneStatus.SENT for k in KEYS[: KEYS.index(key)]}


def keys(steps: list[LadderStep] | tuple[LadderStep, ...]) -> list[str]:
    return [s.key for s in steps]


# (facts, done, today, expected keys due)
CASES = {
    # --- each rung on its own day, with the earlier rungs already done -----------------------------------------
    "before the window": (facts(), {}, d(3, 31), []),
    "window opens": (facts(), {}, d(4, 1), ["invitation"]),
    "quiet day in the window": (facts(), done_before("reminder_30"), d(5, 1), []),
    "30 days before": (facts(), done_before("reminder_30"), d(5, 31), ["reminder_30"]),
    "14 days before": (facts(), done_before("reminder_14"), d(6, 16), ["reminder_14"]),
    "7 days before": (facts(), done_before("reminder_7"), d(6, 23), ["reminder_7"]),
    "1 day before": (facts(), done_before("reminder_1"), d(6, 29), ["reminder_1"]),
    "due day": (facts(), done_before("final_reminder"), d(6, 30), ["final_reminder"]),
    "due + 1": (facts(), done_before("overdue_notice"), d(7, 1), ["overdue_notice"]),
    "due + 2, quiet": (facts(), done_before("second_notice"), d(7, 2), []),
    "due + 7: notice and call task": (facts(), done_before("second_notice"), d(7, 7), ["second_notice", "call_task"]),
    "due + 14": (facts(), done_before("formal_letter"), d(7, 14), ["formal_letter"]),
    "due + 42": (facts(), done_before("default_notice"), d(8, 11), ["default_notice"]),
    "after the last rung": (facts(), {k: DoneStatus.SENT for k in KEYS}, d(9, 30), []),
    # --- never twice --------------------------------------------------------------------------------------------
    "sweep run again the same day": (facts(), done_before("reminder_1") | {"reminder_1": "sent"}, d(6, 29), []),
    "call task done, notice not": (facts(), done_before("second_notice") | {"call_task": "sent"}, d(7, 7),
                                   ["second_notice"]),
    "awaiting approval is done": (facts(), done_before("formal_letter") | {"formal_letter": "awaiting_approval"},
                                  d(7, 20), []),
    "rejected is done": (facts(), done_before("formal_letter") | {"formal_letter": "rejected"}, d(7, 20), []),
    "failed is done": (facts(), done_before("overdue_notice") | {"overdue_notice": "failed"}, d(7, 2), []),
    # --- catch-up after missed days: only the latest reached rung ----------------------------------------------
    "missed three reminders": (facts(), {"invitation": "sent"}, d(6, 24), ["reminder_7"]),
    "first sweep ever, mid-window": (facts(), {}, d(6, 1), ["reminder_30"]),
    "missed the overdue notice": (facts(), done_before("overdue_notice"), d(7, 10), ["second_notice", "call_task"]),
    "first sweep ever, long overdue": (facts(), {}, d(9, 1), ["default_notice"]),
    "latest rung done, older missed ones stay missed": (facts(), {"reminder_7": "sent"}, d(6, 25), []),
    # --- the requirement settles the ladder --------------------------------------------------------------------
    "complied on time": (complete_return(d(6, 10)), done_before("reminder_7"), d(6, 23), []),
    "complied late stops the notices": (complete_return(d(7, 3)), done_before("second_notice"), d(7, 7), []),
    "submission after today has not happened yet": (complete_return(d(7, 9)), done_before("second_notice"),
                                                     d(7, 7), ["second_notice", "call_task"]),
    "exempt": (facts(exempt_reason="New service"), {}, d(4, 1), []),
    "exempt after escalation": (facts(exempt_reason="Outbreak"), done_before("default_notice"), d(8, 11), []),
    "below the threshold keeps the reminders coming": (
        facts(submitted_on=d(6, 1), is_complete=True, completeness_percent=60), done_before("reminder_14"),
        d(6, 16), ["reminder_14"],
    ),
    "returned for correction keeps the chase going": (
        complete_return(d(6, 1), returned_for_correction=True), done_before("overdue_notice"), d(7, 1),
        ["overdue_notice"],
    ),
    "accepted below the threshold settles it": (
        facts(submitted_on=d(6, 1), completeness_percent=60, accepted=True), done_before("reminder_14"), d(6, 16), []
    ),
    # --- extensions move the due-date rungs --------------------------------------------------------------------
    "extension: no overdue notice on the old date": (
        facts(extension_until=d(7, 14)), done_before("overdue_notice"), d(7, 1), []
    ),
    "extension: reminders already sent are not resent": (
        facts(extension_until=d(7, 14)), done_before("overdue_notice"), d(7, 13), []
    ),
    "extension: overdue notice the day after the new date": (
        facts(extension_until=d(7, 14)), done_before("overdue_notice"), d(7, 15), ["overdue_notice"]
    ),
    "extension granted early: reminder before the new date": (
        facts(extension_until=d(7, 31)), done_before("reminder_1"), d(7, 30), ["reminder_1"]
    ),
    "extension granted early: nothing on the old due day": (
        facts(extension_until=d(7, 31)), done_before("reminder_1"), d(6, 30), []
    ),
    # --- individual employers: reminders only ------------------------------------------------------------------
    "individual employer invitation": (facts(is_individual_employer=True), {}, d(4, 1), ["invitation"]),
    "individual employer final reminder": (
        facts(is_individual_employer=True), done_before("final_reminder"), d(6, 30), ["final_reminder"]
    ),
    "individual employer, no overdue notice": (
        facts(is_individual_employer=True), done_before("overdue_notice"), d(7, 1), []
    ),
    "individual employer, no formal letter": (
        facts(is_individual_employer=True), done_before("overdue_notice"), d(7, 14), []
    ),
    "individual employer first swept when long overdue": (facts(is_individual_employer=True), {}, d(9, 1),
                                                          ["final_reminder"]),
}  # fmt: skip


@pytest.mark.parametrize(("requirement", "done", "today", "expected"), CASES.values(), ids=CASES.keys())
def test_steps_due(requirement: RequirementFacts, done: dict[str, str], today: date, expected: list[str]) -> None:
    assert keys(steps_due(requirement, ladder=DEFAULT_LADDER, done=done, today=today)) == expected


@pytest.mark.parametrize(
    ("done", "today", "due", "superseded"),
    [
        ({"invitation": "sent"}, d(6, 24), ["reminder_7"], ["reminder_30", "reminder_14"]),
        (done_before("overdue_notice"), d(7, 10), ["second_notice", "call_task"], ["overdue_notice"]),
        ({}, d(4, 1), ["invitation"], []),
        ({"reminder_7": "sent"}, d(6, 25), [], ["invitation", "reminder_30", "reminder_14"]),
    ],
)
def test_missed_steps_are_reported_as_superseded(
    done: dict[str, str], today: date, due: list[str], superseded: list[str]
) -> None:
    plan = plan_sweep(facts(), ladder=DEFAULT_LADDER, done=done, today=today)
    assert (keys(plan.due), keys(plan.superseded)) == (due, superseded)


@pytest.mark.parametrize(
    ("done", "escalated"),
    [
        ({}, False),
        (done_before("formal_letter"), False),  # notices and the call task are not escalation
        ({"formal_letter": "awaiting_approval"}, True),
        ({"formal_letter": "approved"}, True),
        ({"formal_letter": "sent"}, True),
        ({"default_notice": "queued"}, True),
        ({"formal_letter": "skipped"}, False),
        ({"formal_letter": "rejected"}, False),
    ],
)
def test_is_escalated(done: dict[str, str], escalated: bool) -> None:
    assert is_escalated(ladder=DEFAULT_LADDER, done=done) is escalated


def test_plan_reports_escalated_status_once_a_step_awaits_approval() -> None:
    done = done_before("formal_letter") | {"formal_letter": DoneStatus.AWAITING_APPROVAL}
    assert plan_sweep(facts(), ladder=DEFAULT_LADDER, done=done, today=d(7, 20)).status.status is Status.ESCALATED
    ie_plan = plan_sweep(facts(is_individual_employer=True), ladder=DEFAULT_LADDER, done=done, today=d(7, 20))
    assert ie_plan.status.status is Status.NOT_RECEIVED


def test_a_ladder_with_nothing_reached_yet() -> None:
    without_invitation = DEFAULT_LADDER[1:]
    assert steps_due(facts(), ladder=without_invitation, done={}, today=d(4, 1)) == []
    assert keys(steps_due(facts(), ladder=without_invitation, done={}, today=d(5, 31))) == ["reminder_30"]


def test_individual_employers_are_scheduled_reminders_only() -> None:
    planned = schedule(facts(is_individual_employer=True), ladder=DEFAULT_LADDER)
    assert [s.step.key for s in planned] == KEYS[: KEYS.index("overdue_notice")]


def test_a_step_dated_before_the_window_waits_for_it_and_is_superseded_by_the_invitation() -> None:
    """A council ladder whose first reminder would fall before a short window opens."""
    short_window = facts(window_opens=DUE - timedelta(days=20))
    plan = plan_sweep(short_window, ladder=DEFAULT_LADDER, done={}, today=DUE - timedelta(days=21))
    assert (keys(plan.due), keys(plan.superseded)) == ([], [])
    plan = plan_sweep(short_window, ladder=DEFAULT_LADDER, done={}, today=DUE - timedelta(days=20))
    assert (keys(plan.due), keys(plan.superseded)) == (["invitation"], ["reminder_30"])


def test_a_council_ladder_stored_as_strings() -> None:
    ladder = [
        LadderStep(key="open", kind="invitation", offset_days=0, anchor="window_opens", channel="email",
                   audience=("organisation_admins",), needs_approval=False, template="council/open",
                   for_individual_employers=True),
        LadderStep(key="text_3", kind="reminder", offset_days=-3, anchor="due_date", channel="sms",
                   audience=("organisation_admins",), needs_approval=False, template="council/sms",
                   for_individual_employers=True),
        LadderStep(key="letter_10", kind="formal_letter", offset_days=10, anchor="due_date", channel="letter",
                   audience=("senior_accountable_person",), needs_approval=True, template="council/letter",
                   for_individual_employers=False),
    ]  # fmt: skip
    sweep_days = days_between(WINDOW_OPENS, DUE + timedelta(days=60))
    assert simulate(facts(), sweep_days, ladder=ladder) == [(d(4, 1), "open"), (d(6, 27), "text_3"),
                                                            (d(7, 10), "letter_10")]  # fmt: skip


# --- day by day over the whole round ----------------------------------------------------------------------------

FULL_ROUND = days_between(WINDOW_OPENS, DUE + timedelta(days=60))

EXPECTED_FULL_LADDER = [
    (d(4, 1), "invitation"),
    (d(5, 31), "reminder_30"),
    (d(6, 16), "reminder_14"),
    (d(6, 23), "reminder_7"),
    (d(6, 29), "reminder_1"),
    (d(6, 30), "final_reminder"),
    (d(7, 1), "overdue_notice"),
    (d(7, 7), "second_notice"),
    (d(7, 7), "call_task"),
    (d(7, 14), "formal_letter"),
    (d(8, 11), "default_notice"),
]


def test_daily_sweep_with_no_submission_walks_the_whole_ladder() -> None:
    assert simulate(facts(), FULL_ROUND) == EXPECTED_FULL_LADDER


def test_running_the_sweep_three_times_a_day_changes_nothing() -> None:
    assert simulate(facts(), FULL_ROUND, runs_per_day=3) == EXPECTED_FULL_LADDER


def test_individual_employer_day_by_day_gets_reminders_only() -> None:
    assert simulate(facts(is_individual_employer=True), FULL_ROUND) == EXPECTED_FULL_LADDER[:6]


def test_weekly_sweep_sends_only_the_latest_step_each_time() -> None:
    """A sweep that runs only on Mondays (from 7 April 2025) sends each week's latest step, late, and never a
    burst of old ones."""
    mondays = FULL_ROUND[FULL_ROUND.index(d(4, 7)) :: 7]
    assert simulate(facts(), mondays) == [
        (d(4, 7), "invitation"),
        (d(6, 2), "reminder_30"),
        (d(6, 16), "reminder_14"),
        (d(6, 23), "reminder_7"),
        (d(6, 30), "final_reminder"),  # reminder_1 (29 June) superseded
        (d(7, 7), "second_notice"),  # overdue_notice (1 July) superseded
        (d(7, 7), "call_task"),
        (d(7, 14), "formal_letter"),
        (d(8, 11), "default_notice"),
    ]


def test_submission_part_way_stops_the_ladder() -> None:
    assert simulate(complete_return(d(7, 3)), FULL_ROUND) == EXPECTED_FULL_LADDER[:7]


def test_incomplete_submission_then_completed_late() -> None:
    """Submitted 20 June at 70%, raised to 95% on 9 July: the chase runs until the return is complete enough."""

    def facts_on(today: date) -> RequirementFacts:
        if today < d(7, 9):
            return facts(submitted_on=d(6, 20), is_complete=True, completeness_percent=70)
        return complete_return(d(7, 9))

    assert simulate(facts_on, FULL_ROUND) == EXPECTED_FULL_LADDER[:9]


def test_returned_for_correction_then_resubmitted() -> None:
    """Submitted on time, returned for correction on 25 June, resubmitted 2 July: the chase resumes on the day
    the return comes back, with the latest reminder reached (the 7-day one, skipped while the return was in)."""

    def facts_on(today: date) -> RequirementFacts:
        if today < d(6, 25):
            return complete_return(d(6, 20))
        if today < d(7, 2):
            return complete_return(d(6, 20), returned_for_correction=True)
        return complete_return(d(7, 2))

    assert simulate(facts_on, FULL_ROUND) == [
        (d(4, 1), "invitation"),
        (d(5, 31), "reminder_30"),
        (d(6, 16), "reminder_14"),
        (d(6, 25), "reminder_7"),
        (d(6, 29), "reminder_1"),
        (d(6, 30), "final_reminder"),
        (d(7, 1), "overdue_notice"),
    ]


def test_extension_granted_after_the_due_date_restarts_the_notices_from_the_new_date() -> None:
    """Overdue on 1 July; on 5 July an extension to 31 July is granted and nothing is submitted."""

    def facts_on(today: date) -> RequirementFacts:
        return facts() if today < d(7, 5) else facts(extension_until=d(7, 31))

    sweep_days = days_between(WINDOW_OPENS, d(9, 30))
    assert simulate(facts_on, sweep_days) == [
        *EXPECTED_FULL_LADDER[:7],  # up to the overdue notice on 1 July
        (d(8, 7), "second_notice"),
        (d(8, 7), "call_task"),
        (d(8, 14), "formal_letter"),
        (d(9, 11), "default_notice"),
    ]


def test_exemption_part_way_stops_the_ladder() -> None:
    def facts_on(today: date) -> RequirementFacts:
        return facts() if today < d(7, 10) else facts(exempt_reason="Registered manager left")

    assert simulate(facts_on, FULL_ROUND) == EXPECTED_FULL_LADDER[:9]


# --- properties over any sweep calendar -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None)
@given(
    sweep_days=st.sets(st.sampled_from(FULL_ROUND)),
    submitted_after=st.one_of(st.none(), st.integers(min_value=0, max_value=len(FULL_ROUND) - 1)),
    individual=st.booleans(),
)
def test_any_sweep_calendar(sweep_days: set[date], submitted_after: int | None, individual: bool) -> None:
    """Whatever days the sweep runs: no step twice, nothing before its date, nothing after compliance, every
    step sent is on the latest date reached that day, and individual employers only ever get reminders."""
    submitted_on = None if submitted_after is None else FULL_ROUND[submitted_after]
    requirement = (
        facts(is_individual_employer=individual)
        if submitted_on is None
        else complete_return(submitted_on, is_individual_employer=individual)
    )
    planned = {s.step.key: s.on for s in schedule(requirement, ladder=DEFAULT_LADDER)}
    acted = simulate(requirement, sorted(sweep_days))

    sent_keys = [key for _, key in acted]
    assert len(sent_keys) == len(set(sent_keys))
    for day, key in acted:
        assert planned[key] <= day
        assert submitted_on is None or day < submitted_on
        assert planned[key] == max(on for on in planned.values() if on <= day)
        if individual:
            assert DEFAULT_LADDER[KEYS.index(key)].kind in REMINDER_KINDS


@settings(max_examples=300, deadline=None, database=None)
@given(
    first=st.fixed_dictionaries({
        "submitted_on": st.one_of(st.none(), st.sampled_from(FULL_ROUND)),
        "completeness_percent": st.one_of(st.none(), st.integers(0, 100)),
        "is_complete": st.booleans(),
        "extension_until": st.one_of(st.none(), st.sampled_from(FULL_ROUND)),
        "exempt_reason": st.one_of(st.none(), st.just("Closed for refurbishment")),
        "is_individual_employer": st.booleans(),
    }),
    other_percent=st.one_of(st.none(), st.integers(0, 100)),
    other_submitted=st.one_of(st.none(), st.sampled_from(FULL_ROUND)),
    done_keys=st.sets(st.sampled_from(KEYS)),
    today=st.sampled_from(FULL_ROUND),
)  # fmt: skip
def test_a_schedule_shared_by_units_with_the_same_key_plans_the_same(
    first: dict, other_percent: int | None, other_submitted: date | None, done_keys: set[str], today: date
) -> None:
    """The sweep lays a ladder out once for every unit with the same `schedule_key` (compliance.services.sweep):
    planning with another such unit's schedule must give exactly the plan worked out from scratch."""
    mine = facts(**first)
    other = facts(**{**first, "completeness_percent": other_percent, "submitted_on": other_submitted})
    assert schedule_key(mine) == schedule_key(other)
    done = dict.fromkeys(done_keys, DoneStatus.SENT)
    shared = dated_steps(other, ladder=DEFAULT_LADDER)
    alone = plan_sweep(mine, ladder=DEFAULT_LADDER, done=done, today=today)
    assert plan_sweep(mine, ladder=DEFAULT_LADDER, done=done, today=today, dated=shared) == alone
    assert [(s.on, s.step) for s in schedule(mine, ladder=DEFAULT_LADDER)] == [(on, s) for on, _, s in shared]
