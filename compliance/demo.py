"""Demo data for this app (called by manage.py seed_demo): the default chase ladder for each demo council, and a
chase history that matches the demo rounds' dates.

Last year's round (`demo-previous`) has had its whole ladder run: reminders, overdue notices, an officer's call task,
a formal letter and a default notice approved for Demo Home Care (so it is on the default list), an extension for Elm
Lodge and an exemption for Ash Court. This year's round (`demo`) has had the sweeps from its opening to today. The
sweeps are the real `chase_sweep` run as if on each ladder date, so nothing is sent twice when the seed runs again.
When collection.demo gives the rounds new dates, the demo rounds' chase history is rebuilt from scratch.
"""

from __future__ import annotations

from datetime import date, timedelta

from collection.models import CollectionRound
from compliance.ladders import ensure_default_ladders
from compliance.models import ChaseRecord, Exemption, ExemptionCategory, Extension
from compliance.rules import DEFAULT_LADDER, Anchor
from compliance.services.officer import chase_decide, exemption_grant, extension_grant
from compliance.services.sweep import chase_sweep
from providers.demo import DemoContext
from providers.models import ContractRequirement

EXTENSION_DAYS = 21  # Elm Lodge's extension last year


def ladder_days(round_: CollectionRound, *, until: date) -> list[date]:
    """Every date a step of the default ladder falls on for `round_`, up to `until`, in order."""
    days = {
        (round_.window_opens if step.anchor == Anchor.WINDOW_OPENS else round_.due_date) + timedelta(step.offset_days)
        for step in DEFAULT_LADDER
    }
    return sorted(day for day in days if day <= until)


def seed(context: DemoContext) -> None:
    councils = list(context.councils.values())
    ensure_default_ladders(council.pk for council in councils)
    current, previous = CollectionRound.objects.get(slug="demo"), CollectionRound.objects.get(slug="demo-previous")
    if context.redated:
        ChaseRecord.objects.filter(round__in=[current, previous]).delete()
        Extension.objects.filter(round__in=[current, previous]).delete()
        Exemption.objects.filter(round__in=[current, previous]).delete()
    _decisions(context, previous)
    officer = context.users["officer@example.com"]
    for day in ladder_days(previous, until=context.today):
        chase_sweep(today=day, councils=councils)
        for record in ChaseRecord.objects.filter(round=previous, status=ChaseRecord.Status.AWAITING_APPROVAL):
            chase_decide(record=record, approve=True, user=officer)
    for day in ladder_days(current, until=context.today):
        chase_sweep(today=day, councils=councils)
    chase_sweep(today=context.today, councils=councils)


def _decisions(context: DemoContext, previous: CollectionRound) -> None:
    """Last year's extension (Elm Lodge) and exemption (Ash Court, closing service), once each."""
    officer = context.users["officer@example.com"]
    county = context.councils["demo-county"]
    requirement = ContractRequirement.objects.get(
        contract__council=county, contract__organisation=context.organisations["demo-care-group"],
        kind=ContractRequirement.Kind.ANNUAL_RETURN,
    )  # fmt: skip
    scope = {"council": county, "organisation": requirement.contract.organisation, "requirement": requirement,
             "round": previous}  # fmt: skip
    if not Extension.objects.filter(**scope, workplace=context.workplaces["elm"]).exists():
        extension_grant(**scope, workplace=context.workplaces["elm"],
                        new_due_date=previous.due_date + timedelta(EXTENSION_DAYS),
                        reason="Registered manager on long-term sick leave; the deputy is completing the return.",
                        user=officer)  # fmt: skip
    if not Exemption.objects.filter(**scope, workplace=context.workplaces["ash"]).exists():
        exemption_grant(**scope, workplace=context.workplaces["ash"], category=ExemptionCategory.CLOSING_SERVICE,
                        details="Ash Court told us it was closing in the autumn; residents moved to Oak House.",
                        user=officer)  # fmt: skip
