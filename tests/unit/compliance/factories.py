"""Facts and a small sweep simulator for the compliance rule tests (no Django, no database)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from compliance.rules import DEFAULT_LADDER, DoneStatus, LadderStep, RequirementFacts, RequirementKind, plan_sweep

WINDOW_OPENS = date(2025, 4, 1)
DUE = date(2025, 6, 30)
CLOSES = date(2025, 7, 31)

_BASE = RequirementFacts(kind=RequirementKind.ANNUAL_RETURN, window_opens=WINDOW_OPENS, due_date=DUE, closes=CLOSES)


def facts(**changes: object) -> RequirementFacts:
    """An annual-return requirement in the demo round (window 1 April, due 30 June, closes 31 July 2025)."""
    return replace(_BASE, **changes)  # type: ignore[arg-type]


def complete_return(submitted_on: date, **changes: object) -> RequirementFacts:
    """A return submitted on `submitted_on` that meets the 90% threshold."""
    return facts(submitted_on=submitted_on, is_complete=True, completeness_percent=95, **changes)


def d(month: int, day: int, year: int = 2025) -> date:
    return date(year, month, day)


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def simulate(
    facts_on: RequirementFacts | Callable[[date], RequirementFacts],
    sweep_days: Iterable[date],
    *,
    ladder: Sequence[LadderStep] = DEFAULT_LADDER,
    runs_per_day: int = 1,
) -> list[tuple[date, str]]:
    """Run the sweep on each day as the sweep service would, recording what it acts on.

    Steps due are recorded as sent (or awaiting approval when they need it); superseded steps as skipped.
    Returns every (day, step key) acted on, in order.
    """
    done: dict[str, str] = {}
    acted: list[tuple[date, str]] = []
    for today in sweep_days:
        current = facts_on(today) if callable(facts_on) else facts_on
        for _ in range(runs_per_day):
            plan = plan_sweep(current, ladder=ladder, done=done, today=today)
            for step in plan.due:
                done[step.key] = DoneStatus.AWAITING_APPROVAL if step.needs_approval else DoneStatus.SENT
                acted.append((today, step.key))
            for step in plan.superseded:
                done[step.key] = DoneStatus.SKIPPED
    return acted
