"""The words of a chase message: the council's wording for the step, the status, % complete and what is missing."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.urls import reverse

from compliance.models import LadderStepSetting
from compliance.rules import Audience, RequirementKind, StatusResult, effective_due_date, shortfall
from compliance.rules.wording import day_month
from compliance.selectors.units import Unit


@lru_cache(maxsize=1)
def _status_path() -> str:
    return reverse("compliance:status", kwargs={"org": "__org__"})


def recipients(unit: Unit, setting: LadderStepSetting, admin_emails: dict[int, list[str]]) -> tuple[list, list]:
    """(to, cc) for a step: the organisation's admins, with the senior accountable person copied (or addressed
    first for letters). A contract officer's task goes to nobody by email: it is on the officer's desk."""
    audience = set(setting.audience)
    admins = sorted(admin_emails.get(unit.organisation.pk, []))
    senior = unit.organisation.senior_accountable_email
    to = admins if Audience.ORGANISATION_ADMINS in audience else []
    cc = [senior] if senior and Audience.SENIOR_ACCOUNTABLE_PERSON in audience and senior not in to else []
    if not to and cc:
        to, cc = cc, []
    return to, cc


def render(unit: Unit, setting: LadderStepSetting, status: StatusResult, *, today: date) -> tuple[str, str]:
    facts = unit.facts
    due = day_month(effective_due_date(facts), relative_to=today)
    fill = {"organisation": unit.organisation.name, "due": due, "response_days": setting.response_days or 28}
    try:
        subject, opening = setting.subject.format(**fill), setting.wording.format(**fill)
    except (KeyError, IndexError, ValueError):
        subject, opening = setting.subject, setting.wording
    what = "workforce return"
    if facts.kind == RequirementKind.SURVEY_DISTRIBUTED:
        what = "staff survey links"
        subject, opening = subject.replace("workforce return", what), opening.replace("workforce return", what)
    lines = [
        f"Dear {unit.organisation.name},",
        "",
        opening,
        "",
        f"Workplace: {unit.place_name}",
        f"Requirement: {unit.requirement.get_kind_display()} ({unit.contract.reference}, {unit.council.name})",
        f"Status: {status.reason}.",
    ]
    if facts.kind == RequirementKind.ANNUAL_RETURN and unit.workplace is not None:
        percent = facts.completeness_percent
        lines.append(f"Complete so far: {percent if percent is not None else 0}% of staff records")
        lines.append(f"Still missing: {shortfall(facts, today=today)}.")
    path = _status_path().replace("__org__", unit.organisation.slug)
    lines += [
        "",
        f"See what is still needed for your {what}: {settings.SITE_URL}{path}",
        "",
        f"If you cannot meet the date, contact your contract officer at {unit.council.name} to ask for an extension.",
    ]
    return subject, "\n".join(lines)


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
