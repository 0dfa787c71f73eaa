"""Survey insight (issue 20): what goes with thinking of leaving, and how to shade a heatmap. Pure, no Django.

The driver view compares, item by item, the share answering positively among people who often or always think
about leaving this job (Q15) with the share among everyone else. An item is shown only where BOTH groups have at
least `MIN_RESPONSES` people answering it, and the view is shown at all only where both groups have at least that
many people; each group's figure is a share of at least 10 people, as everywhere else in the survey results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from surveys.questionnaires.types import Questionnaire
from surveys.rules.scoring import Answers
from surveys.rules.scoring.staff import percent_positive, scale_questions
from surveys.rules.suppression.single import MIN_RESPONSES, can_show_results, whole_percent

LEAVING_KEY = "think_about_leaving"
LEAVING_VALUES = ("often", "always")
REST_VALUES = ("never", "rarely", "sometimes")  # "Prefer not to say" and no answer are in neither group


@dataclass(frozen=True)
class Driver:
    key: str
    text: str
    leaving: int  # % positive among those who often think of leaving
    rest: int  # % positive among the rest
    difference: int  # leaving - rest, in percentage points (from the whole percentages shown)


@dataclass(frozen=True)
class DriverView:
    shown: bool
    drivers: tuple[Driver, ...] = ()
    message: str = ""


NOT_ENOUGH = (
    f"Not shown: this needs at least {MIN_RESPONSES} people who often think about leaving and at least "
    f"{MIN_RESPONSES} who do not."
)


def leaving_drivers(responses: Sequence[Answers], *, questionnaire: Questionnaire, min_n: int = MIN_RESPONSES) -> DriverView:
    """Each agreement or frequency item's % positive among those who often or always think about leaving, against
    the rest (never, rarely or sometimes; those who preferred not to say or skipped it are in neither group), largest gaps first."""
    leaving = [a for a in responses if a.get(LEAVING_KEY) in LEAVING_VALUES]
    rest = [a for a in responses if a.get(LEAVING_KEY) in REST_VALUES]
    if not (can_show_results(len(leaving), min_n=min_n) and can_show_results(len(rest), min_n=min_n)):
        return DriverView(shown=False, message=NOT_ENOUGH)
    drivers = []
    for question in scale_questions(questionnaire):
        if question.key == LEAVING_KEY:
            continue
        a, b = percent_positive(leaving, question=question), percent_positive(rest, question=question)
        if a.value is None or b.value is None or not (can_show_results(a.base, min_n=min_n)
                                                      and can_show_results(b.base, min_n=min_n)):  # fmt: skip
            continue
        shown_a, shown_b = whole_percent(a.value), whole_percent(b.value)
        drivers.append(Driver(question.key, question.text, shown_a, shown_b, shown_a - shown_b))
    drivers.sort(key=lambda d: (d.difference, d.key))
    return DriverView(shown=True, drivers=tuple(drivers))


def heat_level(value: float | None, *, low: float, high: float, levels: int = 3) -> int | None:
    """Which of `levels` shades a heatmap cell gets (1 lightest), or None for a hidden cell."""
    if value is None:
        return None
    if high <= low:
        return 1
    position = (min(max(value, low), high) - low) / (high - low)
    return min(levels, 1 + int(position * levels))
