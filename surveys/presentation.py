"""What the survey question, check-answers and help panels need from a questionnaire, ready for templates."""

from __future__ import annotations

from django.urls import reverse

from surveys.models import Campaign
from surveys.questionnaires import (
    HELP_HEADING,
    HELP_INTRO,
    Question,
    Questionnaire,
    QuestionType,
    help_contacts,
    progress,
    visible_questions,
)
from surveys.questionnaires.types import FREE_TEXT_MAX_CHARS

RADIO_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.AGREEMENT, QuestionType.FREQUENCY, QuestionType.YES_NO}


def _chosen(value: object) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(item) for item in value}
    return {str(value)}


def question_context(
    questionnaire: Questionnaire, current: dict, question: Question, *, value: object, error: str | None, change: bool
) -> dict:
    """The template context for one question page."""
    number, total = progress(questionnaire, current["answers"], question.key)
    chosen = _chosen(value)
    options = [
        {"value": v, "label": question.label_for(v), "checked": v in chosen, "exclusive": False, "hint": ""}
        for v in question.option_values()
    ]
    for option, source in zip(options, question.options, strict=False):
        option["exclusive"] = source.exclusive
        option["hint"] = source.hint
    if question.type is QuestionType.SCALE_0_10:
        options[0]["label"] = "0 – not at all likely"
        options[-1]["label"] = "10 – extremely likely"
    return {
        "question": question,
        "number": number,
        "total": total,
        "options": options,
        "widget": _widget(question),
        "text_value": value if isinstance(value, str) else "",
        "error": error,
        "change": change,
        "max_chars": FREE_TEXT_MAX_CHARS,
    }


def _widget(question: Question) -> str:
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return "checkboxes"
    if question.type is QuestionType.FREE_TEXT:
        return "textarea"
    return "radios"


def answer_label(question: Question, value: object) -> str:
    if value is None or value == "" or value == []:
        return "Not answered"
    if isinstance(value, list):
        return ", ".join(question.label_for(item) for item in value)
    return question.label_for(value)


def check_rows(questionnaire: Questionnaire, answers: dict, campaign: Campaign) -> list[dict]:
    """Check-answers rows grouped by section, each with a change link back to its question."""
    sections: list[dict] = []
    for question in visible_questions(questionnaire, answers):
        if not sections or sections[-1]["title"] != question.section:
            sections.append({"title": question.section, "rows": []})
        url = reverse("survey-question", kwargs={"code": campaign.code, "question": question.key}) + "?change=1"
        sections[-1]["rows"].append(
            {"question": question, "answer": answer_label(question, answers.get(question.key)), "url": url}
        )
    return sections


def help_context(campaign: Campaign, *, show: bool) -> dict:
    """The help-contacts panel shown at once when an answer suggests exploitation."""
    if not show:
        return {"help": None}
    return {"help": {"heading": HELP_HEADING, "intro": HELP_INTRO, "contacts": help_contacts()}}
