"""The one write path for staff records and return sections, in bulk.

Web forms and the API (one record, or up to 1,000 in a request) and the upload apply all end here: the single-record
services in `staff` and `returns` pass a list of one. These functions validate nothing (their callers have already
applied the rules and locked the return) and do not refresh completeness: the caller ends with
`collection.services.completeness.returns_refresh_completeness` for the returns it touched. Every change is audited
field by field into the caller's `AuditBatch` (written by `collection.audit.audit_write`). A change that changes
nothing writes nothing and audits nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.db import connection, models

from collection.audit import AuditBatch, field_changes
from collection.conversion import SECTION_FIELDS, STAFF_FIELDS
from collection.models import JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from collection.rules.records import JobRoleCount as JobRoleCountData
from collection.services.staff_rows import STAFF_ATTNAMES, STAFF_COLUMNS, new_staff_rows
from collection.signals import staff_left
from config import clock
from config.bulk import copy_rows, is_postgresql, next_ids

BATCH = 2000
TEXT_TYPES = ("CharField", "TextField")
STAFF_STATE = ("left_on", "leaving_reason", "confirmed")


@cache
def _blank_as_text(model) -> frozenset[str]:
    """The model's text fields that cannot be null (by name and attname)."""
    fields = [f for f in model._meta.concrete_fields if not f.null and f.get_internal_type() in TEXT_TYPES]
    return frozenset([f.name for f in fields] + [f.attname for f in fields])


@cache
def _field_names(model) -> frozenset[str]:
    return frozenset(name for f in model._meta.concrete_fields for name in (f.name, f.attname))


def model_values(model, values: Mapping) -> dict:
    """Field values as the model stores them: None becomes "" for text fields that cannot be null, tuples lists."""
    texts = _blank_as_text(model)
    known = _field_names(model)
    found = {}
    for name, value in values.items():
        if value is None:
            if name in texts:
                value = ""
            elif name not in known:
                model._meta.get_field(name)  # an unknown name still fails as it always has
        elif isinstance(value, tuple):
            value = list(value)
        found[name] = value
    return found


