"""Made-up but valid survey answers, for demo data and tests. Pure: no Django."""

from __future__ import annotations

import random
from collections.abc import Mapping

from surveys.questionnaires import Questionnaire, QuestionType, is_complete, next_question


def synthetic_answers(
    questionnaire: Questionnaire, *, rng: random.Random, overrides: Mapping[str, object] | None = None
) -> dict[str, object]:
    """A complete, valid answer set: each shown question answered at random, except those in `overrides`.

    Free-text questions are left blank (they are optional), so made-up data never holds invented comments.
    """
    overrides = dict(overrides or {})
    answers: dict[str, object] = {}
    question = next_question(questionnaire, answers, None)
    while question is not None:
        if question.key in overrides:
            answers[question.key] = overrides[question.key]
        elif question.type is QuestionType.SCALE_0_10:
            answers[question.key] = rng.randint(3, 10)
        elif question.type is QuestionType.MULTIPLE_CHOICE:
            plain = [o.value for o in question.options if not o.exclusive]
            answers[question.key] = sorted(rng.sample(plain, k=min(2, len(plain))), key=plain.index)
        elif question.type is not QuestionType.FREE_TEXT:
            plain = [o.value for o in question.options if not o.exclusive] or list(question.option_values())
            answers[question.key] = rng.choice(plain)
        question = next_question(questionnaire, answers, question.key)
    assert is_complete(questionnaire, answers)
    return answers
