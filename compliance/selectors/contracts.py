"""What the council admin's contract pages read: the council's contracts and the audit trail of its settings."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from collection.models import ChangeRecord
from providers.models import Contract, Council


def contract_list(council: Council) -> QuerySet[Contract]:
    return (
        Contract.objects.filter(council=council)
        .select_related("organisation", "contract_officer")
        .prefetch_related("requirements")
        .annotate(workplace_count=Count("workplaces", distinct=True))
        .order_by("organisation__name", "reference")
    )


def settings_trail(council: Council, *, subject: str | None = None, subject_ids=None) -> QuerySet[ChangeRecord]:
    """The audit rows of the council's own settings (newest first), optionally of one kind of thing."""
    rows = ChangeRecord.objects.filter(council=council, workforce_return__isnull=True).select_related("actor")
    if subject is not None:
        rows = rows.filter(subject=subject)
    if subject_ids is not None:
        rows = rows.filter(subject_id__in=list(subject_ids))
    return rows.order_by("-at", "-id")


def contract_trail(contract: Contract) -> QuerySet[ChangeRecord]:
    """Every audited change to the contract and to its requirements, newest first."""
    requirement_ids = list(contract.requirements.values_list("pk", flat=True))
    return settings_trail(contract.council).filter(
        Q(subject="contract", subject_id=contract.pk) | Q(subject="requirement", subject_id__in=requirement_ids)
    )[:200]
