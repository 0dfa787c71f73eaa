"""Applying a checked upload to the database: workplaces, returns, job-role and leaver-reason counts, staff records.

One transaction, bulk writes only, so a failure at any point leaves the database as it was. Return sections and
staff records are written through the same services as web forms and the API (`collection.services.writes`), and
audited the same way (source "upload") by the one audit writer. Completeness is then worked out for every return
in the file by `collection.services.completeness`, under each workplace's own policy, from what was held and what
the upload wrote (`returns_store_completeness` reads back only the returns someone else changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import F

from collection.ascwds import UploadResult
from collection.ascwds.rowkeys import ref
from collection.audit import AuditBatch, field_changes
from collection.conversion import SECTION_FIELDS, STAFF_FIELDS, WORKPLACE_FIELDS
from collection.models import ChangeRecord, CollectionRound, WorkforceReturn
from collection.rules.records import StaffRecordData
from collection.services.completeness import StoredReturn, returns_store_completeness
from collection.services.writes import (
    SectionWrite,
    StaffDelete,
    StaffLeave,
    StaffUpdate,
    model_values,
    return_sections_write,
    staff_records_create,
    staff_records_delete,
    staff_records_leave,
    staff_records_update,
)
from config import clock
from config.bulk import cycle_collector_paused
from providers.models import Organisation, User, Workplace
from uploads.selectors import Held

BATCH = 2000
SOURCE = ChangeRecord.Source.UPLOAD


def _model_values(model, names: Iterable[str], data: object) -> dict:
    """Dataclass values as model field values: None becomes "" for text fields, tuples become lists."""
    return model_values(model, {name: getattr(data, name) for name in names})


def result_apply(
    *,
    organisation: Organisation,
    round: CollectionRound,
    result: UploadResult,
    held: Held,
    actor: User | None,
    leavers: Mapping[tuple[str, str], str] | None = None,
) -> dict[str, dict[str, int]]:
    """Write what a passed (or accepted-with-warnings) upload says. `leavers` maps (LOCALESTID, UNIQUEWORKERID)
    of staff missing from the file to their leaving reason; other missing staff are left as they are."""
    if result.status == "failed":
        raise ValueError("An upload with errors cannot be applied.")
    with cycle_collector_paused(), transaction.atomic():
        return _apply(organisation=organisation, round=round, result=result, held=held, actor=actor, leavers=leavers)


def _apply(*, organisation, round, result: UploadResult, held: Held, actor, leavers) -> dict[str, dict[str, int]]:
    now = clock.now()
    audit = AuditBatch(actor=actor, source=SOURCE)
    workplaces = _apply_workplaces(organisation=organisation, result=result, held=held, now=now)
    returns = _ensure_returns(round=round, workplaces=workplaces, held=held, result=result, now=now)
    _apply_sections(result=result, returns=returns, audit=audit, now=now)
    _audit_workplaces(result=result, held=held, workplaces=workplaces, returns=returns, audit=audit)
    _apply_staff(result=result, held=held, returns=returns, audit=audit, now=now)
    left = _apply_leavers(leavers or {}, held=held, returns=returns, audit=audit, now=now)
    changed = audit.return_ids
    audit.save()
    _bump_versions(changed)
    returns_store_completeness(
        _stored_returns(result=result, held=held, workplaces=workplaces, returns=returns, leavers=leavers or {}),
        versions={r.pk: r.version + (r.pk in changed) for r in returns.values()},
    )
    counts = result.counts
    counts["staff"] = {**counts["staff"], "left": left}
    return counts


def _apply_workplaces(*, organisation: Organisation, result: UploadResult, held: Held, now) -> dict[str, Workplace]:
    """Create NEW workplaces, update UPDATEd ones, mark DELETEd ones inactive. Returns every workplace in the file."""
    found: dict[str, Workplace] = {}
    created, changed = [], []
    for plan in result.workplaces:
        key = ref(plan.local_est_id)
        if plan.action == "new":
            workplace = Workplace(
                organisation=organisation,
                local_ref=plan.local_est_id.strip(),
                is_active=True,
                **_model_values(Workplace, WORKPLACE_FIELDS, plan.workplace),
            )
            created.append(workplace)
        else:
            workplace = held.workplaces[key]
            if plan.action == "updated":
                for name, value in _model_values(Workplace, WORKPLACE_FIELDS, plan.workplace).items():
                    setattr(workplace, name, value)
                workplace.is_active = True
                workplace.updated_at = now
                changed.append(workplace)
            elif plan.action == "deleted":
                workplace.is_active = False
                workplace.updated_at = now
                changed.append(workplace)
        found[key] = workplace
    Workplace.objects.bulk_create(created, batch_size=BATCH)
    if changed:
        Workplace.objects.bulk_update(changed, [*WORKPLACE_FIELDS, "is_active", "updated_at"], batch_size=BATCH)
    return found


def _ensure_returns(
    *, round: CollectionRound, workplaces: dict[str, Workplace], held: Held, result: UploadResult, now
) -> dict[str, WorkforceReturn]:
    """This round's return for every workplace in the file (created in progress when missing)."""
    returns: dict[str, WorkforceReturn] = {}
    created, started = [], []
    changing = {ref(p.local_est_id) for p in result.workplaces if p.action != "unchanged"}
    changing |= {ref(p.local_est_id) for p in result.staff if p.action != "unchanged"}
    deleted = {ref(p.local_est_id) for p in result.workplaces if p.action == "deleted"}
    for key, workplace in workplaces.items():
        existing = held.returns.get(workplace.pk) if workplace.pk else None
        if existing is None and key in deleted:
            continue
        if existing is None:
            existing = WorkforceReturn(workplace=workplace, round=round, state=WorkforceReturn.State.IN_PROGRESS)
            created.append(existing)
        elif existing.state == WorkforceReturn.State.NOT_STARTED and key in changing:
            existing.state = WorkforceReturn.State.IN_PROGRESS
            existing.updated_at = now
            started.append(existing)
        returns[key] = existing
    WorkforceReturn.objects.bulk_create(created, batch_size=BATCH)
    if started:
        WorkforceReturn.objects.bulk_update(started, ["state", "updated_at"], batch_size=BATCH)
    return returns


