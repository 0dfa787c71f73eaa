"""The questionnaires as versioned data: structure, registry, and local questions that cannot touch core items."""

from __future__ import annotations

import dataclasses

import pytest

from surveys.questionnaires import (
    EXIT_V1,
    SATISFACTION_V1,
    Condition,
    LocalQuestionError,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    get_questionnaire,
    respondent_is_pa,
    with_local_questions,
)
from surveys.questionnaires.types import CHOICE_TYPES

ALL = (SATISFACTION_V1, EXIT_V1)


@pytest.mark.parametrize("questionnaire", ALL, ids=lambda q: q.kind)
def test_core_questions_are_well_formed(questionnaire: Questionnaire) -> None:
    """Every core question has a version, a short question text and, for choice types, short stable values."""
    assert questionnaire.questions == questionnaire.core_questions
    for question in questionnaire.questions:
        assert question.version >= 1
        assert question.is_core
        assert 0 < len(question.text) <= 120, question.key
        if question.type in CHOICE_TYPES:
            for option in question.options:
                assert option.value and len(option.value) <= 24 and " " not in option.value, option


@pytest.mark.parametrize(
    ("questionnaire", "refs"),
    [
        (SATISFACTION_V1, [*(f"A{n}" for n in range(1, 5)), *(f"Q{n}" for n in range(1, 20)), "E1", "E2", "E3", "E4"]),
        (EXIT_V1, [f"X{n}" for n in range(1, 17)]),
    ],
    ids=["satisfaction", "exit"],
)
def test_every_domain_item_is_present_once_in_order(questionnaire: Questionnaire, refs: list[str]) -> None:
    """All items of DOMAIN.md 2.3 / 2.4 are asked, in the documented order."""
    assert [question.ref for question in questionnaire.questions if question.ref] == refs


@pytest.mark.parametrize(
    ("questionnaire", "pa_keys"),
    [
        (
            SATISFACTION_V1,
            {"pa_employers", "pa_other_work", "pa_written_terms", "pa_payslip", "pa_holiday_pay", "pa_tasks_clear"}
            | {"pa_cover", "pa_advice", "pa_isolated", "pa_training_paid"},
        ),
        (
            EXIT_V1,
            {"pa_employers", "pa_other_work", "pa_written_terms", "pa_payslip", "pa_holiday_pay", "pa_tasks_clear"}
            | {"pa_cover", "pa_advice", "pa_isolated", "pa_training_paid", "pa_end_reason", "pa_notice_pay"},
        ),
    ],
    ids=["satisfaction", "exit"],
)
def test_pa_items_depend_on_the_pa_self_report(questionnaire: Questionnaire, pa_keys: set[str]) -> None:
    """The PA block (DOMAIN.md 2.5) is shown only when "Who do you work for?" is answered "pa"."""
    conditional = {q.key for q in questionnaire.questions if q.show_if == Condition("employer_type", ("pa",))}
    assert conditional == pa_keys


def test_exploitation_question_is_sensitive_and_shows_help_on_yes() -> None:
    question = EXIT_V1["exploitation"]
    assert question.sensitive
    assert question.help_on == ("yes",)
    assert [q.key for q in (*SATISFACTION_V1.questions, *EXIT_V1.questions) if q.sensitive] == ["exploitation"]


def test_free_text_and_demographics_are_optional() -> None:
    optional = {q.key for q in SATISFACTION_V1.questions if not q.required}
    assert optional == {"stay_change", "age_band", "sex", "ethnic_group", "disability"}
    assert {q.key for q in EXIT_V1.questions if not q.required} == {"other_reasons", "anything_else"}


@pytest.mark.parametrize(
    ("kind", "version", "expected"),
    [("satisfaction", "1", SATISFACTION_V1), ("exit", "1", EXIT_V1), ("satisfaction", None, SATISFACTION_V1)],
)
def test_get_questionnaire(kind: str, version: str | None, expected: Questionnaire) -> None:
    assert get_questionnaire(kind, version) is expected


