"""Moving through the questionnaires: show-if, next and previous, progress, clean answers and the help panel."""

from __future__ import annotations

import pytest

from surveys.questionnaires import (
    EXIT_V1,
    SATISFACTION_V1,
    clean_answers,
    estimated_minutes,
    first_unanswered,
    help_contacts,
    is_complete,
    next_question,
    previous_question,
    progress,
    shows_help,
    visible_questions,
)
from surveys.questionnaires.help import HelpContact

PA_KEYS_SAT = [q.key for q in SATISFACTION_V1.questions if q.key.startswith("pa_")]


def keys(questions: list) -> list[str]:
    return [q.key for q in questions]


@pytest.mark.parametrize(
    ("answers", "pa_shown"),
    [
        ({}, False),
        ({"employer_type": "care_home"}, False),
        ({"employer_type": "pa"}, True),
        ({"employer_type": "care_home", "main_job": "pa"}, False),  # A2 "PA" is a job, not the self-report
    ],
)
def test_pa_items_only_for_pas(answers: dict[str, object], pa_shown: bool) -> None:
    shown = keys(visible_questions(SATISFACTION_V1, answers))
    assert all((key in shown) is pa_shown for key in PA_KEYS_SAT)
    assert len(PA_KEYS_SAT) == 10
    assert len(shown) == len(SATISFACTION_V1.questions) - (0 if pa_shown else 10)


@pytest.mark.parametrize(
    ("next_step", "pay_shown"),
    [
        ("care_employer", True),
        ("nhs", True),
        ("other_sector", True),
        ("pa", True),
        ("childrens_care", True),
        ("retire", False),
        ("not_working", False),
        ("dont_know", False),
        (None, False),
    ],
)
def test_exit_pay_comparison_only_for_a_new_job(next_step: str | None, pay_shown: bool) -> None:
    answers = {} if next_step is None else {"next_step": next_step}
    assert ("pay_comparison" in keys(visible_questions(EXIT_V1, answers))) is pay_shown


def test_exit_pa_only_items() -> None:
    not_pa = keys(visible_questions(EXIT_V1, {"employer_type": "home_care"}))
    pa = keys(visible_questions(EXIT_V1, {"employer_type": "pa"}))
    assert "pa_end_reason" not in not_pa and "pa_notice_pay" not in not_pa
    assert pa.index("pa_end_reason") < pa.index("main_reason")
    assert set(pa) - set(not_pa) == {q.key for q in EXIT_V1.questions if q.key.startswith("pa_")}


def test_clean_answers_drops_hidden_unknown_and_empty_answers() -> None:
    answers = {
        "employer_type": "care_home",  # changed from "pa" after the PA questions were answered
        "pa_employers": "2",
        "pa_payslip": "no",
        "pay_fair": "agree",
        "stay_change": "",
        "bullied_by": [],
        "not_a_question": "x",
        "recommend_employer": 0,  # 0 is an answer
    }
    assert clean_answers(SATISFACTION_V1, answers) == {
        "employer_type": "care_home",
        "pay_fair": "agree",
        "recommend_employer": 0,
    }


def test_clean_answers_keeps_answers_that_are_still_shown() -> None:
    answers = {"employer_type": "pa", "pa_employers": "2", "next_step": "retire", "pay_comparison": "over_2"}
    assert clean_answers(EXIT_V1, answers) == {"employer_type": "pa", "pa_employers": "2", "next_step": "retire"}


def test_next_and_previous_skip_hidden_questions() -> None:
    not_pa = {"employer_type": "care_home"}
    assert next_question(SATISFACTION_V1, not_pa, None).key == "employer_type"
    assert next_question(SATISFACTION_V1, not_pa, "contract").key == "look_forward"
    assert previous_question(SATISFACTION_V1, not_pa, "look_forward").key == "contract"
    pa = {"employer_type": "pa"}
    assert next_question(SATISFACTION_V1, pa, "contract").key == "pa_employers"
    assert previous_question(SATISFACTION_V1, pa, "look_forward").key == "pa_training_paid"
    assert previous_question(SATISFACTION_V1, pa, "employer_type") is None
    assert next_question(SATISFACTION_V1, pa, "disability") is None


def test_next_question_from_a_question_that_just_became_hidden() -> None:
    """A PA on a PA page changes their first answer: the next page is the first shown question after it."""
    assert next_question(SATISFACTION_V1, {"employer_type": "care_home"}, "pa_payslip").key == "look_forward"


def test_next_question_unknown_key() -> None:
    with pytest.raises(KeyError):
        next_question(SATISFACTION_V1, {}, "nope")


@pytest.mark.parametrize(
    ("answers", "current", "expected"),
    [
        ({}, "employer_type", (1, 27)),
        ({}, "look_forward", (5, 27)),
        ({"employer_type": "pa"}, "look_forward", (15, 37)),
        ({}, "disability", (27, 27)),
        ({}, "pa_cover", (5, 27)),  # a hidden question counts as the next position
    ],
)
def test_progress(answers: dict[str, object], current: str, expected: tuple[int, int]) -> None:
    assert progress(SATISFACTION_V1, answers, current) == expected


def test_first_unanswered_and_complete() -> None:
    answers: dict[str, object] = {}
    assert first_unanswered(EXIT_V1, answers).key == "employer_type"
    for question in visible_questions(EXIT_V1, {"employer_type": "home_care", "next_step": "retire"}):
        if question.required:
            answers[question.key] = question.option_values()[0] if question.option_values() else "x"
    answers["employer_type"] = "home_care"
    answers["next_step"] = "retire"
    assert is_complete(EXIT_V1, answers)
    answers["next_step"] = "nhs"  # now the pay question is shown and unanswered
    assert first_unanswered(EXIT_V1, answers).key == "pay_comparison"


@pytest.mark.parametrize("questionnaire", [SATISFACTION_V1, EXIT_V1], ids=lambda q: q.kind)
def test_under_ten_minutes_even_with_every_question_shown(questionnaire) -> None:
    assert estimated_minutes(questionnaire) < 10


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", True), ("no", False), ("prefer_not_say", False), (None, False)]
)
def test_exploitation_yes_shows_help(value: object, expected: bool) -> None:
    assert shows_help(EXIT_V1["exploitation"], value) is expected


def test_other_questions_never_show_help() -> None:
    assert not shows_help(SATISFACTION_V1["stress_unwell"], "yes")


def test_help_contacts_add_the_councils_own() -> None:
    council = HelpContact(name="Anytown Council safeguarding", how="Call 01234 567890", about="Adult safeguarding")
    national = help_contacts()
    assert [c.name for c in national] == ["Modern Slavery and Exploitation Helpline", "Acas"]
    assert help_contacts(council_contact=council) == (*national, council)
