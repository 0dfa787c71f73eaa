"""Moving through a questionnaire one question per page: what is shown, what comes next, and progress.

A question is shown when it has no show-if, or when its show-if holds on the answers to the questions shown
before it. So a question that depends on a hidden question is hidden too, and answers to hidden questions never
count. Every function here takes the answers given so far as a mapping of question key to stored value.
"""

from __future__ import annotations

from collections.abc import Mapping

from surveys.questionnaires.types import Question, Questionnaire, QuestionType

# Rough seconds to answer one question on a phone, used to check the survey stays under 10 minutes.
SECONDS_PER_QUESTION: dict[QuestionType, int] = {
    QuestionType.SINGLE_CHOICE: 10,
    QuestionType.MULTIPLE_CHOICE: 15,
    QuestionType.AGREEMENT: 8,
    QuestionType.FREQUENCY: 8,
    QuestionType.SCALE_0_10: 8,
    QuestionType.YES_NO: 6,
    QuestionType.FREE_TEXT: 60,
}


def _answered(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | tuple | set | frozenset):
        return len(value) > 0
    return True


def visible_questions(q: Questionnaire, answers: Mapping[str, object]) -> list[Question]:
    """The questions shown for these answers, in order: show-if conditions are applied in sequence.

    E.g. the PA questions are shown only when "Who do you work for?" is answered "pa", and "How does the pay in
    your new job compare?" only when the leaver is going to another job.
    """
    shown: list[Question] = []
    shown_answers: dict[str, object] = {}
    for question in q.questions:
        if question.show_if is None or question.show_if.holds(shown_answers):
            shown.append(question)
            if question.key in answers:
                shown_answers[question.key] = answers[question.key]
    return shown


def clean_answers(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, object]:
    """Only the answers to questions that are shown, in questionnaire order.

    Drops answers to questions hidden by show-if (so changing an earlier answer never leaves stale answers
    behind), answers to keys the questionnaire does not have, and empty answers.
    """
    return {
        question.key: answers[question.key]
        for question in visible_questions(q, answers)
        if question.key in answers and _answered(answers[question.key])
    }


def next_question(q: Questionnaire, answers: Mapping[str, object], current_key: str | None) -> Question | None:
    """The next shown question after `current_key` (the first one when None), or None at the end.

    Works even when `current_key` itself has just become hidden. Raises KeyError for an unknown key.
    """
    start = -1 if current_key is None else q.position(current_key)
    for question in visible_questions(q, answers):
        if q.position(question.key) > start:
            return question
    return None


def previous_question(q: Questionnaire, answers: Mapping[str, object], current_key: str) -> Question | None:
    """The shown question before `current_key`, or None on the first question. Raises KeyError for an unknown key."""
    end = q.position(current_key)
    before = [question for question in visible_questions(q, answers) if q.position(question.key) < end]
    return before[-1] if before else None


def progress(q: Questionnaire, answers: Mapping[str, object], current_key: str) -> tuple[int, int]:
    """(number of this question, number of questions shown), e.g. (3, 24) for "Question 3 of 24".

    The total changes when an answer shows or hides questions (the PA block). Raises KeyError for an unknown key.
    """
    here = q.position(current_key)
    shown = visible_questions(q, answers)
    before = sum(1 for question in shown if q.position(question.key) < here)
    return before + 1, len(shown)


def first_unanswered(q: Questionnaire, answers: Mapping[str, object]) -> Question | None:
    """The first shown required question without an answer (where to resume), or None when all are answered."""
    for question in visible_questions(q, answers):
        if question.required and not _answered(answers.get(question.key)):
            return question
    return None


def is_complete(q: Questionnaire, answers: Mapping[str, object]) -> bool:
    """True when every shown required question has an answer."""
    return first_unanswered(q, answers) is None


def estimated_minutes(q: Questionnaire, answers: Mapping[str, object] | None = None) -> float:
    """Rough time to complete, in minutes. With no answers, assumes every conditional question is shown."""
    questions = q.questions if answers is None else tuple(visible_questions(q, answers))
    return sum(SECONDS_PER_QUESTION[question.type] for question in questions) / 60
