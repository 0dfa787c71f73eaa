"""Anonymity rules for one table of survey results (PRODUCT.md 4, DOMAIN.md 4.2, EXPORTS.md 1.5 and 5 rule 7).
Pure, no Django. The threshold `MIN_RESPONSES` is defined here and only here.

- An employer sees its own results only when at least `MIN_RESPONSES` (10) responses exist for that workplace
  and round, and never free text, demographic results or exploitation answers.
- A breakdown shows only groups of at least 10, with secondary suppression so that no hidden group can be worked
  out as "total minus the groups shown" (`suppress_breakdown`); breakdowns of the same responses are protected
  together by `surveys.rules.suppression.joint`.
- Response counts for chasing are shown only as ranges: "0", "1–9", "10+".
- Where a number of respondents is shown at all, it is rounded to `BASE_ROUNDING` (5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from surveys.questionnaires.flow import clean_answers
from surveys.questionnaires.types import Questionnaire, QuestionType
from surveys.rules.scoring import Answers, Indicator, distribution, exit_indicators, satisfaction_indicators

MIN_RESPONSES = 10
BASE_ROUNDING = 5
OTHER_LABEL = "Other"

BAND_NONE = "0"
BAND_FEW = f"1–{MIN_RESPONSES - 1}"
BAND_ENOUGH = f"{MIN_RESPONSES}+"

Band = str
RollUp = bool | Literal["auto"]


def can_show_results(n: int, *, min_n: int = MIN_RESPONSES) -> bool:
    """Results for a group (an employer's round, a breakdown group, a question) are shown only with at least
    `min_n` responses."""
    return n >= min_n


def rounded_base(n: int, *, base: int = BASE_ROUNDING) -> int:
    """A number of respondents as shown: to the nearest `base` (5), halves up (12 -> 10, 13 -> 15)."""
    return int(math.floor(n / base + 0.5)) * base


def response_band(n: int) -> Band:
    """A response count as a range for chasing without identities: "0", "1–9" or "10+" (the 10 is
    `MIN_RESPONSES`). Raises ValueError for a negative count."""
    if n < 0:
        raise ValueError("A response count cannot be negative")
    if n == 0:
        return BAND_NONE
    return BAND_ENOUGH if n >= MIN_RESPONSES else BAND_FEW


def _hidden_is_safe(counts: Mapping[str, int], hidden: set[str], *, residual: int, min_n: int) -> bool:
    """The hidden groups are safe when they hide nobody (all zero), or when, together with any responses that
    are in the total but in no group, they hold at least `min_n` responses spread over at least two cells, so
    subtracting the groups shown from the total reveals only a combined figure of `min_n` or more."""
    nonzero = [key for key in hidden if counts[key] > 0]
    if not nonzero:
        return True
    mass = sum(counts[key] for key in hidden) + residual
    cells = len(nonzero) + (1 if residual > 0 else 0)
    return mass >= min_n and cells >= 2


def _smallest_shown(counts: Mapping[str, int], hidden: set[str]) -> str | None:
    """The next group to hide: the smallest non-zero group still shown, ties broken by label."""
    candidates = sorted((count, key) for key, count in counts.items() if key not in hidden and count > 0)
    return candidates[0][1] if candidates else None


def _check_counts(counts: Mapping[str, int], total: int | None) -> int:
    if any(count < 0 for count in counts.values()):
        raise ValueError("Counts cannot be negative")
    grouped = sum(counts.values())
    if total is None:
        return 0
    if total < grouped:
        raise ValueError(f"The total ({total}) is smaller than the sum of the groups ({grouped})")
    return total - grouped


def _suppress(counts: Mapping[str, int], *, residual: int, min_n: int, forced: frozenset[str]) -> dict[str, int | None]:
    hidden = {key for key, count in counts.items() if count < min_n} | forced
    while not _hidden_is_safe(counts, hidden, residual=residual, min_n=min_n):
        next_key = _smallest_shown(counts, hidden)
        if next_key is None:
            hidden = set(counts)
            break
        hidden.add(next_key)
    return {key: None if key in hidden else count for key, count in counts.items()}


def _pool_is_safe(counts: Mapping[str, int], pooled: set[str], *, min_n: int, other_label: str) -> bool:
    """A rolled-up group is safe when it holds at least `min_n` and no hidden group is the only one in it."""
    nonzero = [key for key in pooled if counts[key] > 0]
    covers_someone = any(key != other_label for key in nonzero)
    return sum(counts[key] for key in pooled) >= min_n and (len(nonzero) >= 2 or not covers_someone)


def _roll_up(
    counts: Mapping[str, int], *, residual: int, min_n: int, forced: frozenset[str], other_label: str
) -> dict[str, int | None]:
    pooled = {key for key, count in counts.items() if 0 < count < min_n} | forced
    if other_label in counts:
        pooled.add(other_label)
    if not any(counts[key] for key in pooled):
        return _suppress(counts, residual=residual, min_n=min_n, forced=forced)
    while not _pool_is_safe(counts, pooled, min_n=min_n, other_label=other_label):
        next_key = _smallest_shown(counts, pooled)
        if next_key is None:
            return dict.fromkeys([*counts, other_label])
        pooled.add(next_key)
    result: dict[str, int | None] = {
        key: None if key in pooled or count < min_n else count for key, count in counts.items()
    }
    result[other_label] = sum(counts[key] for key in pooled)
    return result


def _shown_total(result: Mapping[str, int | None], *, other_label: str) -> tuple[int, int]:
    named = [value for key, value in result.items() if key != other_label and value is not None]
    return len(named), sum(named)


def suppress_breakdown(
    counts: Mapping[str, int],
    *,
    total: int | None = None,
    min_n: int = MIN_RESPONSES,
    roll_up: RollUp = False,
    other_label: str = OTHER_LABEL,
    hidden: Iterable[str] = (),
) -> dict[str, int | None]:
    """Which group counts of a breakdown may be shown; a hidden group maps to None. Keeps the order of `counts`.

    Rules:
    1. Primary: a group with fewer than `min_n` responses is hidden (a group of 0 is hidden too, but hides
       nobody, so it never forces more hiding).
    2. Secondary: the total is taken as published. If the hidden groups could be worked out by subtraction
       (one hidden group on its own, or hidden groups adding up to fewer than `min_n`), the smallest group still
       shown is hidden as well (ties by label), and again until the hidden groups together hold at least `min_n`
       over at least two groups. Responses in `total` but in no group (e.g. not answered) count as a hidden cell.
    3. Roll-up (`roll_up=True`): instead of hiding them, small groups are added into one `other_label` group
       (an existing group with that label joins it); more groups join, smallest first, until it holds at least
       `min_n`. With `roll_up="auto"` both ways are worked out and the one showing more named groups (then more
       responses in them) is used, roll-up winning a tie because it says how many are in the hidden groups.
    4. `hidden` names groups that must be hidden whatever their size (e.g. hidden in a linked table); they are
       protected by the same secondary rule.

    Raises ValueError for a negative count or a total smaller than the sum of the groups.
    """
    residual = _check_counts(counts, total)
    forced = frozenset(hidden) & set(counts)
    plain = _suppress(counts, residual=residual, min_n=min_n, forced=forced)
    if roll_up is False:
        return plain
    rolled = _roll_up(counts, residual=residual, min_n=min_n, forced=forced, other_label=other_label)
    if roll_up is True:
        return rolled
    if _shown_total(plain, other_label=other_label) > _shown_total(rolled, other_label=other_label):
        return plain
    return rolled


def suppress_indicators(
    groups: Mapping[str, Indicator],
    *,
    total_base: int | None = None,
    min_n: int = MIN_RESPONSES,
    hidden: Iterable[str] = (),
) -> dict[str, Indicator | None]:
    """One indicator across the groups of a breakdown, with the breakdown rules applied to the indicators' bases:
    a group's value is hidden (None) when its base is under `min_n`, or when it must be hidden so that it cannot be
    worked out from the overall figure and the groups shown."""
    bases = {key: ind.base for key, ind in groups.items()}
    shown = suppress_breakdown(bases, total=total_base, min_n=min_n, hidden=hidden)
    return {key: groups[key] if shown[key] is not None else None for key in groups}


def whole_percent(value: float | None) -> int:
    """A percentage to the nearest whole number, halves rounded up (12.5 -> 13); None counts as 0."""
    return int(math.floor((value or 0) + 0.5))


def _indicators_for(
    questionnaire: Questionnaire, responses: Sequence[Answers], *, include_sensitive: bool
) -> dict[str, Indicator]:
    if questionnaire.kind == "exit":
        return exit_indicators(responses, include_sensitive=include_sensitive)
    return satisfaction_indicators(responses, questionnaire=questionnaire)


@dataclass(frozen=True)
class QuestionResult:
    """Whole-number percentages choosing each answer to one question, out of `base` people who answered it."""

    key: str
    text: str
    base: int
    percentages: tuple[tuple[str, str, int], ...]  # (value, label, percent)


@dataclass(frozen=True)
class ProviderResults:
    """What an employer may see for one workplace and round. When `shown` is False only the band is given."""

    shown: bool
    band: Band
    responses: int | None = None
    questions: tuple[QuestionResult, ...] = ()
    indicators: dict[str, Indicator | None] = field(default_factory=dict)
    message: str = ""


WITHHELD_MESSAGE = (
    f"Results are shown only when at least {MIN_RESPONSES} people have answered, so that nobody can be "
    f"identified. Fewer than {MIN_RESPONSES} people's answers have been released so far."
)


def provider_results(
    *, questionnaire: Questionnaire, responses: Sequence[Answers], min_n: int = MIN_RESPONSES
) -> ProviderResults:
    """An employer's own results for one workplace and round.

    Rules: nothing but the band when there are fewer than `min_n` responses; then, per question, the share choosing
    each answer only where at least `min_n` answered it; indicators only where their base is at least `min_n`.
    Never included: free text, sensitive questions (the exploitation question and its count), demographic
    questions, and any breakdown within the employer. Responses are cleaned first, so answers to hidden questions
    never count.
    """
    n = len(responses)
    band = response_band(n)
    if not can_show_results(n, min_n=min_n):
        return ProviderResults(shown=False, band=band, message=WITHHELD_MESSAGE)
    cleaned = [clean_answers(questionnaire, answers) for answers in responses]
    results: list[QuestionResult] = []
    for question in questionnaire.questions:
        if question.type is QuestionType.FREE_TEXT or question.sensitive or question.demographic:
            continue
        shares = distribution(cleaned, question=question)
        base = next(iter(shares.values())).base if shares else 0
        if not can_show_results(base, min_n=min_n):
            continue
        percentages = tuple(
            (value, question.label_for(value), whole_percent(ind.value)) for value, ind in shares.items()
        )
        results.append(QuestionResult(key=question.key, text=question.text, base=base, percentages=percentages))
    indicators = _indicators_for(questionnaire, cleaned, include_sensitive=False)
    return ProviderResults(
        shown=True,
        band=band,
        responses=n,
        questions=tuple(results),
        indicators={key: ind if can_show_results(ind.base, min_n=min_n) else None for key, ind in indicators.items()},
    )
