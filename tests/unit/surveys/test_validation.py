"""validate_answer, per question type: what is accepted, how it is stored, and the error shown."""

from __future__ import annotations

import dataclasses

import pytest

from surveys.questionnaires import EXIT_V1, SATISFACTION_V1, Question, validate_answer

SINGLE = SATISFACTION_V1["employer_type"]
AGREE = SATISFACTION_V1["pay_fair"]
OFTEN = SATISFACTION_V1["look_forward"]
YES_NO = EXIT_V1["exploitation"]
MULTI = SATISFACTION_V1["bullied_by"]
OPTIONAL_MULTI = EXIT_V1["other_reasons"]
SCALE = SATISFACTION_V1["recommend_employer"]
TEXT = SATISFACTION_V1["stay_change"]
OPTIONAL_SINGLE = SATISFACTION_V1["age_band"]


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        # single choice
        (SINGLE, "care_home", ("care_home", None)),
        (SINGLE, "  pa ", ("pa", None)),
        (SINGLE, ["home_care"], ("home_care", None)),
        (SINGLE, "", (None, "Select an answer")),
        (SINGLE, None, (None, "Select an answer")),
        (SINGLE, "hospital", (None, "Select an answer from the list")),
        (SINGLE, ["pa", "agency"], (None, "Select one answer only")),
        (SINGLE, 3, (None, "Select an answer from the list")),
        (OPTIONAL_SINGLE, "", (None, None)),
        (OPTIONAL_SINGLE, "prefer_not_say", ("prefer_not_say", None)),
        # agreement scale
        (AGREE, "strongly_agree", ("strongly_agree", None)),
        (AGREE, "prefer_not_say", ("prefer_not_say", None)),
        (AGREE, "", (None, "Select how much you agree or disagree")),
        (AGREE, "often", (None, "Select an answer from the list")),
        # frequency scale
        (OFTEN, "sometimes", ("sometimes", None)),
        (OFTEN, None, (None, "Select how often this is true for you")),
        (OFTEN, "agree", (None, "Select an answer from the list")),
        # yes / no
        (YES_NO, "yes", ("yes", None)),
        (YES_NO, "prefer_not_say", ("prefer_not_say", None)),
        (YES_NO, "", (None, "Select an answer")),
        (YES_NO, "maybe", (None, "Select an answer from the list")),
        # multiple choice
        (MULTI, ["managers", "colleagues"], (["colleagues", "managers"], None)),  # stored in option order
        (MULTI, "colleagues", (["colleagues"], None)),
        (MULTI, ["colleagues", "colleagues"], (["colleagues"], None)),
        (MULTI, ["none"], (["none"], None)),
        (MULTI, ["none", "managers"], (None, "Select ‘None of these’ on its own, or untick it")),
        (MULTI, ["prefer_not_say", "managers"], (None, "Select ‘Prefer not to say’ on its own, or untick it")),
        (MULTI, [], (None, "Select all that apply, or select ‘None of these’")),
        (MULTI, ["strangers"], (None, "Select an answer from the list")),
        (MULTI, 7, (None, "Select an answer from the list")),
        (OPTIONAL_MULTI, [], (None, None)),
        (OPTIONAL_MULTI, ["pay", "travel"], (["pay", "travel"], None)),
        # 0-10
        (SCALE, "0", (0, None)),
        (SCALE, " 10 ", (10, None)),
        (SCALE, 7, (7, None)),
        (SCALE, "11", (None, "Select a number from 0 to 10")),
        (SCALE, "-1", (None, "Select a number from 0 to 10")),
        (SCALE, "7.5", (None, "Select a number from 0 to 10")),
        (SCALE, "seven", (None, "Select a number from 0 to 10")),
        (SCALE, True, (None, "Select a number from 0 to 10")),
        (SCALE, "", (None, "Select a number from 0 to 10")),
        (SCALE, "٣", (None, "Select a number from 0 to 10")),  # non-ASCII digit
        # free text
        (TEXT, "  Better rota  ", ("Better rota", None)),
        (TEXT, "line one\r\nline two", ("line one\nline two", None)),
        (TEXT, "", (None, None)),
        (TEXT, "   ", (None, None)),
        (TEXT, "x" * 1000, ("x" * 1000, None)),
        (TEXT, "x" * 1001, (None, "Your answer must be 1,000 characters or less")),
        (TEXT, ["a"], (None, "Enter your answer as text")),
    ],
)
def test_validate_answer(question: Question, raw: object, expected: tuple[object, str | None]) -> None:
    assert validate_answer(question, raw) == expected


def test_required_free_text_must_be_entered() -> None:
    required_text = dataclasses.replace(TEXT, required=True)
    assert validate_answer(required_text, " ") == (None, "Enter your answer")


def test_the_limit_counts_characters_after_trimming() -> None:
    assert validate_answer(TEXT, "  " + "é" * 1000 + "\n") == ("é" * 1000, None)