@pytest.mark.parametrize(("kind", "version"), [("pulse", "1"), ("exit", "2"), ("satisfaction", "")])
def test_get_questionnaire_unknown(kind: str, version: str) -> None:
    with pytest.raises(LookupError):
        get_questionnaire(kind, version)


def test_published_questionnaire_cannot_be_changed_in_place() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SATISFACTION_V1["pay_fair"].text = "Pay is fine"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        SATISFACTION_V1.questions = ()  # type: ignore[misc]


def _local(key: str, **changes: object) -> Question:
    base = Question(
        key=key,
        version=1,
        type=QuestionType.YES_NO,
        text="Do you use the staff app?",
        options=(Option("yes", "Yes"), Option("no", "No")),
        is_core=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_local_questions_go_at_the_end_with_a_prefix() -> None:
    combined = with_local_questions(SATISFACTION_V1, [_local("staff_app"), _local("local_parking")])
    assert combined.questions[: len(SATISFACTION_V1.questions)] == SATISFACTION_V1.questions
    assert [q.key for q in combined.local_questions] == ["local_staff_app", "local_parking"]
    assert combined.kind == "satisfaction" and combined.version == "1"
    assert all(not q.is_core for q in combined.local_questions)
    assert SATISFACTION_V1.local_questions == ()  # the published questionnaire is untouched


@pytest.mark.parametrize(
    "local",
    [
        _local("pay_fair"),  # a core key
        _local("local_pay_fair"),  # a core key behind the prefix
        _local("staff_app", is_core=True),  # posing as core
    ],
    ids=["core-key", "prefixed-core-key", "claims-core"],
)
def test_local_questions_cannot_replace_or_pose_as_core(local: Question) -> None:
    with pytest.raises(LocalQuestionError):
        with_local_questions(SATISFACTION_V1, [local])


def test_local_keys_must_be_unique() -> None:
    with pytest.raises(LocalQuestionError):
        with_local_questions(EXIT_V1, [_local("staff_app"), _local("local_staff_app")])
    once = with_local_questions(EXIT_V1, [_local("staff_app")])
    with pytest.raises(LocalQuestionError):
        with_local_questions(once, [_local("staff_app")])


def test_local_show_if_can_point_at_core_or_earlier_local_questions() -> None:
    combined = with_local_questions(
        SATISFACTION_V1,
        [
            _local("pa_card", show_if=Condition("employer_type", ("pa",))),
            _local("staff_app"),
            _local("app_useful", show_if=Condition("staff_app", ("yes",))),
        ],
    )
    assert combined["local_pa_card"].show_if == Condition("employer_type", ("pa",))
    assert combined["local_app_useful"].show_if == Condition("local_staff_app", ("yes",))


def test_local_show_if_on_unknown_question_is_refused() -> None:
    with pytest.raises(LocalQuestionError):
        with_local_questions(SATISFACTION_V1, [_local("app_useful", show_if=Condition("staff_app", ("yes",)))])


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ((_local("a"), _local("a")), "twice"),
        ((_local("a", options=(Option("yes", "Yes"),)),), "at least two options"),
        ((_local("a", help_on=("maybe",)),), "help"),
        ((_local("a", show_if=Condition("b", ("yes",))), _local("b")), "not an earlier question"),
        ((_local("a"), _local("b", show_if=Condition("a", ("maybe",)))), "lacks"),
        ((_local("Bad key"),), "lower-case"),
        ((_local("a", type=QuestionType.FREE_TEXT),), "takes no options"),
    ],
)
def test_questionnaire_checks_itself(questions: tuple[Question, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Questionnaire(kind="satisfaction", version="x", title="t", questions=questions)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [({"employer_type": "pa"}, True), ({"employer_type": "care_home", "main_job": "pa"}, False), ({}, False)],
)
def test_a_response_is_pa_only_on_self_report(answers: dict[str, object], expected: bool) -> None:
    assert respondent_is_pa(answers) is expected
