"""validate_answers: a whole questionnaire sent at once (the one-page survey), with show-if applied in order."""

from __future__ import annotations

from surveys.questionnaires import SATISFACTION_V1, is_complete, validate_answers, visible_questions


def _full_answers(questionnaire, **overrides) -> dict[str, object]:
    """A raw form answer for every question: the first option, 7 on a scale, some text."""
    raw: dict[str, object] = {}
    for question in questionnaire.questions:
        values = question.option_values()
        raw[question.key] = [values[0]] if question.type == "multiple_choice" else (values[0] if values else "Fine")
    raw.update(overrides)
    return raw


def test_a_complete_set_is_cleaned_and_complete():
    raw = _full_answers(SATISFACTION_V1, employer_type="care_home", recommend_employer="7")
    answers, errors = validate_answers(SATISFACTION_V1, raw)
    assert errors == {}
    assert answers["recommend_employer"] == 7
    assert answers["employer_type"] == "care_home"
    assert is_complete(SATISFACTION_V1, answers)


def test_answers_to_hidden_questions_are_dropped_and_never_an_error():
    pa_only = [q for q in SATISFACTION_V1.questions if q.show_if is not None and q.show_if.key == "employer_type"]
    assert pa_only, "the satisfaction survey has questions shown only to Personal Assistants"
    raw = _full_answers(SATISFACTION_V1, employer_type="care_home")
    raw[pa_only[0].key] = "not-an-option"  # would be an error if the question were shown
    answers, errors = validate_answers(SATISFACTION_V1, raw)
    assert errors == {}
    assert pa_only[0].key not in answers


def test_a_shown_conditional_question_is_checked():
    pa_only = [q for q in SATISFACTION_V1.questions if q.show_if is not None and q.show_if.key == "employer_type"]
    raw = _full_answers(SATISFACTION_V1, employer_type="pa")
    raw[pa_only[0].key] = "not-an-option"
    answers, errors = validate_answers(SATISFACTION_V1, raw)
    assert errors == {pa_only[0].key: "Select an answer from the list"}
    assert pa_only[0].key not in answers


def test_nothing_sent_gives_an_error_for_every_shown_required_question_only():
    answers, errors = validate_answers(SATISFACTION_V1, {})
    shown_required = [q.key for q in visible_questions(SATISFACTION_V1, {}) if q.required]
    assert answers == {}
    assert list(errors) == shown_required
    assert errors["employer_type"] == "Select an answer"


def test_help_is_called_for_only_by_answers_to_shown_questions():
    from surveys.questionnaires import EXIT_V1, answers_show_help

    assert answers_show_help(EXIT_V1, {"exploitation": "yes"})
    assert not answers_show_help(EXIT_V1, {"exploitation": "no"})
    help_keys = [q.key for q in EXIT_V1.questions if q.help_on and q.show_if is not None]
    for key in help_keys:  # a help answer to a question that is not shown does not count
        assert not answers_show_help(EXIT_V1, {key: EXIT_V1[key].help_on[0]})
