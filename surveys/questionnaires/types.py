"""The shapes a questionnaire is made of: options, show-if conditions, questions and questionnaires.

All frozen dataclasses, so a published questionnaire cannot be changed in place. A core question is never edited:
a changed wording or option list is a new question version inside a new questionnaire version.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Kind = Literal["satisfaction", "exit"]
KINDS: tuple[Kind, ...] = ("satisfaction", "exit")

LOCAL_PREFIX = "local_"
FREE_TEXT_MAX_CHARS = 1000


class QuestionType(enum.StrEnum):
    """How a question is answered. The value is what gets stored beside the question key."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREEMENT = "agreement"  # 5-point Strongly disagree ... Strongly agree, plus Prefer not to say
    FREQUENCY = "frequency"  # 5-point Never ... Always, plus Prefer not to say
    SCALE_0_10 = "scale_0_10"  # 0 (not at all likely) to 10 (extremely likely)
    YES_NO = "yes_no"  # yes / no, sometimes with "Not sure" or "Prefer not to say"
    FREE_TEXT = "free_text"


CHOICE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.AGREEMENT,
        QuestionType.FREQUENCY,
        QuestionType.YES_NO,
    }
)


@dataclass(frozen=True)
class Option:
    """One answer a respondent can pick. `value` is a stable short string; only `label` may be reworded.

    `exclusive` marks a checkbox answer that cannot be combined with others ("None of these", "Prefer not to say").
    """

    value: str
    label: str
    exclusive: bool = False
    hint: str = ""


@dataclass(frozen=True)
class Condition:
    """Show a question only when an earlier question's answer is one of `any_of`.

    For a multiple-choice answer the condition holds when any ticked value is in `any_of`. A condition on a
    question that is itself hidden, or was not answered, is false.
    """

    key: str
    any_of: tuple[str, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        """True when the answer stored under `key` matches one of `any_of`."""
        answer = answers.get(self.key)
        if answer is None:
            return False
        if isinstance(answer, list | tuple | set | frozenset):
            return any(str(item) in self.any_of for item in answer)
        return str(answer) in self.any_of


@dataclass(frozen=True)
class Question:
    """One question, shown on a page of its own.

    `key` is stable across versions and is what answers are stored under; `version` goes up whenever the
    wording, options or meaning change. `ref` is the item number in DOMAIN.md (A1, Q17, X13...), for analysts.
    `sensitive` questions (exploitation) are counted only at council level; `demographic` questions (age band,
    sex, ethnic group, disability) are never broken down or shown within one employer. `help_on` lists answer values that
    must show the help-contacts panel straight away. `section` groups questions under a heading (the page
    caption); `theme` groups items for "% positive" reporting.
    """

    key: str
    version: int
    type: QuestionType
    text: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    required: bool = True
    is_core: bool = True
    sensitive: bool = False
    demographic: bool = False
    help_on: tuple[str, ...] = ()
    section: str = ""
    theme: str = ""
    ref: str = ""

    def option_values(self) -> tuple[str, ...]:
        """The stored values this question accepts, in display order (0-10 scales give "0" to "10")."""
        return self._option_values

    @cached_property
    def _option_values(self) -> tuple[str, ...]:
        # worked out once per question (a frozen question's options never change): every answer sent is checked
        # against them
        if self.type is QuestionType.SCALE_0_10:
            return tuple(str(n) for n in range(11))
        return tuple(option.value for option in self.options)

    @cached_property
    def accepts(self) -> frozenset[str]:
        """`option_values()` as a set, for checking answers."""
        return frozenset(self._option_values)

    def label_for(self, value: object) -> str:
        """The label shown for a stored value (the value itself when it has no option, e.g. a 0-10 score)."""
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


@dataclass(frozen=True)
class Questionnaire:
    """A versioned questionnaire: the core questions in order, then any local questions a council added.

    Building one checks that keys are unique, that every show-if refers to an earlier question and one of its
    options, that choice questions have options, and that help values are real options.
    """

    kind: Kind
    version: str
    title: str
    questions: tuple[Question, ...]
    _index: dict[str, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown questionnaire kind {self.kind!r}")
        index: dict[str, int] = {}
        for position, question in enumerate(self.questions):
            _check_question(question, index, self.questions)
            index[question.key] = position
        object.__setattr__(self, "_index", index)

    def __getitem__(self, key: str) -> Question:
        return self.questions[self._index[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def position(self, key: str) -> int:
        """The 0-based position of a question; raises KeyError for an unknown key."""
        return self._index[key]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(question.key for question in self.questions)

    @property
    def core_questions(self) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if question.is_core)

    @property
    def local_questions(self) -> tuple[Question, ...]:
        return tuple(question for question in self.questions if not question.is_core)


def _check_question(question: Question, earlier: Mapping[str, int], questions: tuple[Question, ...]) -> None:
    if not question.key or not question.key.replace("_", "").isalnum() or question.key != question.key.lower():
        raise ValueError(f"Question key {question.key!r} must be lower-case letters, digits and underscores")
    if question.key in earlier:
        raise ValueError(f"Question key {question.key!r} appears twice")
    if question.version < 1:
        raise ValueError(f"Question {question.key!r} needs a version of 1 or more")
    if question.type in CHOICE_TYPES and len(question.options) < 2:
        raise ValueError(f"Question {question.key!r} needs at least two options")
    if question.type in (QuestionType.SCALE_0_10, QuestionType.FREE_TEXT) and question.options:
        raise ValueError(f"Question {question.key!r} of type {question.type} takes no options")
    values = [option.value for option in question.options]
    if len(set(values)) != len(values):
        raise ValueError(f"Question {question.key!r} has the same option value twice")
    unknown_help = set(question.help_on) - set(question.option_values())
    if unknown_help:
        raise ValueError(f"Question {question.key!r} shows help on values it does not offer: {sorted(unknown_help)}")
    if question.show_if is not None:
        condition = question.show_if
        if condition.key not in earlier:
            raise ValueError(
                f"Question {question.key!r} depends on {condition.key!r}, which is not an earlier question"
            )
        source = questions[earlier[condition.key]]
        missing = set(condition.any_of) - set(source.option_values())
        if not condition.any_of or missing:
            raise ValueError(f"Question {question.key!r} depends on values {sorted(missing)} that {source.key!r} lacks")
