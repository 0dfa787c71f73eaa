"""The survey questionnaires as versioned data, and the helpers that walk a respondent through them.

Public API:
- types: `Question`, `Option`, `Condition`, `Questionnaire`, `QuestionType`
- data: `SATISFACTION_V1`, `EXIT_V1`, `get_questionnaire(kind, version)`, `with_local_questions(q, local)`
- flow: `visible_questions`, `next_question`, `previous_question`, `progress`, `clean_answers`,
  `first_unanswered`, `is_complete`, `estimated_minutes`
- answers: `validate_answer(question, raw) -> (value, error_message | None)`, `validate_answers(q, raw)` (all at once)
- help: `shows_help(question, value)`, `answers_show_help(q, answers)`, `help_contacts()`, `respondent_is_pa(answers)`
"""

from __future__ import annotations

from collections.abc import Mapping

from surveys.questionnaires.exit_survey import EXIT_V1, EXPLOITATION_KEY
from surveys.questionnaires.flow import (
    clean_answers,
    estimated_minutes,
    first_unanswered,
    is_complete,
    next_question,
    previous_question,
    progress,
    visible_questions,
)
from surveys.questionnaires.help import (
    HELP_HEADING,
    HELP_INTRO,
    HelpContact,
    answers_show_help,
    help_contacts,
    shows_help,
)
from surveys.questionnaires.options import PA_VALUE
from surveys.questionnaires.registry import (
    CURRENT_VERSIONS,
    LocalQuestionError,
    get_questionnaire,
    local_key,
    with_local_questions,
)
from surveys.questionnaires.satisfaction import SATISFACTION_V1
from surveys.questionnaires.types import (
    FREE_TEXT_MAX_CHARS,
    KINDS,
    LOCAL_PREFIX,
    Condition,
    Kind,
    Option,
    Question,
    Questionnaire,
    QuestionType,
)
from surveys.questionnaires.validation import validate_answer, validate_answers


def respondent_is_pa(answers: Mapping[str, object]) -> bool:
    """A response counts as a PA response only on self-report: "Who do you work for?" answered "pa"."""
    return answers.get("employer_type") == PA_VALUE


__all__ = [
    "CURRENT_VERSIONS",
    "EXIT_V1",
    "EXPLOITATION_KEY",
    "FREE_TEXT_MAX_CHARS",
    "HELP_HEADING",
    "HELP_INTRO",
    "KINDS",
    "LOCAL_PREFIX",
    "PA_VALUE",
    "SATISFACTION_V1",
    "Condition",
    "HelpContact",
    "Kind",
    "LocalQuestionError",
    "Option",
    "Question",
    "QuestionType",
    "Questionnaire",
    "answers_show_help",
    "clean_answers",
    "estimated_minutes",
    "first_unanswered",
    "get_questionnaire",
    "help_contacts",
    "is_complete",
    "local_key",
    "next_question",
    "previous_question",
    "progress",
    "respondent_is_pa",
    "shows_help",
    "validate_answer",
    "validate_answers",
    "visible_questions",
    "with_local_questions",
]
