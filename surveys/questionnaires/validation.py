"""Checking one answer as it comes from a form, per question type, with GOV.UK-style error messages.

`validate_answer` returns `(value, None)` when the answer is fine and `(None, message)` when it is not. Stored
values: a string for single-choice, scale and yes/no questions, a list of strings (in option order) for
multiple choice, an int for 0-10 and a string for free text. An empty optional answer is `(None, None)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from surveys.questionnaires.types import FREE_TEXT_MAX_CHARS, Question, Questionnaire, QuestionType

Value = str | int | list[str] | None

MSG_SELECT = "Select an answer"
MSG_SELECT_AGREEMENT = "Select how much you agree or disagree"
MSG_SELECT_FREQUENCY = "Select how often this is true for you"
MSG_SELECT_FROM_LIST = "Select an answer from the list"
MSG_SELECT_ONE = "Select one answer only"
MSG_SELECT_MANY = "Select all that apply"
MSG_SCALE = "Select a number from 0 to 10"
MSG_TEXT_TYPE = "Enter your answer as text"
MSG_TEXT_REQUIRED = "Enter your answer"


def _is_empty(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return raw.strip() == ""
    if isinstance(raw, list | tuple | set | frozenset):
        return all(_is_empty(item) for item in raw)
    return False


def empty_message(question: Question) -> str:
    """The error for a required question left unanswered, worded for its type."""
    if question.type is QuestionType.AGREEMENT:
        return MSG_SELECT_AGREEMENT
    if question.type is QuestionType.FREQUENCY:
        return MSG_SELECT_FREQUENCY
    if question.type is QuestionType.SCALE_0_10:
        return MSG_SCALE
    if question.type is QuestionType.FREE_TEXT:
        return MSG_TEXT_REQUIRED
    if question.type is QuestionType.MULTIPLE_CHOICE:
        exclusive = [option.label for option in question.options if option.exclusive]
        return f"{MSG_SELECT_MANY}, or select ‘{exclusive[0]}’" if exclusive else MSG_SELECT_MANY
    return MSG_SELECT


def validate_answer(question: Question, raw: object) -> tuple[Value, str | None]:
    """Check and normalise one raw form answer for `question`.

    Rules: a required question must be answered; a choice must be one of the question's options (one only,
    except for multiple choice); an exclusive option ("None of these", "Prefer not to say") cannot be ticked with
    others; a 0-10 answer must be a whole number from 0 to 10; free text is trimmed, has Windows line endings
    turned into plain ones and must be at most 1,000 characters.
    """
    if _is_empty(raw):
        return (None, empty_message(question)) if question.required else (None, None)
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return _validate_multiple(question, raw)
    if question.type is QuestionType.SCALE_0_10:
        return _validate_scale(raw)
    if question.type is QuestionType.FREE_TEXT:
        return _validate_text(raw)
    return _validate_single(question, raw)


def _validate_single(question: Question, raw: object) -> tuple[Value, str | None]:
    if isinstance(raw, list | tuple):
        values = [item for item in raw if not _is_empty(item)]
        if len(values) > 1:
            return None, MSG_SELECT_ONE
        raw = values[0]
    if not isinstance(raw, str):
        return None, MSG_SELECT_FROM_LIST
    value = raw.strip()
    if value not in question.accepts:
        return None, MSG_SELECT_FROM_LIST
    return value, None


def _validate_multiple(question: Question, raw: object) -> tuple[Value, str | None]:
    items: Iterable[object]
    if isinstance(raw, str):
        items = [raw]
    elif isinstance(raw, list | tuple | set | frozenset):
        items = raw
    else:
        return None, MSG_SELECT_FROM_LIST
    chosen: set[str] = set()
    for item in items:
        if _is_empty(item):
            continue
        if not isinstance(item, str) or item.strip() not in question.accepts:
            return None, MSG_SELECT_FROM_LIST
        chosen.add(item.strip())
    for option in question.options:
        if option.exclusive and option.value in chosen and len(chosen) > 1:
            return None, f"Select ‘{option.label}’ on its own, or untick it"
    return [value for value in question.option_values() if value in chosen], None


def _validate_scale(raw: object) -> tuple[Value, str | None]:
    if isinstance(raw, bool):
        return None, MSG_SCALE
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and raw.strip().isdigit() and raw.strip().isascii():
        number = int(raw.strip())
    else:
        return None, MSG_SCALE
    if not 0 <= number <= 10:
        return None, MSG_SCALE
    return number, None


def _validate_text(raw: object) -> tuple[Value, str | None]:
    if not isinstance(raw, str):
        return None, MSG_TEXT_TYPE
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > FREE_TEXT_MAX_CHARS:
        return None, f"Your answer must be {FREE_TEXT_MAX_CHARS:,} characters or less"
    return text, None


def validate_answers(questionnaire: Questionnaire, raw: Mapping[str, object]) -> tuple[dict[str, Value], dict[str, str]]:
    """Check every answer of a whole questionnaire sent at once (the one-page survey).

    Questions are taken in order and a question counts only when its show-if holds on the answers checked before
    it, so answers to hidden questions are dropped and never make an error. Returns `(answers, errors)`: the
    cleaned answers of the shown questions (empty optional ones left out) and an error message per question key.
    """
    answers: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for question in questionnaire.questions:
        if question.show_if is not None and not question.show_if.holds(answers):
            continue
        value, error = validate_answer(question, raw.get(question.key))
        if error is not None:
            errors[question.key] = error
        elif value is not None:
            answers[question.key] = value
    return answers, errors
