"""Erasure at the end of the retention period (called by `retention.services` only)."""

from __future__ import annotations

from django.db import transaction

from collection.models import ChangeRecord, StaffRecord


@transaction.atomic
def staff_records_erase(*, workforce_return_id: int) -> int:
    """Delete a return's staff records and every staff-level row of its change history (a record's old and new
    values are the record). The workplace section, its counts and the return's own history (submitted, accepted)
    stay. Returns how many staff records went."""
    ChangeRecord.objects.filter(workforce_return_id=workforce_return_id).exclude(staff_ref="").delete()
    deleted, _ = StaffRecord.objects.filter(workforce_return_id=workforce_return_id).delete()
    return deleted
