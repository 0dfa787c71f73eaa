"""What contract officers and council admins record: extensions, exemptions, notes and calls, notices,
decisions on steps awaiting approval, and changes to the council's ladder. Each row is its own audit record
(who, when, what)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from collection.models import CollectionRound
from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry
from compliance.selectors.units import due_date_for
from compliance.services.delivery import DELIVERED_CHANNELS
from config import clock
from providers.models import ContractRequirement, Council, Organisation, User, Workplace

S = ChaseRecord.Status


@transaction.atomic
def extension_grant(
    *, council: Council, organisation: Organisation, requirement: ContractRequirement, round: CollectionRound,
    workplace: Workplace | None, new_due_date: date, reason: str, user: User,
) -> Extension:  # fmt: skip
    if new_due_date <= due_date_for(requirement, round):  # the requirement's own due date in the round
        raise ValidationError({"new_due_date": "The new date must be after the due date."})
    extension = Extension(
        council=council, organisation=organisation, requirement=requirement, round=round, workplace=workplace,
        new_due_date=new_due_date, reason=reason.strip(), decided_by=user,
    )  # fmt: skip
    extension.full_clean()
    extension.save()
    return extension


@transaction.atomic
def exemption_grant(
    *, council: Council, organisation: Organisation, requirement: ContractRequirement, round: CollectionRound,
    workplace: Workplace | None, category: str, details: str, user: User,
) -> Exemption:  # fmt: skip
    exemption = Exemption(
        council=council, organisation=organisation, requirement=requirement, round=round, workplace=workplace,
        category=category, details=details.strip(), decided_by=user,
    )  # fmt: skip
    exemption.full_clean()
    exemption.save()
    return exemption


@transaction.atomic
def entry_record(*, council: Council, organisation: Organisation, kind: str, text: str, spoke_to: str, user: User):
    entry = OfficerEntry(
        council=council, organisation=organisation, kind=kind, text=text.strip(), spoke_to=spoke_to.strip(),
        recorded_by=user,
    )  # fmt: skip
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def notice_issue(
    *, council: Council, organisation: Organisation, round: CollectionRound | None, kind: str, text: str, user: User
) -> Notice:
    notice = Notice(
        council=council, organisation=organisation, round=round, kind=kind, text=text.strip(), issued_by=user
    )
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def chase_decide(*, record: ChaseRecord, approve: bool, user: User) -> ChaseRecord:
    """Approve (send, or put on the officer's task list) or skip a step awaiting approval. Deciding twice is
    refused, so a double submit cannot send anything twice."""
    locked = ChaseRecord.objects.select_for_update().get(pk=record.pk)
    if locked.status != S.AWAITING_APPROVAL:
        raise ValidationError("This step has already been decided.")
    if approve:
        locked.status = S.APPROVED if locked.channel in DELIVERED_CHANNELS else S.QUEUED
        locked.next_attempt_at = clock.now()
    else:
        locked.status = S.SKIPPED
    locked.decided_by, locked.decided_at = user, clock.now()
    locked.save(update_fields=["status", "next_attempt_at", "decided_by", "decided_at", "updated_at"])
    if approve and locked.channel in DELIVERED_CHANNELS:
        transaction.on_commit(lambda: _queue_delivery(locked.pk))
    return locked


def _queue_delivery(pk: int) -> None:
    from django_q.tasks import async_task

    async_task("compliance.tasks.deliver_message", pk)
