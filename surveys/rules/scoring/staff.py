"""Staff-survey indicators (DOMAIN.md 2.3): engagement index, % positive, intention to leave, stress, bullying."""

from __future__ import annotations

from collections.abc import Sequence

from surveys.questionnaires.options import ZERO_HOURS_VALUE
from surveys.questionnaires.types import Question, Questionnaire, QuestionType
from surveys.rules.scoring.base import Answers, Indicator, enps, is_positive, item_score, share, share_choosing

ENGAGEMENT_KEYS = ("look_forward", "enthusiastic", "make_suggestions", "recommend_employer", "happy_with_care")
ENGAGEMENT_MIN_ITEMS = 3
BULLYING_SOURCES = ("people_supported", "colleagues", "managers")
LEAVE_EMPLOYER = ("care_employer", "leave_social_care", "retire")


def engagement_score(
    answers: Answers, *, questionnaire: Questionnaire, min_items: int = ENGAGEMENT_MIN_ITEMS
) -> float | None:
    """One respondent's engagement score, 0-10: the mean of their item scores on Q1-Q3, Q17 and Q18.

    Needs at least `min_items` of the five answered (not "Prefer not to say"); otherwise None."""
    scores = [
        score
        for key in ENGAGEMENT_KEYS
        if key in questionnaire
        and (score := item_score(question=questionnaire[key], value=answers.get(key))) is not None
    ]
    if len(scores) < min_items:
        return None
    return sum(scores) / len(scores)


def engagement_index(
    responses: Sequence[Answers], *, questionnaire: Questionnaire, min_items: int = ENGAGEMENT_MIN_ITEMS
) -> Indicator:
    """The engagement index, 0-10: the mean of the respondents' engagement scores. The base is the number of
    respondents who have a score."""
    scores = [
        score
        for answers in responses
        if (score := engagement_score(answers, questionnaire=questionnaire, min_items=min_items)) is not None
    ]
    return Indicator(value=sum(scores) / len(scores) if scores else None, base=len(scores))


def percent_positive(responses: Sequence[Answers], *, question: Question) -> Indicator:
    """% positive for one agreement or frequency item: positive answers out of those who gave a scale answer."""
    verdicts = [is_positive(question=question, value=answers.get(question.key)) for answers in responses]
    counted = [verdict for verdict in verdicts if verdict is not None]
    return share(sum(counted), len(counted))


def scale_questions(questionnaire: Questionnaire, *, include_sensitive: bool = False) -> list[Question]:
    """The agreement and frequency items that have a % positive (sensitive items only when asked for)."""
    return [
        question
        for question in questionnaire.questions
        if question.type in (QuestionType.AGREEMENT, QuestionType.FREQUENCY)
        and (include_sensitive or not question.sensitive)
    ]


def percent_positive_by_item(responses: Sequence[Answers], *, questionnaire: Questionnaire) -> dict[str, Indicator]:
    """% positive for every agreement and frequency item, by question key."""
    return {q.key: percent_positive(responses, question=q) for q in scale_questions(questionnaire)}


def percent_positive_by_theme(responses: Sequence[Answers], *, questionnaire: Questionnaire) -> dict[str, Indicator]:
    """% positive per theme, pooled: positive answers over all counted answers to the theme's items.

    The base is the number of respondents who gave at least one counted answer in the theme."""
    themes: dict[str, list[Question]] = {}
    for question in scale_questions(questionnaire):
        if question.theme:
            themes.setdefault(question.theme, []).append(question)
    result: dict[str, Indicator] = {}
    for theme, questions in themes.items():
        positive = answered = respondents = 0
        for answers in responses:
            verdicts = [is_positive(question=q, value=answers.get(q.key)) for q in questions]
            counted = [verdict for verdict in verdicts if verdict is not None]
            positive += sum(counted)
            answered += len(counted)
            respondents += bool(counted)
        result[theme] = Indicator(value=100 * positive / answered if answered else None, base=respondents)
    return result


def intention_to_leave(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """Intention to leave (DOMAIN.md 2.3): `thinking_often` = Q15 "often" or "always"; `leave_social_care` = Q16
    "leave social care"; `leave_employer` = Q16 another care employer, leave social care or retire."""
    return {
        "thinking_often": share_choosing(responses, key="think_about_leaving", values=("often", "always")),
        "leave_social_care": share_choosing(responses, key="next_12_months", values=("leave_social_care",)),
        "leave_employer": share_choosing(responses, key="next_12_months", values=LEAVE_EMPLOYER),
    }


def stress_rate(responses: Sequence[Answers]) -> Indicator:
    """% who felt unwell because of stress at work in the last 3 months (Q12 "yes" out of yes and no)."""
    return share_choosing(responses, key="stress_unwell", values=("yes",))


def bullying_rate(responses: Sequence[Answers]) -> Indicator:
    """% bullied, harassed or abused at work in the last 12 months by anyone (Q13: any source ticked, out of
    those who ticked a source or "None of these")."""
    return share_choosing(responses, key="bullied_by", values=BULLYING_SOURCES)


def bullying_by_source(responses: Sequence[Answers]) -> dict[str, Indicator]:
    """% bullied by each source (people supported or families, colleagues, managers), same base as the rate."""
    return {source: share_choosing(responses, key="bullied_by", values=(source,)) for source in BULLYING_SOURCES}


def zero_hours_group(answers: Answers) -> str | None:
    """The contract group used for gaps: "zero_hours", "other" (any other contract) or None ("Not sure" or
    missing)."""
    contract = answers.get("contract")
    if contract is None or contract == "not_sure":
        return None
    return "zero_hours" if contract == ZERO_HOURS_VALUE else "other"


def satisfaction_indicators(responses: Sequence[Answers], *, questionnaire: Questionnaire) -> dict[str, Indicator]:
    """The headline staff-survey indicators (DOMAIN.md 2.3), flat: engagement index, eNPS, intention to leave,
    stress and bullying rates."""
    leaving = intention_to_leave(responses)
    return {
        "engagement_index": engagement_index(responses, questionnaire=questionnaire),
        "enps": enps(responses),
        "thinking_of_leaving": leaving["thinking_often"],
        "intend_to_leave_social_care": leaving["leave_social_care"],
        "intend_to_leave_employer": leaving["leave_employer"],
        "stress_rate": stress_rate(responses),
        "bullying_rate": bullying_rate(responses),
    }
