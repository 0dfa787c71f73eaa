"""Writes to staff records: add, change, remove (with a leaving reason), confirm, and carry forward."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from collection.audit import AuditBatch, audit_changes, field_changes
from collection.conversion import staff_data, staff_values, workplace_data
from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from collection.rules import validate_staff_record
from collection.services.completeness import return_refresh_completeness
from collection.services.errors import EditConflict, InvalidState, check_issues
from collection.services.returns import lock_return, touch_return
from collection.services.writes import (
    StaffLeave,
    StaffUpdate,
    clean_staff_values,
    staff_records_create,
    staff_records_leave,
    staff_records_update,
)
from config import clock
from providers.models import User
from providers.reference import codes

REF_TAKEN = "You have already used the staff reference {ref} in this return – enter a different reference"


def _validate(locked: WorkforceReturn, values: Mapping, *, confirm_warnings: bool) -> None:
    issues = validate_staff_record(
        staff_data(dict(values)),
        snapshot_date=locked.round.snapshot_date,
        workplace=workplace_data(locked.workplace),
    )
    check_issues(issues, confirm_warnings=confirm_warnings)


def _check_ref_free(locked: WorkforceReturn, ref: str, *, exclude: int | None = None) -> None:
    taken = StaffRecord.objects.filter(workforce_return=locked, local_ref=ref).exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"local_ref": ValidationError(REF_TAKEN.format(ref=ref), code="local_ref_taken")})


@transaction.atomic
def staff_record_create(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    data: Mapping,
    confirm_warnings: bool = False,
    source: str = ChangeRecord.Source.WEB,
) -> StaffRecord:
    """Add one worker's record. Errors block; warnings block until `confirm_warnings`."""
    locked = lock_return(workforce_return)
    values = clean_staff_values(data)
    _validate(locked, values, confirm_warnings=confirm_warnings)
    _check_ref_free(locked, values["local_ref"])
    StaffRecord(workforce_return=locked, **values).full_clean(exclude=["workforce_return"])
    audit = AuditBatch(actor=actor, source=source)
    (record,) = staff_records_create([(locked.pk, values)], audit=audit)
    touch_return(locked, update_fields=[])
    audit.save()
    return_refresh_completeness(workforce_return=locked)
    return StaffRecord.objects.get(pk=record.pk)


@transaction.atomic
def staff_record_update(
    *,
    record: StaffRecord,
    actor: User | None,
    data: Mapping,
    version: int | None,
    confirm_warnings: bool = False,
    source: str = ChangeRecord.Source.WEB,
    confirm: bool = True,
) -> StaffRecord:
    """Change a record. `version` is the one the editor opened: if someone saved since, EditConflict, nothing saved.

    Saving a carried-forward record also confirms it, unless `confirm` is False (one question page of several: the
    record is confirmed on its check-answers page, `staff_record_confirm`).
    """
    locked = lock_return(record.workforce_return)
    current = StaffRecord.objects.select_for_update().get(pk=record.pk, workforce_return=locked)
    if version is not None and int(version) != current.version:
        raise EditConflict(current.version)
    before = staff_values(current)
    values = {**before, **clean_staff_values(data, partial=True)}
    _validate(locked, values, confirm_warnings=confirm_warnings)
    if values["local_ref"] != current.local_ref:
        _check_ref_free(locked, values["local_ref"], exclude=current.pk)
    StaffRecord(workforce_return=locked, **values).full_clean(exclude=["workforce_return"])
    audit = AuditBatch(actor=actor, source=source)
    held = {**before, "left_on": current.left_on, "leaving_reason": current.leaving_reason,
            "confirmed": current.confirmed}
    changed = staff_records_update(
        [StaffUpdate(record_id=current.pk, return_id=locked.pk, before=held, after=values,
                     version=current.version + 1, confirm=confirm)],
        audit=audit, now=clock.now(),
    )
    if not changed:  # saved unchanged: nothing stored, nothing audited
        return current
    touch_return(locked, update_fields=[])
    audit.save()
    return_refresh_completeness(workforce_return=locked)
    return StaffRecord.objects.get(pk=current.pk)