def _apply_sections(*, result: UploadResult, returns, audit: AuditBatch, now) -> None:
    """The workplace section of each NEW or UPDATEd workplace's return, with its job-role and reason counts."""
    entries = [
        SectionWrite(
            workforce_return=returns[ref(plan.local_est_id)],
            values={name: getattr(plan.section, name) for name in SECTION_FIELDS},
            job_roles=plan.section.job_roles,
            leaver_reasons=plan.section.leaver_reasons,
        )
        for plan in result.workplaces
        if plan.action in ("new", "updated") and plan.section is not None
    ]
    return_sections_write(entries, action="section_updated", audit=audit, now=now)


def _audit_workplaces(*, result: UploadResult, held: Held, workplaces, returns, audit: AuditBatch) -> None:
    for plan in result.workplaces:
        key = ref(plan.local_est_id)
        if key not in returns:
            continue
        return_id = returns[key].pk
        if plan.action == "new":
            audit.add(return_id, "workplace_created")
        elif plan.action == "deleted":
            audit.add(return_id, "workplace_removed")
        elif plan.action == "updated":
            old = held.data.workplaces[workplaces[key].local_ref].workplace
            before = _model_values(Workplace, WORKPLACE_FIELDS, old)
            changes = field_changes(before=before, after=_model_values(Workplace, WORKPLACE_FIELDS, plan.workplace))
            if changes:
                audit.add(return_id, "workplace_updated", changes=changes)


def _staff_values(record: StaffRecordData) -> dict:
    return {name: getattr(record, name) for name in STAFF_FIELDS}


