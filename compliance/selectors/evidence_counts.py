"""For the retention schedule: how much chase evidence each contract, and each council and organisation, holds."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry


def chase_evidence_by_contract(*, council_id: int | None = None) -> dict[int, int]:
    """Chase records, extensions and exemptions, counted by the contract of their requirement (one council's only,
    when given)."""
    scope = {} if council_id is None else {"council_id": council_id}
    counts: dict[int, int] = defaultdict(int)
    for model in (ChaseRecord, Extension, Exemption):
        for row in model.objects.filter(**scope).values("requirement__contract_id").annotate(n=Count("pk")).order_by():
            counts[row["requirement__contract_id"]] += row["n"]
    return dict(counts)


def officer_records_by_pair(*, council_id: int | None = None) -> dict[tuple[int, int], int]:
    """Calls, notes and notices, counted by (council, organisation) (one council's only, when given)."""
    scope = {} if council_id is None else {"council_id": council_id}
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for model in (OfficerEntry, Notice):
        for row in model.objects.filter(**scope).values("council_id", "organisation_id").annotate(n=Count("pk")).order_by():
            counts[(row["council_id"], row["organisation_id"])] += row["n"]
    return dict(counts)