@transaction.atomic
def staff_record_remove(
    *,
    record: StaffRecord,
    actor: User | None,
    leaving_reason: str,
    left_on: date | None = None,
    version: int | None = None,
    source: str = ChangeRecord.Source.WEB,
) -> StaffRecord:
    """Remove a worker who has left, with the reason they left (ASC-WDS worker_leave_reasons). The row is kept,
    marked as left, so the audit trail and the leaver reasons survive."""
    if leaving_reason not in codes("worker_leave_reasons"):
        raise ValidationError({"leaving_reason": ValidationError("Select why they left", code="leaving_reason_required")})
    locked = lock_return(record.workforce_return)
    current = StaffRecord.objects.select_for_update().get(pk=record.pk, workforce_return=locked)
    if version is not None and int(version) != current.version:
        raise EditConflict(current.version)
    audit = AuditBatch(actor=actor, source=source)
    staff_records_leave(
        [StaffLeave(record_id=current.pk, return_id=locked.pk, staff_ref=current.local_ref,
                    left_on=left_on or clock.today(), leaving_reason=leaving_reason)],
        audit=audit, now=clock.now(),
    )
    touch_return(locked, update_fields=[])
    audit.save()
    return_refresh_completeness(workforce_return=locked)
    return StaffRecord.objects.get(pk=current.pk)


@transaction.atomic
def staff_record_confirm(
    *, record: StaffRecord, actor: User | None, version: int | None = None, source: str = ChangeRecord.Source.WEB
) -> StaffRecord:
    """Confirm a carried-forward record is still right, unchanged. Errors still block (change the record instead);
    confirming accepts any warnings."""
    locked = lock_return(record.workforce_return)
    current = StaffRecord.objects.select_for_update().get(pk=record.pk, workforce_return=locked)
    if version is not None and int(version) != current.version:
        raise EditConflict(current.version)
    _validate(locked, staff_values(current), confirm_warnings=True)
    if not current.confirmed:
        current.confirmed = True
        current.version += 1
        current.save(update_fields=["confirmed", "version", "updated_at"])
        touch_return(locked, update_fields=[])
        audit_changes(workforce_return=locked, actor=actor, action="confirmed", staff_ref=current.local_ref,
                      changes={"confirmed": (False, True)}, source=source)  # completeness does not read it
    return current


@transaction.atomic
def return_carry_forward(
    *, workforce_return: WorkforceReturn, previous: WorkforceReturn, actor: User | None
) -> list[StaffRecord]:
    """Start this return's staff list from the previous round's: each record is copied, marked carried forward and
    unconfirmed. Only into a return with no staff records yet."""
    locked = lock_return(workforce_return)
    if previous.workplace_id != locked.workplace_id or previous.pk == locked.pk:
        raise InvalidState("You can only carry forward this workplace's own earlier return.", state=locked.state)
    if locked.staff_records.exists():
        raise InvalidState("This return already has staff records, so last year's list cannot be copied into it.",
                           state=locked.state)
    copies = [
        StaffRecord(workforce_return=locked, carried_forward=True, confirmed=False, **staff_values(old))
        for old in previous.staff_records.filter(left_on=None)
    ]
    StaffRecord.objects.bulk_create(copies, batch_size=500)
    if locked.total_staff is None:
        locked.total_staff = len(copies)
        touch_return(locked, update_fields=["total_staff"])
    else:
        touch_return(locked, update_fields=[])
    audit_changes(workforce_return=locked, actor=actor, action="carried_forward",
                  changes={"staff_records": (0, len(copies)), "from_round": ("", previous.round.slug)})
    return_refresh_completeness(workforce_return=locked)
    return copies


@transaction.atomic
def return_confirm_no_change(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    starters_declared: str,
    leavers_declared: str,
) -> int:
    """"Nothing has changed": confirm every carried-forward record in one step, recording whether anyone started or
    left (those answers are still asked). Records with errors stay unconfirmed. Returns how many were confirmed."""
    from collection.rules.section import DECLARATIONS

    for name, value in (("starters_declared", starters_declared), ("leavers_declared", leavers_declared)):
        if value not in DECLARATIONS:
            raise ValidationError(
                {name: ValidationError("Select whether anyone started or left", code="declaration_required")}
            )
    locked = lock_return(workforce_return)
    snapshot, place = locked.round.snapshot_date, workplace_data(locked.workplace)
    confirmed = []
    for record in locked.staff_records.filter(left_on=None, confirmed=False):
        issues = validate_staff_record(staff_data(record), snapshot_date=snapshot, workplace=place)
        if not any(issue.is_error for issue in issues):
            confirmed.append(record.pk)
    StaffRecord.objects.filter(pk__in=confirmed).update(confirmed=True)
    before = {"starters_declared": locked.starters_declared, "leavers_declared": locked.leavers_declared}
    locked.starters_declared, locked.leavers_declared = starters_declared, leavers_declared
    touch_return(locked, update_fields=["starters_declared", "leavers_declared"])
    changes = field_changes(before=before, after={"starters_declared": starters_declared,
                                                  "leavers_declared": leavers_declared})
    changes["records_confirmed"] = (0, len(confirmed))
    audit_changes(workforce_return=locked, actor=actor, action="confirmed_no_change", changes=changes)
    return_refresh_completeness(workforce_return=locked)
    return len(confirmed)
