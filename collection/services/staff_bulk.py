"""Many staff-record writes to one return in one transaction, all or nothing (the API's bulk endpoint).

Every record is checked with the same rules as `staff_record_create` / `staff_record_update` before any is written,
then all are written through `collection.services.writes` like every other staff-record write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from collection.audit import AuditBatch
from collection.conversion import staff_data, staff_values, workplace_data
from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from collection.rules import Issue, validate_staff_record
from collection.services.completeness import return_refresh_completeness
from collection.services.errors import BulkRejected
from collection.services.returns import lock_return, touch_return
from collection.services.writes import StaffUpdate, clean_staff_values, staff_records_create, staff_records_update
from config import clock
from providers.models import User

BULK_MAX = 1000
REF_REPEATED = "The staff reference {ref} appears more than once in this request"
REF_OF_LEAVER = "The staff reference {ref} belongs to a worker recorded as having left – use a different reference"
GONE = "Staff record {ref} is not in this return, so it cannot be updated at a version – leave version out to add it"
STALE = "Staff record {ref} has changed since version {version} (it is now version {current}) – read it again"


@dataclass
class BulkResult:
    created: list[StaffRecord] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)


def problem(*, code: str, message: str, field: str | None = None, index: int | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field or None, "index": index}


def issue_problems(issues: Sequence[Issue], *, index: int | None = None) -> list[dict[str, Any]]:
    return [problem(code=i.code, message=i.message, field=i.field, index=index) for i in issues]


@transaction.atomic
def staff_record_bulk_save(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    records: Sequence[Mapping],
    source: str = ChangeRecord.Source.API,
) -> BulkResult:
    """Create or update (matched on `local_ref`) every record, or none.

    Any error in any record raises `BulkRejected` with each error's record index, and nothing is saved. Warnings
    are accepted and returned. A record may carry the `version` it was read at: a stale one is an `edit_conflict`.
    """
    locked = lock_return(workforce_return)
    existing = {r.local_ref: r for r in StaffRecord.objects.select_for_update().filter(workforce_return=locked)}
    result, errors, creates, updates = BulkResult(), [], [], []
    snapshot, place, seen = locked.round.snapshot_date, workplace_data(locked.workplace), set()
    for index, data in enumerate(records):
        values, current = clean_staff_values(data), existing.get((data.get("local_ref") or "").strip())
        found = _identity_problem(values["local_ref"], current, data.get("version"), seen=seen, index=index)
        seen.add(values["local_ref"])
        if found:
            errors.append(found)
            continue
        merged = {**staff_values(current), **values} if current else values
        issues = validate_staff_record(staff_data(merged), snapshot_date=snapshot, workplace=place)
        errors += issue_problems([i for i in issues if i.is_error], index=index) or _field_problems(merged, index)
        result.warnings += issue_problems([i for i in issues if not i.is_error], index=index)
        if current is None:
            creates.append((locked.pk, merged))
        else:
            held = {**staff_values(current), "left_on": current.left_on, "leaving_reason": current.leaving_reason,
                    "confirmed": current.confirmed}
            updates.append(StaffUpdate(record_id=current.pk, return_id=locked.pk, before=held, after=merged,
                                       version=current.version + 1))
    if errors:
        raise BulkRejected(errors)
    audit = AuditBatch(actor=actor, source=source)
    result.created = staff_records_create(creates, audit=audit)
    result.updated = staff_records_update(updates, audit=audit, now=clock.now())
    touch_return(locked, update_fields=[])
    audit.save()
    return_refresh_completeness(workforce_return=locked)
    return result


def _identity_problem(ref: str, current: StaffRecord | None, version, *, seen: set, index: int) -> dict | None:
    if ref and ref in seen:
        return problem(code="local_ref_taken", message=REF_REPEATED.format(ref=ref), field="local_ref", index=index)
    if current is not None and current.left_on is not None:
        return problem(code="local_ref_taken", message=REF_OF_LEAVER.format(ref=ref), field="local_ref", index=index)
    if current is not None and version is not None and int(version) != current.version:
        message = STALE.format(ref=ref, version=version, current=current.version)
        return problem(code="edit_conflict", message=message, field="version", index=index)
    if current is None and ref and version is not None:
        return problem(code="edit_conflict", message=GONE.format(ref=ref), field="version", index=index)
    return None


def _field_problems(values: Mapping, index: int) -> list[dict[str, Any]]:
    """What the database columns cannot hold (e.g. a pay rate the rules only warn about but is too long to store)."""
    try:
        StaffRecord(**values).clean_fields(exclude=["workforce_return"])
    except ValidationError as failure:
        return [
            problem(code=p.code or "invalid", message=" ".join(p.messages), field=name, index=index)
            for name, problems in failure.error_dict.items()
            for p in problems
        ]
    return []
