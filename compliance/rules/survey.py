"""The "staff survey links distributed" requirement's own reminder (issue 20): a set time into the window, a
workplace from which no staff survey answers have been published yet gets one reminder to share the link.

"Published" means released (`surveys.rules.release`): a release needs at least 5 answers, so the reminder says no
more than the released figures already say, and never moves with one person answering. Pure, no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from compliance.rules.facts import RequirementFacts, RequirementKind
from compliance.rules.ladder import Anchor, Audience, Channel, LadderStep, StepKind

NO_RESPONSES_AFTER_DAYS = 21  # days after the window opens

NO_RESPONSES_STEP = LadderStep(
    key="no_survey_responses", kind=StepKind.REMINDER, offset_days=NO_RESPONSES_AFTER_DAYS,
    anchor=Anchor.WINDOW_OPENS, channel=Channel.EMAIL, audience=(Audience.ORGANISATION_ADMINS,),
    needs_approval=False, template="chase/reminder", for_individual_employers=True,
)  # fmt: skip


def no_responses_reminder_due(facts: RequirementFacts, *, today: date, done: Mapping[str, str]) -> bool:
    """Whether the workplace gets the "no survey answers yet" reminder today: a survey-distribution requirement,
    not exempt, nothing published from the workplace yet, on or after `NO_RESPONSES_AFTER_DAYS` into the window and
    up to the round's close, and not sent before (whether or not the provider has recorded the links as sent:
    recorded links that nobody answers have not reached the staff)."""
    if facts.kind != RequirementKind.SURVEY_DISTRIBUTED or facts.responses_released:
        return False
    if facts.exempt_reason and facts.exempt_reason.strip():
        return False
    if NO_RESPONSES_STEP.key in done:
        return False
    return facts.window_opens + timedelta(days=NO_RESPONSES_AFTER_DAYS) <= today <= facts.closes
