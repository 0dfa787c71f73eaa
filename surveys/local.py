"""A council's local questions as stored data (plain dicts), turned into `Question`s. No Django.

A council admin can only append questions; they are checked by `with_local_questions`, which refuses anything
that would clash with or pose as a core question.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence

from surveys.questionnaires import (
    LocalQuestionError,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    get_questionnaire,
    local_key,
    with_local_questions,
)
from surveys.questionnaires import options as o

# The answer types a council may use for a local question, with the fixed option lists where there is one.
LOCAL_TYPES: dict[str, str] = {
    QuestionType.AGREEMENT: "Agree or disagree (5 points)",
    QuestionType.FREQUENCY: "How often (Never to Always)",
    QuestionType.YES_NO: "Yes or no",
    QuestionType.SINGLE_CHOICE: "Choose one from a list",
    QuestionType.MULTIPLE_CHOICE: "Choose any from a list",
    QuestionType.FREE_TEXT: "Written answer",
}
FIXED_OPTIONS: dict[str, tuple[Option, ...]] = {
    QuestionType.AGREEMENT: o.AGREEMENT,
    QuestionType.FREQUENCY: o.FREQUENCY,
    QuestionType.YES_NO: o.YES_NO_NOT_SURE,
}
MAX_LOCAL_QUESTIONS = 5


def key_from_text(text: str, *, taken: Iterable[str] = ()) -> str:
    """A stable `local_` key made from the question's words, made unique against `taken`."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:5] or ["question"]
    base = local_key("_".join(words))[:40]
    taken = set(taken)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def question_from_data(data: Mapping[str, object]) -> Question:
    """One stored local question as a `Question` (never core). Raises LocalQuestionError for bad data."""
    kind = str(data.get("type", ""))
    if kind not in LOCAL_TYPES:
        raise LocalQuestionError(f"A local question cannot be of type {kind!r}")
    qtype = QuestionType(kind)
    if qtype in FIXED_OPTIONS:
        options = FIXED_OPTIONS[qtype]
    elif qtype is QuestionType.FREE_TEXT:
        options = ()
    else:
        labels = [str(label).strip() for label in data.get("options", []) or [] if str(label).strip()]  # type: ignore[union-attr]
        options = tuple(Option(f"o{n}", label) for n, label in enumerate(labels, start=1))
    try:
        return Question(
            key=str(data.get("key", "")),
            version=int(data.get("version", 1)),  # type: ignore[arg-type]
            type=qtype,
            text=str(data.get("text", "")).strip(),
            hint=str(data.get("hint", "")).strip(),
            options=options,
            required=bool(data.get("required", False)),
            is_core=False,
            section="Questions from your council",
        )
    except ValueError as error:
        raise LocalQuestionError(str(error)) from error


def build_questionnaire(kind: str, version: str | None, local: Sequence[Mapping[str, object]]) -> Questionnaire:
    """The core questionnaire with the council's local questions appended (checked by `with_local_questions`).

    Questionnaires are immutable, so one built from the same stored data is reused (every survey page needs one).
    """
    if not local:
        return get_questionnaire(kind, version)
    return _with_local(kind, version, json.dumps(list(local), sort_keys=True))


@functools.lru_cache(maxsize=256)
def _with_local(kind: str, version: str | None, local_json: str) -> Questionnaire:
    local = json.loads(local_json)
    return with_local_questions(get_questionnaire(kind, version), [question_from_data(item) for item in local])


def check_local_set(kind: str, local: Sequence[Mapping[str, object]]) -> list[str]:
    """Problems with a set of local questions, in plain English (empty when it is fine)."""
    problems: list[str] = []
    if len(local) > MAX_LOCAL_QUESTIONS:
        problems.append(f"You can add up to {MAX_LOCAL_QUESTIONS} questions of your own")
    for item in local:
        if not str(item.get("text", "")).strip():
            problems.append("Enter the question")
        if item.get("type") in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
            labels = [label for label in item.get("options", []) or [] if str(label).strip()]  # type: ignore[union-attr]
            if len(labels) < 2:
                problems.append("Enter at least 2 answers, one on each line")
    if problems:
        return problems
    try:
        build_questionnaire(kind, None, local)
    except LocalQuestionError as error:
        problems.append(str(error))
    return problems
