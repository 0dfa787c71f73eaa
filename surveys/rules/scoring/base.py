"""The shared pieces of survey scoring: the `Indicator` result, item scores, shares, distributions and eNPS.

Every indicator comes back as an `Indicator`: the value, the number of respondents it rests on (`base`) and,
for shares, how many of them said the thing counted (`count`). The base is what the anonymity rules in
`surveys.rules.suppression` check, so callers never show a value without it.

Common rules:
- Responses are the cleaned answer dicts (question key -> stored value), one per response.
- "Prefer not to say" and missing answers are left out of every base, except in `distribution`, where
  "Prefer not to say" is one of the answers shown.
- Percentages run from 0 to 100 and are not rounded here; presentation rounds them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from surveys.questionnaires.options import (
    AGREEMENT_POINTS,
    AGREEMENT_POSITIVE,
    FREQUENCY_POINTS,
    FREQUENCY_POSITIVE,
    PREFER_NOT,
)
from surveys.questionnaires.types import Question, QuestionType

Answers = Mapping[str, object]
PREFER_NOT_VALUE = PREFER_NOT.value
ENPS_KEY = "recommend_employer"
# Items where the "positive" answer is the low end of the scale.
REVERSE_SCORED = frozenset({"think_about_leaving", "pa_isolated"})


@dataclass(frozen=True)
class Indicator:
    """One reported figure: `value` (None when nobody contributes), its `base` of respondents, and the `count`
    behind a share (None for means and net scores)."""

    value: float | None
    base: int
    count: int | None = None


def share(count: int, base: int) -> Indicator:
    """`count` out of `base` as a percentage; no value when the base is 0."""
    return Indicator(value=100 * count / base if base else None, base=base, count=count)


def answer_values(answer: object) -> tuple[str, ...]:
    """An answer as a tuple of strings (one for a single answer, several for a multiple-choice answer)."""
    if answer is None:
        return ()
    if isinstance(answer, list | tuple | set | frozenset):
        return tuple(str(item) for item in answer)
    return (str(answer),)


def answer_given(answer: object) -> bool:
    """True for an answer that counts towards a base: present and not "Prefer not to say"."""
    values = answer_values(answer)
    return bool(values) and PREFER_NOT_VALUE not in values


def item_score(*, question: Question, value: object) -> float | None:
    """An answer on a 0-10 scale, NHS-style: the 5-point scales score 0, 2.5, 5, 7.5 and 10 from the lowest
    point up, and a 0-10 answer scores itself. "Prefer not to say", missing or non-scale answers give None."""
    if value is None:
        return None
    if question.type is QuestionType.SCALE_0_10:
        return float(value) if isinstance(value, int | str) and str(value).isdigit() else None
    points = {QuestionType.AGREEMENT: AGREEMENT_POINTS, QuestionType.FREQUENCY: FREQUENCY_POINTS}.get(question.type)
    if points is None or value not in points:
        return None
    return points.index(str(value)) * 2.5


def is_positive(*, question: Question, value: object) -> bool | None:
    """Whether an agreement or frequency answer is positive: the top two boxes (agree / strongly agree; often /
    always), or the bottom two for reverse-scored items such as "I think about leaving this job". None when the
    answer does not count (missing, "Prefer not to say", or not a 5-point item)."""
    if question.type is QuestionType.AGREEMENT:
        points, positive = AGREEMENT_POINTS, AGREEMENT_POSITIVE
    elif question.type is QuestionType.FREQUENCY:
        points, positive = FREQUENCY_POINTS, FREQUENCY_POSITIVE
    else:
        return None
    if value not in points:
        return None
    if question.key in REVERSE_SCORED:
        return value in points[:2]
    return value in positive


def enps(responses: Sequence[Answers], *, key: str = ENPS_KEY) -> Indicator:
    """Employee net promoter score, -100 to +100: % promoters (9-10) minus % detractors (0-6) among those who
    answered the 0-10 "recommend as a place to work" question. Unstable for small groups: always check the base."""
    scores = [
        int(value) for answers in responses if isinstance(value := answers.get(key), int | str) and str(value).isdigit()
    ]
    promoters = sum(1 for score in scores if score >= 9)
    detractors = sum(1 for score in scores if score <= 6)
    return Indicator(value=100 * (promoters - detractors) / len(scores) if scores else None, base=len(scores))


def share_choosing(responses: Sequence[Answers], *, key: str, values: Iterable[str]) -> Indicator:
    """% of respondents who answered `key` (not "Prefer not to say") whose answer is one of `values`; for a
    multiple-choice question, who ticked at least one of them."""
    wanted = set(values)
    given = [answer_values(answers.get(key)) for answers in responses if answer_given(answers.get(key))]
    return share(sum(1 for answer in given if wanted.intersection(answer)), len(given))


def distribution(responses: Sequence[Answers], *, question: Question) -> dict[str, Indicator]:
    """% choosing each answer, among everyone who answered (here "Prefer not to say" is an answer like the rest).
    For multiple choice the shares are of respondents ticking each option, so they can add up to over 100."""
    given = [answer_values(answers.get(question.key)) for answers in responses]
    given = [answer for answer in given if answer]
    return {
        value: share(sum(1 for answer in given if value in answer), len(given)) for value in question.option_values()
    }


def group_responses(
    responses: Sequence[Answers], *, group_of: Callable[[Answers], str | None]
) -> dict[str, list[Answers]]:
    """Responses split into groups by `group_of` (e.g. `zero_hours_group`); a None group is left out."""
    groups: dict[str, list[Answers]] = {}
    for answers in responses:
        group = group_of(answers)
        if group is not None:
            groups.setdefault(group, []).append(answers)
    return groups
