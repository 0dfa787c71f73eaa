"""What the survey question, check-answers and help panels need from a questionnaire, ready for templates."""

from __future__ import annotations

from collections.abc import Mapping

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
from surveys.questionnaires.validation import empty_message

RADIO_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.AGREEMENT, QuestionType.FREQUENCY, QuestionType.YES_NO}


def _chosen(value: object) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(item) for item in value}
    return {str(value)}


def field_context(question: Question, *, value: object, error: str | None, field: str = "answer") -> dict:
    """What templates/surveys/includes/answer_field.html needs to show one question's inputs.

    `field` is the input name and the start of its ids: "answer" on a question page, "q-<key>" on the one-page form.
    """
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
        "field": field,
        "options": options,
        "widget": _widget(question),
        "text_value": value if isinstance(value, str) else "",
        "error": error,
        "max_chars": FREE_TEXT_MAX_CHARS,
    }


def question_context(
    questionnaire: Questionnaire, current: dict, question: Question, *, value: object, error: str | None, change: bool
) -> dict:
    """The template context for one question page."""
    number, total = progress(questionnaire, current["answers"], question.key)
    caption = f"Question {number} of {total}"
    return field_context(question, value=value, error=error) | {
        "number": number, "total": total, "change": change, "caption": caption
    }


def one_page_steps(
    questionnaire: Questionnaire, *, raw: Mapping[str, object] | None = None, errors: Mapping[str, str] | None = None
) -> list[dict]:
    """Every question of the one-page survey, each with what the page script needs to show it as a step of its own.

    `condition` says in words when a question applies (shown without JavaScript, where every question is on the
    page); `show_if_key`/`show_if_values` let the script hide it; `help_on` lists the answers that show the help panel.
    """
    raw = raw or {}
    errors = errors or {}
    steps = []
    for number, question in enumerate(questionnaire.questions, start=1):
        step = field_context(
            question, value=raw.get(question.key), error=errors.get(question.key), field=f"q-{question.key}"
        )
        step |= {
            "number": number,
            "caption": f"Question {number}",
            "help_on": " ".join(question.help_on),
            "empty_error": empty_message(question),
        }
        if question.show_if is not None:
            source = questionnaire[question.show_if.key]
            chosen = " or ".join(f"‘{source.label_for(value)}’" for value in question.show_if.any_of)
            step |= {
                "show_if_key": source.key,
                "show_if_values": " ".join(question.show_if.any_of),
                "condition": f"Only answer this if you answered {chosen} to ‘{source.text}’",
            }
        steps.append(step)
    return steps


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
        url = reverse("survey-question-change", kwargs={"code": campaign.code, "question": question.key})
        sections[-1]["rows"].append(
            {"question": question, "answer": answer_label(question, answers.get(question.key)), "url": url}
        )
    return sections


def help_context(*, show: bool) -> dict:
    """The help-contacts panel shown at once when an answer suggests exploitation."""
    if not show:
        return {"help": None}
    return {"help": {"heading": HELP_HEADING, "intro": HELP_INTRO, "contacts": help_contacts()}}
