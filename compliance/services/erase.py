"""Erasure of chase evidence at the end of its retention period (called by `retention.services` only)."""

from __future__ import annotations

from django.db import transaction

from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry


@transaction.atomic
def contract_evidence_erase(*, contract_id: int) -> int:
    """A contract's chase records, extensions and exemptions."""
    scope = {"requirement__contract_id": contract_id}
    return sum(model.objects.filter(**scope).delete()[0] for model in (ChaseRecord, Extension, Exemption))


@transaction.atomic
def officer_records_erase(*, council_id: int, organisation_id: int) -> int:
    """A council's calls, notes and notices about an organisation."""
    scope = {"council_id": council_id, "organisation_id": organisation_id}
    return sum(model.objects.filter(**scope).delete()[0] for model in (OfficerEntry, Notice))
