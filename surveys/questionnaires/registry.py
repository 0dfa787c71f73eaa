"""Which questionnaire versions exist, and how a council adds its local questions at the end.

Core questions are fixed for a version. A council can only append local questions (keys prefixed `local_`);
it can never edit or replace a core question, so the national indicators stay comparable year on year.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from surveys.questionnaires.exit_survey import EXIT_V1
from surveys.questionnaires.satisfaction import SATISFACTION_V1
from surveys.questionnaires.types import KINDS, LOCAL_PREFIX, Condition, Kind, Question, Questionnaire

QUESTIONNAIRES: dict[tuple[str, str], Questionnaire] = {
    (SATISFACTION_V1.kind, SATISFACTION_V1.version): SATISFACTION_V1,
    (EXIT_V1.kind, EXIT_V1.version): EXIT_V1,
}
CURRENT_VERSIONS: dict[str, str] = {"satisfaction": "1", "exit": "1"}


class LocalQuestionError(ValueError):
    """A local question would clash with, or pose as, a core question."""


def get_questionnaire(kind: Kind | str, version: str | None = None) -> Questionnaire:
    """The core questionnaire of `kind` at `version` (the current version when None).

    Raises LookupError for an unknown kind or version.
    """
    if kind not in KINDS:
        raise LookupError(f"Unknown questionnaire kind {kind!r}")
    wanted = CURRENT_VERSIONS[kind] if version is None else str(version)
    try:
        return QUESTIONNAIRES[(kind, wanted)]
    except KeyError:
        raise LookupError(f"No {kind} questionnaire version {wanted!r}") from None


def local_key(key: str) -> str:
    """The stored key of a local question: `local_` + the key the council gave (not doubled)."""
    return key if key.startswith(LOCAL_PREFIX) else LOCAL_PREFIX + key


def with_local_questions(q: Questionnaire, local: Sequence[Question]) -> Questionnaire:
    """`q` with the council's local questions appended after every core question.

    Rules: local keys are stored with the `local_` prefix; a local question may not claim to be core, may not reuse
    a core key (with or without the prefix) and may not reuse another local key. A show-if on a local question may
    point at a core question or at an earlier local question (by its key with or without the prefix). The core
    questions come back unchanged and in the same order. Raises LocalQuestionError otherwise.
    """
    core_keys = {question.key for question in q.core_questions}
    taken = set(q.keys)
    given_to_stored: dict[str, str] = {}
    appended: list[Question] = []
    for question in local:
        if question.is_core:
            raise LocalQuestionError(f"Local question {question.key!r} cannot be a core question")
        bare = question.key.removeprefix(LOCAL_PREFIX)
        if bare in core_keys or question.key in core_keys:
            raise LocalQuestionError(
                f"{question.key!r} is a core question. Core questions cannot be changed, only replaced in a new version."
            )
        stored = local_key(question.key)
        if stored in taken:
            raise LocalQuestionError(f"There is already a question with the key {stored!r}")
        condition = question.show_if
        if condition is not None and condition.key not in core_keys:
            target = given_to_stored.get(condition.key) or given_to_stored.get(local_key(condition.key))
            if target is None and local_key(condition.key) in taken:
                target = local_key(condition.key)
            condition = Condition(target or condition.key, condition.any_of)
        appended.append(
            dataclasses.replace(
                question, key=stored, show_if=condition, is_core=False, section=question.section or "Local questions"
            )
        )
        taken.add(stored)
        given_to_stored[question.key] = stored
        given_to_stored[bare] = stored
    try:
        return Questionnaire(kind=q.kind, version=q.version, title=q.title, questions=(*q.questions, *appended))
    except ValueError as error:
        raise LocalQuestionError(str(error)) from error
