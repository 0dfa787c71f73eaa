"""The daily chase sweep's decision for one requirement: which ladder steps are due today.

The sweep service loads the facts for one (organisation, workplace, requirement, round) and the steps already
recorded for it, calls `plan_sweep`, then sends, queues or holds for approval what it returns and records every
step (including the superseded ones, as skipped) so that nothing is ever due twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from compliance.rules.facts import SETTLED_STATUSES, RequirementFacts, StatusResult
from compliance.rules.ladder import LadderStep, step_date
from compliance.rules.status import compliance_status, effective_due_date
from compliance.rules.survey import NO_RESPONSES_STEP, no_responses_reminder_due


class DoneStatus(StrEnum):
    """What happened to a step the sweep already dealt with (any of these means it is never due again)."""

    SENT = "sent"
    QUEUED = "queued"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    SKIPPED = "skipped"  # superseded by a later step after missed sweep days, or stopped by an officer
    REJECTED = "rejected"  # an officer declined to approve it
    FAILED = "failed"  # delivery failed; retrying is the delivery layer's job, not the ladder's


# A step needing approval that is in one of these states means the requirement has been escalated.
ESCALATING_STATUSES = frozenset(
    {DoneStatus.AWAITING_APPROVAL, DoneStatus.APPROVED, DoneStatus.QUEUED, DoneStatus.SENT, DoneStatus.FAILED}
)


@dataclass(frozen=True)
class ScheduledStep:
    step: LadderStep
    on: date


@dataclass(frozen=True)
class SweepPlan:
    """The decision for one requirement on one day.

    `due` are the steps to act on today (send, queue, or hold for approval when `needs_approval`). `superseded`
    are earlier steps that were missed and will never be sent: record them as skipped. `status` is the
    compliance status the decision was based on.
    """

    due: tuple[LadderStep, ...]
    superseded: tuple[LadderStep, ...]
    status: StatusResult


def schedule(facts: RequirementFacts, *, ladder: Sequence[LadderStep]) -> list[ScheduledStep]:
    """The ladder laid out as dates for this requirement, earliest first (ladder order breaks ties).

    Individual employers only get the steps marked for them: invitation, reminders and the final reminder.
    """
    return [ScheduledStep(step=s, on=on) for on, _, s in dated_steps(facts, ladder=ladder)]


def dated_steps(facts: RequirementFacts, *, ladder: Sequence[LadderStep]) -> list[tuple[date, int, LadderStep]]:
    """`schedule` as plain (date, ladder position, step) tuples, in the same order (the sweep lays out a ladder for
    tens of thousands of units, so this builds no objects). It reads only the ladder, the window's opening, the
    effective due date and whether the organisation is an individual employer: `schedule_key`."""
    individual = facts.is_individual_employer
    steps = [s for s in ladder if s.for_individual_employers or not individual]
    return sorted((step_date(s, facts=facts), i, s) for i, s in enumerate(steps))  # (positions are unique)


def schedule_key(facts: RequirementFacts) -> tuple:
    """Everything of `facts` that `dated_steps` reads: units with equal keys (and the same ladder) share a schedule."""
    return (facts.window_opens, effective_due_date(facts), facts.is_individual_employer)


def is_escalated(*, ladder: Sequence[LadderStep], done: Mapping[str, str]) -> bool:
    """A requirement is escalated once a step that needs an officer's approval has been reached: it is awaiting
    approval, approved, queued, sent or failed in delivery (not skipped or rejected)."""
    if not done:  # (most units on most days: this runs for every unit of a sweep)
        return False
    return any(done.get(s.key) in ESCALATING_STATUSES for s in ladder if s.needs_approval)


def plan_sweep(
    facts: RequirementFacts,
    *,
    ladder: Sequence[LadderStep],
    done: Mapping[str, str],
    today: date,
    dated: list[tuple[date, int, LadderStep]] | None = None,
) -> SweepPlan:
    """Decide which ladder steps are due today for one requirement.

    Nothing from the ladder is due once the requirement is complied with (on time or late) or exempt, or before
    the window opens (a survey requirement may still get its "no answers yet" reminder, `compliance.rules.survey`,
    which is separate from the ladder). Otherwise the steps whose date has come are "reached"; only those on the
    latest reached date are due, and only if not already done. Earlier reached steps that were never done are superseded: after missed
    sweep days the organisation gets the latest step, never a burst of old reminders. A step already in `done`
    (whatever its state) is never due again, so running the sweep twice for one day sends nothing twice.
    An extension moves every due-date step to count from the new date, so while it is in force no notice
    falls due, and undone reminders fall before the new date.

    `dated` may give `dated_steps(facts, ladder=ladder)` already worked out (for another unit with the same
    `schedule_key` and ladder).
    """
    status = compliance_status(facts, today=today, escalated=is_escalated(ladder=ladder, done=done))
    # a survey requirement's own reminder when no answers are published a set time into the window (issue 20)
    nudge = (NO_RESPONSES_STEP,) if no_responses_reminder_due(facts, today=today, done=done) else ()
    if status.status in SETTLED_STATUSES or today < facts.window_opens:
        return SweepPlan(due=nudge, superseded=(), status=status)

    if dated is None:
        dated = dated_steps(facts, ladder=ladder)
    reached = [(on, step) for on, _, step in dated if on <= today]
    if not reached:
        return SweepPlan(due=nudge, superseded=(), status=status)
    latest = reached[-1][0]
    due = tuple(step for on, step in reached if on == latest and step.key not in done)
    superseded = tuple(step for on, step in reached if on < latest and step.key not in done)
    return SweepPlan(due=due + nudge, superseded=superseded, status=status)


def steps_due(
    facts: RequirementFacts, *, ladder: Sequence[LadderStep], done: Mapping[str, str], today: date
) -> list[LadderStep]:
    """The ladder steps to act on today for one requirement (see `plan_sweep` for the rules)."""
    return list(plan_sweep(facts, ladder=ladder, done=done, today=today).due)
