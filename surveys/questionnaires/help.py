"""Help contacts shown straight away when an answer suggests exploitation (fees, passport taken, visa threats).

The panel is shown on the same page, before the respondent moves on. The council adds its own contact (a
safeguarding or contracts team) when it configures the survey; the national contacts below are fixed.
Check the numbers each year before a survey round opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from surveys.questionnaires.flow import visible_questions
from surveys.questionnaires.types import Question, Questionnaire


@dataclass(frozen=True)
class HelpContact:
    """One organisation to contact, with how to reach it and what it can help with."""

    name: str
    how: str
    about: str


HELP_HEADING = "You can get help"
HELP_INTRO = (
    "What happened to you is not allowed. You can get free, confidential advice. If you are in danger now, call 999."
)

NATIONAL_HELP_CONTACTS: tuple[HelpContact, ...] = (
    HelpContact(
        name="Modern Slavery and Exploitation Helpline",
        how="Call 08000 121 700, any time, day or night",
        about="If you were made to pay fees, had your passport taken or were threatened about your visa.",
    ),
    HelpContact(
        name="Acas",
        how="Call 0300 123 1100",
        about="Free advice about your rights at work, including pay and notice.",
    ),
)


def shows_help(question: Question, value: object) -> bool:
    """True when this answer must show the help-contacts panel at once (the value is in `question.help_on`).

    For a multiple-choice answer, any ticked value in `help_on` is enough.
    """
    if not question.help_on or value is None:
        return False
    if isinstance(value, list | tuple | set | frozenset):
        return any(str(item) in question.help_on for item in value)
    return str(value) in question.help_on


def help_contacts(*, council_contact: HelpContact | None = None) -> tuple[HelpContact, ...]:
    """The contacts to show: the national ones, then the council's own contact when it has set one."""
    if council_contact is None:
        return NATIONAL_HELP_CONTACTS
    return (*NATIONAL_HELP_CONTACTS, council_contact)


def answers_show_help(questionnaire: Questionnaire, answers: Mapping[str, object]) -> bool:
    """True when any answer to a shown question calls for the help-contacts panel (for the check and confirmation
    pages)."""
    return any(shows_help(q, answers.get(q.key)) for q in visible_questions(questionnaire, answers))