def _apply_staff(*, result: UploadResult, held: Held, returns, audit: AuditBatch, now) -> None:
    created: list[tuple[int, dict]] = []
    changed: list[StaffUpdate] = []
    removed: list[StaffDelete] = []
    return_ids: dict[str, int] = {}  # LOCALESTID as written -> return id
    for plan in result.staff:
        return_id = return_ids.get(plan.local_est_id)
        if return_id is None:
            return_id = return_ids[plan.local_est_id] = returns[ref(plan.local_est_id)].pk
        if plan.action == "new":
            created.append((return_id, vars(plan.record)))  # the record's fields, read only
        elif plan.action == "updated":
            key = (ref(plan.local_est_id), ref(plan.previous_worker_id or plan.worker_id))
            changed.append(StaffUpdate(record_id=held.staff_ids[key], return_id=return_id,
                                       before=held.staff_values[key], after=_staff_values(plan.record),
                                       reactivate=True))
        elif plan.action == "deleted":
            key = (ref(plan.local_est_id), ref(plan.worker_id))
            removed.append(StaffDelete(record_id=held.staff_ids[key], return_id=return_id, staff_ref=plan.worker_id))
    staff_records_create(created, audit=audit, instances=False)
    staff_records_update(changed, audit=audit, now=now)
    staff_records_delete(removed, audit=audit)


def _apply_leavers(leavers: Mapping[tuple[str, str], str], *, held: Held, returns, audit: AuditBatch, now) -> int:
    """Mark staff missing from the file as having left today, with the reason the provider gave."""
    today = clock.today()
    entries = []
    for (est, worker), reason in leavers.items():
        key = (ref(est), ref(worker))
        entries.append(StaffLeave(record_id=held.staff_ids[key], return_id=returns[key[0]].pk, staff_ref=worker,
                                  left_on=today, leaving_reason=reason))
    staff_records_leave(entries, audit=audit, now=now)
    return len(leavers)


def _bump_versions(return_ids: set[int]) -> None:
    """A changed return gets a new version, so a web form opened before the upload cannot overwrite it."""
    ids = sorted(return_ids)
    for start in range(0, len(ids), BATCH):
        WorkforceReturn.objects.filter(pk__in=ids[start : start + BATCH]).update(version=F("version") + 1)


def _stored_returns(*, result: UploadResult, held: Held, workplaces, returns, leavers) -> list[StoredReturn]:
    """What completeness reads of each return in the file, as the upload has left it: the return and workplace
    instances (holding the values just written), the counts of the section written (else those held), and the
    staff in post: those held and not left, with the file's new, updated, deleted and leaving records applied."""
    in_post: dict[str, dict[str, StaffRecordData]] = {key: {} for key in returns}
    for (est, worker), record in held.data.staff.items():
        key = (ref(est), ref(worker))
        if key[0] in in_post and key not in held.left:
            in_post[key[0]][key[1]] = record
    for plan in result.staff:
        place = in_post.get(ref(plan.local_est_id))
        if place is None:
            continue
        if plan.action == "updated":
            place.pop(ref(plan.previous_worker_id or plan.worker_id), None)
        if plan.action in ("new", "updated"):
            place[ref(plan.worker_id)] = plan.record
        elif plan.action == "deleted":
            place.pop(ref(plan.worker_id), None)
    for est, worker in leavers:
        in_post.get(ref(est), {}).pop(ref(worker), None)
    sections = {ref(p.local_est_id): p.section for p in result.workplaces
                if p.action in ("new", "updated") and p.section is not None}
    stored = []
    for key, found in returns.items():
        section = sections.get(key)
        if section is None:
            held_place = held.data.workplaces.get(workplaces[key].local_ref)
            section = held_place.section if held_place is not None else None
        roles, reasons = (section.job_roles, section.leaver_reasons) if section is not None else ((), {})
        stored.append(StoredReturn(found, workplaces[key], roles, reasons, list(in_post[key].values())))
    return stored