def update_rows(model, names: Sequence[str], rows: Sequence[tuple[int, Mapping]], *, bump_version: bool = False) -> None:
    """UPDATE each row (id, values of `names`) with one parameterised statement run for all of them: far cheaper
    than `bulk_update`'s CASE expressions for thousands of rows. `bump_version` adds `version = version + 1`."""
    if not rows:
        return
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in names]
    sets = [f"{quote(f.column)} = %s" for f in model_fields]
    if bump_version:
        sets.append(f"{quote('version')} = {quote('version')} + 1")
    sql = f"UPDATE {quote(model._meta.db_table)} SET {', '.join(sets)} WHERE {quote('id')} = %s"
    params = [
        [f.get_db_prep_save(values[f.name], connection) for f in model_fields] + [pk] for pk, values in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def clean_staff_values(data: Mapping, *, partial: bool = False) -> dict:
    """The staff-record fields present in `data`, as the model stores them (and `local_ref`, stripped, unless
    `partial`): `model_values` for staff fields, in one pass."""
    texts = _blank_as_text(StaffRecord)
    values = {}
    for name in STAFF_FIELDS:
        if name in data:
            value = data[name]
            if value is None:
                if name in texts:
                    value = ""
            elif isinstance(value, tuple):
                value = list(value)
            values[name] = value
    if "local_ref" in values or not partial:
        values["local_ref"] = (data.get("local_ref") or "").strip()
    return values


# Staff records -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffUpdate:
    """Change one stored record to `after`. `before` holds its stored values (every key of `after`, and
    `left_on`, `leaving_reason`, `confirmed`). Saving confirms it unless `confirm` is False (one question page of
    a carried-forward record, saved before the person has checked the rest); `reactivate` clears a recorded leaving.
    `version` is the new version when the caller holds the row locked (else it is bumped in SQL)."""

    record_id: int
    return_id: int
    before: Mapping
    after: Mapping
    reactivate: bool = False
    version: int | None = None
    confirm: bool = True


@dataclass(frozen=True)
class StaffLeave:
    record_id: int
    return_id: int
    staff_ref: str
    left_on: date
    leaving_reason: str


@dataclass(frozen=True)
class StaffDelete:
    record_id: int
    return_id: int
    staff_ref: str



CREATE_CHUNK = 5000  # records prepared, written and audited at a time, so memory stays flat in a big upload


def staff_records_create(
    entries: Sequence[tuple[int, Mapping]], *, audit: AuditBatch, instances: bool = True
) -> list[StaffRecord]:
    """Add records: (return id, staff values). Audited "created": one row per record holding every answered field
    (`collection.services.staff_rows`), whatever the source, so an upload of 10,000 records writes 10,000 audit rows.

    Records go in by chunks of plain rows: on PostgreSQL each chunk goes in with one COPY (taking the ids from the
    table's sequence in one query first when the records are wanted back, else from the column's default); elsewhere `bulk_create` when the records are wanted back, else one
    `executemany`. Returns the new records, or nothing when `instances` is False (an upload has no use for tens of
    thousands of model instances)."""
    if not entries:
        return []
    now = clock.now()
    table = StaffRecord._meta.db_table
    postgresql = is_postgresql()
    ids = next_ids(table, len(entries)) if postgresql and instances else None  # (else the column default gives them)
    at = now if postgresql or instances else connection.ops.adapt_datetimefield_value(now)
    created: list[StaffRecord] = []
    for start in range(0, len(entries), CREATE_CHUNK):
        chunk = entries[start : start + CREATE_CHUNK]
        rows, refs, summaries = new_staff_rows(chunk, at=at)
        if postgresql and instances:
            chunk_ids = ids[start : start + len(chunk)]
            copy_rows(table, ["id", *(f.column for f in STAFF_COLUMNS)],
                      ((pk, *row) for pk, row in zip(chunk_ids, rows, strict=True)))
            created += [StaffRecord(id=pk, **dict(zip(STAFF_ATTNAMES, row, strict=True)))
                        for pk, row in zip(chunk_ids, rows, strict=True)]
        elif postgresql:
            copy_rows(table, [f.column for f in STAFF_COLUMNS], rows)
        elif instances:
            records = [StaffRecord(**dict(zip(STAFF_ATTNAMES, row, strict=True))) for row in rows]
            StaffRecord.objects.bulk_create(records, batch_size=BATCH)
            created += records
        else:
            _insert_rows(table, rows)
        audit.add_created(zip((return_id for return_id, _values in chunk), refs, summaries, strict=True))
    return created


def _insert_rows(table: str, rows: Sequence[tuple]) -> None:
    """Plain parameterised INSERTs of staff rows (not PostgreSQL), the times already as the database stores them."""
    quote = connection.ops.quote_name
    columns = [f.column for f in STAFF_COLUMNS]
    sql = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def staff_records_update(entries: Sequence[StaffUpdate], *, audit: AuditBatch, now: datetime) -> list[int]:
    """Change records (audited "updated", one row per changed field). Returns the ids that changed."""
    bumped: list[tuple[int, dict]] = []  # the version goes up in SQL
    versioned: list[tuple[int, dict]] = []  # the caller holds the row locked and says the new version
    for entry in entries:
        after = clean_staff_values(entry.after, partial=True)
        changes = field_changes(before={name: entry.before.get(name) for name in after}, after=after)
        confirmed = entry.before.get("confirmed", True) or entry.confirm
        if confirmed and not entry.before.get("confirmed", True):
            changes["confirmed"] = (False, True)
        left_on, leaving_reason = entry.before.get("left_on"), entry.before.get("leaving_reason") or ""
        if entry.reactivate and left_on is not None:
            changes["left_on"] = (left_on, None)
            changes["leaving_reason"] = (leaving_reason, "")
        if entry.reactivate:
            left_on, leaving_reason = None, ""
        if not changes:
            continue
        stored = {name: entry.before.get(name) for name in STAFF_FIELDS}
        values = {**model_values(StaffRecord, {**stored, **after}), "left_on": left_on,
                  "leaving_reason": leaving_reason, "confirmed": confirmed, "updated_at": now}
        if entry.version is None:
            bumped.append((entry.record_id, values))
        else:
            versioned.append((entry.record_id, {**values, "version": entry.version}))
        audit.add(entry.return_id, "updated", staff_ref=values["local_ref"], changes=changes)
    names = [*STAFF_FIELDS, *STAFF_STATE, "updated_at"]
    update_rows(StaffRecord, names, bumped, bump_version=True)
    update_rows(StaffRecord, [*names, "version"], versioned)
    return [pk for pk, _values in bumped + versioned]


def staff_records_leave(entries: Sequence[StaffLeave], *, audit: AuditBatch, now: datetime) -> None:
    """Mark workers as having left (the row is kept for the audit trail and the leaver reasons). Audited "removed"."""
    grouped: dict[tuple[date, str], list[int]] = defaultdict(list)
    for entry in entries:
        grouped[(entry.left_on, entry.leaving_reason)].append(entry.record_id)
        audit.add(entry.return_id, "removed", staff_ref=entry.staff_ref,
                  changes={"left_on": (None, entry.left_on), "leaving_reason": ("", entry.leaving_reason)})
    for (left_on, reason), ids in grouped.items():
        for start in range(0, len(ids), BATCH):
            StaffRecord.objects.filter(id__in=ids[start : start + BATCH]).update(
                left_on=left_on, leaving_reason=reason, version=models.F("version") + 1, updated_at=now
            )
    if entries:  # e.g. the exit survey is offered for each workplace (surveys listens)
        staff_left.send(sender=StaffRecord, return_ids=sorted({e.return_id for e in entries}), actor=audit.actor)


def staff_records_delete(entries: Sequence[StaffDelete], *, audit: AuditBatch) -> None:
    """Delete records outright (an ASC-WDS file's DELETE). Audited "deleted"."""
    ids = [entry.record_id for entry in entries]
    for entry in entries:
        audit.add(entry.return_id, "deleted", staff_ref=entry.staff_ref)
    for start in range(0, len(ids), BATCH):
        StaffRecord.objects.filter(id__in=ids[start : start + BATCH]).delete()


# Return sections -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionWrite:
    """New section values for one return (a subset of SECTION_FIELDS, plus any `stamps` such as
    `pay_confirmed_at`, saved but not audited); `job_roles` / `leaver_reasons` replace the counts when given."""

    workforce_return: WorkforceReturn
    values: Mapping
    job_roles: Sequence[JobRoleCountData] | None = None
    leaver_reasons: Mapping[str, int] | None = None
    stamps: Mapping = field(default_factory=dict)


def count_snapshot(job_roles: Sequence, leaver_reasons: Mapping[str, int]) -> dict[str, int]:
    """The counts as audit fields: "starters (job role 7)", "leavers (reason 3)"."""
    snapshot = {}
    for row in sorted(job_roles, key=lambda r: (len(r.job_role), r.job_role)):
        for measure in ("starters", "leavers", "vacancies"):
            if getattr(row, measure):
                snapshot[f"{measure} (job role {row.job_role})"] = getattr(row, measure)
    for code, count in sorted(leaver_reasons.items()):
        if count:
            snapshot[f"leavers (reason {code})"] = count
    return snapshot


def _held_counts(return_ids: list[int]) -> tuple[dict[int, list], dict[int, dict[str, int]]]:
    roles: dict[int, list] = defaultdict(list)
    reasons: dict[int, dict[str, int]] = defaultdict(dict)
    for start in range(0, len(return_ids), BATCH):
        chunk = return_ids[start : start + BATCH]
        for row in JobRoleCount.objects.filter(workforce_return__in=chunk):
            roles[row.workforce_return_id].append(row)
        for row in LeaverReasonCount.objects.filter(workforce_return__in=chunk):
            reasons[row.workforce_return_id][row.reason] = row.count
    return roles, reasons


def return_sections_write(
    entries: Sequence[SectionWrite], *, action: str, audit: AuditBatch, now: datetime
) -> list[WorkforceReturn]:
    """Save sections of many returns (one bulk update per field set, counts replaced in bulk). Returns the
    returns that changed; the instances hold the new values."""
    counted = [e.workforce_return.pk for e in entries if e.job_roles is not None or e.leaver_reasons is not None]
    held_roles, held_reasons = _held_counts(counted)
    changed: dict[tuple[str, ...], list[WorkforceReturn]] = defaultdict(list)
    new_roles: dict[int, Sequence] = {}
    new_reasons: dict[int, Mapping] = {}
    for entry in entries:
        held = entry.workforce_return
        values = model_values(WorkforceReturn, {k: v for k, v in entry.values.items() if k in SECTION_FIELDS})
        before = {name: getattr(held, name) for name in values}
        changes = field_changes(before=before, after=values)
        roles = held_roles.get(held.pk, []) if entry.job_roles is None else entry.job_roles
        reasons = held_reasons.get(held.pk, {}) if entry.leaver_reasons is None else dict(entry.leaver_reasons)
        old_counts = count_snapshot(held_roles.get(held.pk, []), held_reasons.get(held.pk, {}))
        new_counts = count_snapshot(roles, reasons)
        counts_changed = field_changes(before=old_counts, after={**dict.fromkeys(old_counts, 0), **new_counts})
        if counts_changed:
            new_roles[held.pk], new_reasons[held.pk] = roles, reasons
        changes.update(counts_changed)
        stamps = dict(entry.stamps)
        if not changes and not stamps:
            continue
        for name, value in {**values, **stamps}.items():
            setattr(held, name, value)
        held.updated_at = now
        changed[tuple(sorted({*values, *stamps}))].append(held)
        if changes:
            audit.add(held.pk, action, changes=changes)
    for names, returns in changed.items():
        fields = [*names, "updated_at"]
        update_rows(WorkforceReturn, fields, [(r.pk, {name: getattr(r, name) for name in fields}) for r in returns])
    _replace_counts(new_roles, new_reasons)
    return [held for returns in changed.values() for held in returns]


def _replace_counts(roles: Mapping[int, Sequence], reasons: Mapping[int, Mapping[str, int]]) -> None:
    ids = sorted(roles)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        JobRoleCount.objects.filter(workforce_return__in=chunk).delete()
        LeaverReasonCount.objects.filter(workforce_return__in=chunk).delete()
    JobRoleCount.objects.bulk_create(
        [
            JobRoleCount(workforce_return_id=return_id, job_role=row.job_role, starters=row.starters,
                         leavers=row.leavers, vacancies=row.vacancies)
            for return_id in ids
            for row in roles[return_id]
            if row.starters or row.leavers or row.vacancies
        ],
        batch_size=BATCH,
    )
    LeaverReasonCount.objects.bulk_create(
        [
            LeaverReasonCount(workforce_return_id=return_id, reason=code, count=count)
            for return_id in ids
            for code, count in sorted(reasons[return_id].items())
            if count
        ],
        batch_size=BATCH,
    )
