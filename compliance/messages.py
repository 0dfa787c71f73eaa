"""The words of a chase message: the council's wording for the step, the status, % complete and what is missing.

A sweep renders thousands of messages from a handful of templates, so `Renderer` formats each step's subject and
opening once per requirement kind and due date (with a marker where the organisation's name goes) and each
requirement's line once; a unit's message is then those pieces joined with its own names and figures.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.urls import reverse

from compliance.models import LadderStepSetting
from compliance.rules import Audience, RequirementKind, StatusResult, effective_due_date, shortfall
from compliance.rules.wording import day_month
from compliance.selectors.units import Unit

_NAME = "\x00"  # where the organisation's name goes in a formatted subject or opening (never in council wording)


@lru_cache(maxsize=1)
def _status_path() -> str:
    return reverse("compliance:status", kwargs={"org": "__org__"})


def recipients(unit: Unit, setting: LadderStepSetting, admin_emails: dict[int, list[str]]) -> tuple[list, list]:
    """(to, cc) for a step: the organisation's admins, with the senior accountable person copied (or addressed
    first for letters). A contract officer's task goes to nobody by email: it is on the officer's desk."""
    audience = set(setting.audience)
    admins = sorted(admin_emails.get(unit.organisation.id, []))
    senior = unit.organisation.senior_accountable_email
    to = admins if Audience.ORGANISATION_ADMINS in audience else []
    cc = [senior] if senior and Audience.SENIOR_ACCOUNTABLE_PERSON in audience and senior not in to else []
    if not to and cc:
        to, cc = cc, []
    return to, cc


class Renderer:
    """Renders the chase messages of one day (`today`), reusing every piece that does not depend on the unit."""

    def __init__(self, *, today: date) -> None:
        self.today = today
        self._openings: dict[tuple, tuple[list[str], list[str], str]] = {}
        self._requirements: dict[int, str] = {}
        self._kinds: dict[str, str] = {}  # each requirement kind's label, once
        self._dues: dict[date, str] = {}
        self._site = f"{settings.SITE_URL}{_status_path()}"

    def _opening(self, setting: LadderStepSetting, kind: str, due: date) -> tuple[list[str], list[str], str]:
        """(subject parts, opening parts, what) for a step: join the parts with the organisation's name."""
        key = (id(setting), kind, due)
        found = self._openings.get(key)
        if found is None:
            due_text = self._dues.get(due)
            if due_text is None:
                due_text = self._dues[due] = day_month(due, relative_to=self.today)
            fill = {"organisation": _NAME, "due": due_text, "response_days": setting.response_days or 28}
            try:
                subject, opening = setting.subject.format(**fill), setting.wording.format(**fill)
            except (KeyError, IndexError, ValueError):
                subject, opening = setting.subject, setting.wording
            what = "workforce return"
            if kind == RequirementKind.SURVEY_DISTRIBUTED:
                what = "staff survey links"
            found = self._openings[key] = (subject.split(_NAME), opening.split(_NAME), what)
        return found

    def _requirement(self, unit: Unit) -> str:
        requirement = unit.requirement
        line = self._requirements.get(requirement.id)
        if line is None:
            kind = self._kinds.get(requirement.kind)
            if kind is None:
                kind = self._kinds[requirement.kind] = requirement.get_kind_display()
            line = self._requirements[requirement.id] = (
                f"Requirement: {kind} ({unit.contract.reference}, {unit.council.name})"
            )
        return line

    def __call__(self, unit: Unit, setting: LadderStepSetting, status: StatusResult) -> tuple[str, str]:
        facts = unit.facts
        name = unit.organisation.name
        subject_parts, opening_parts, what = self._opening(setting, facts.kind, effective_due_date(facts))
        subject, opening = name.join(subject_parts), name.join(opening_parts)
        if what != "workforce return":
            subject, opening = subject.replace("workforce return", what), opening.replace("workforce return", what)
        lines = [
            f"Dear {name},",
            "",
            opening,
            "",
            f"Workplace: {unit.place_name}",
            self._requirement(unit),
            f"Status: {status.reason}.",
        ]
        if facts.kind == RequirementKind.ANNUAL_RETURN and unit.workplace is not None:
            percent = facts.completeness_percent
            lines.append(f"Complete so far: {percent if percent is not None else 0}% of staff records")
            lines.append(f"Still missing: {shortfall(facts, today=self.today)}.")
        lines += [
            "",
            f"See what is still needed for your {what}: {self._site.replace('__org__', unit.organisation.slug)}",
            "",
            f"If you cannot meet the date, contact your contract officer at {unit.council.name} to ask for an "
            "extension.",
        ]
        return subject, "\n".join(lines)


def render(unit: Unit, setting: LadderStepSetting, status: StatusResult, *, today: date) -> tuple[str, str]:
    """One message (the sweep uses a `Renderer` for all of a day's messages)."""
    return Renderer(today=today)(unit, setting, status)


def sample_message(setting: LadderStepSetting, *, council, round_=None, today: date) -> tuple[str, str, date]:
    """(subject, body, the day it would go) of a step as a provider would receive it: rendered with the same
    `render` as the sweep, for an example provider in `round_` (or an example round around `today`), 60% of
    staff records complete and nothing submitted yet. Nothing is saved."""
    from datetime import timedelta

    from collection.models import CollectionRound
    from compliance.ladders import rule_step
    from compliance.rules import RequirementFacts, compliance_status, step_date
    from providers.models import Contract, ContractRequirement, Organisation, Workplace

    if round_ is None:
        round_ = CollectionRound(name="Example round", window_opens=today, due_date=today + timedelta(90),
                                 closes=today + timedelta(150))  # fmt: skip
    facts = RequirementFacts(kind=RequirementKind.ANNUAL_RETURN, window_opens=round_.window_opens,
                             due_date=round_.due_date, closes=round_.closes, completeness_percent=60)  # fmt: skip
    step = rule_step(setting)
    on = step_date(step, facts=facts)
    organisation = Organisation(name="Example Care Ltd", slug="example-care")
    contract = Contract(council=council, organisation=organisation, reference="EXAMPLE-001")
    unit = Unit(council=council, organisation=organisation, contract=contract,
                requirement=ContractRequirement(contract=contract, kind=ContractRequirement.Kind.ANNUAL_RETURN),
                workplace=Workplace(organisation=organisation, name="Example House"), round=round_, facts=facts,
                ladder=[setting])  # fmt: skip
    subject, body = render(unit, setting, compliance_status(facts, today=on), today=on)
    return subject, body, on
