"""Factories for compliance tests: a round, returns in given states, and chase records."""

from __future__ import annotations

from datetime import date, datetime

import factory
from django.utils import timezone

from collection.models import CollectionRound, WorkforceReturn
from compliance.models import ChaseRecord
from providers.models import ContractRequirement

WINDOW_OPENS = date(2025, 4, 1)
DUE = date(2025, 6, 30)
CLOSES = date(2025, 7, 31)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound
        django_get_or_create = ["slug"]

    name = "Workforce return 2025"
    slug = "compliance-2025"
    snapshot_date = date(2025, 3, 31)
    window_opens = WINDOW_OPENS
    due_date = DUE
    closes = CLOSES


class ReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkforceReturn
        django_get_or_create = ["workplace", "round"]

    round = factory.SubFactory(RoundFactory)
    state = WorkforceReturn.State.NOT_STARTED


def submitted(workplace, *, on: date, percent: int = 95, complete: bool = True, state=None, round=None):
    """A return submitted on `on` (noon, local time) with the given completeness."""
    moment = timezone.make_aware(datetime.combine(on, datetime.min.time().replace(hour=12)))
    found = ReturnFactory(workplace=workplace, round=round or RoundFactory())
    found.state = state or WorkforceReturn.State.SUBMITTED
    found.submitted_at, found.records_complete_percent, found.is_complete = moment, percent, complete
    found.save()
    return found


def chase_record_for(contract, workplace, *, step: str = "formal_letter", status=ChaseRecord.Status.AWAITING_APPROVAL):
    """A chase record for the contract's annual-return requirement (get-or-create, for the access matrix)."""
    requirement = ContractRequirement.objects.get(contract=contract, kind=ContractRequirement.Kind.ANNUAL_RETURN)
    record, _ = ChaseRecord.objects.get_or_create(
        requirement=requirement, workplace=workplace, round=RoundFactory(), step=step,
        defaults={
            "council": contract.council, "organisation": contract.organisation, "kind": step,
            "channel": "letter", "needs_approval": True, "status": status, "sweep_date": DUE,
            "subject": "Formal notice", "body": "Body", "recipients": {"to": ["admin@example.com"], "cc": []},
        },
    )  # fmt: skip
    return record
