"""For the retention schedule: how much chase evidence each contract, and each council and organisation, holds."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry


def chase_evidence_by_contract() -> dict[int, int]:
    """Chase records, extensions and exemptions, counted by the contract of their requirement."""
    counts: dict[int, int] = defaultdict(int)
    for model in (ChaseRecord, Extension, Exemption):
        for row in model.objects.values("requirement__contract_id").annotate(n=Count("pk")).order_by():
            counts[row["requirement__contract_id"]] += row["n"]
    return dict(counts)


def officer_records_by_pair() -> dict[tuple[int, int], int]:
    """Calls, notes and notices, counted by (council, organisation)."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for model in (OfficerEntry, Notice):
        for row in model.objects.values("council_id", "organisation_id").annotate(n=Count("pk")).order_by():
            counts[(row["council_id"], row["organisation_id"])] += row["n"]
    return dict(counts)
