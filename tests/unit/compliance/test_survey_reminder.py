"""The survey requirement's "no answers published yet" reminder (issue 20), a set time into the window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compliance.rules import (
    DEFAULT_LADDER,
    NO_RESPONSES_AFTER_DAYS,
    NO_RESPONSES_STEP,
    RequirementFacts,
    RequirementKind,
    no_responses_reminder_due,
    plan_sweep,
)

OPENS, DUE, CLOSES = date(2026, 4, 1), date(2026, 6, 30), date(2026, 7, 31)
FIRST_DAY = OPENS + timedelta(days=NO_RESPONSES_AFTER_DAYS)


def facts(**changes) -> RequirementFacts:
    values = {"kind": RequirementKind.SURVEY_DISTRIBUTED, "window_opens": OPENS, "due_date": DUE, "closes": CLOSES}
    return RequirementFacts(**{**values, **changes})


@pytest.mark.parametrize(
    ("today", "changes", "done", "due"),
    [
        (FIRST_DAY - timedelta(days=1), {}, {}, False),  # the day before: too early
        (FIRST_DAY, {}, {}, True),  # the set time into the window
        (FIRST_DAY, {"distributed_on": OPENS}, {}, True),  # recorded as sent, but nobody has answered
        (FIRST_DAY, {"responses_released": True}, {}, False),  # answers published: no reminder
        (FIRST_DAY, {"exempt_reason": "Closing service"}, {}, False),
        (FIRST_DAY, {}, {NO_RESPONSES_STEP.key: "sent"}, False),  # once only
        (DUE + timedelta(days=3), {}, {}, True),  # a missed sweep still sends it while the round is open
        (CLOSES, {}, {}, True),
        (CLOSES + timedelta(days=1), {}, {}, False),  # after the close: nothing to share any more
        (FIRST_DAY, {"kind": RequirementKind.ANNUAL_RETURN}, {}, False),  # returns have their own ladder
    ],
)
def test_when_the_reminder_is_due(today, changes, done, due):
    assert no_responses_reminder_due(facts(**changes), today=today, done=done) is due


def test_the_sweep_adds_it_beside_the_ladder_even_when_links_were_recorded_as_sent():
    plan = plan_sweep(facts(distributed_on=OPENS), ladder=DEFAULT_LADDER, done={"invitation": "sent"}, today=FIRST_DAY)
    assert plan.status.status == "complied"  # distribution recorded: the ladder itself is settled
    assert [step.key for step in plan.due] == [NO_RESPONSES_STEP.key]
    again = plan_sweep(facts(distributed_on=OPENS), ladder=DEFAULT_LADDER,
                       done={"invitation": "sent", NO_RESPONSES_STEP.key: "sent"}, today=FIRST_DAY)
    assert again.due == ()


def test_the_reminder_is_a_plain_reminder_individual_employers_may_get():
    assert NO_RESPONSES_STEP.kind == "reminder" and not NO_RESPONSES_STEP.needs_approval
