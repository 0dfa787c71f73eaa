"""Applying a checked upload to the database: workplaces, returns, job-role and leaver-reason counts, staff records.

One transaction, bulk writes only (`bulk_create` / `bulk_update` / one `delete` per batch), so a failure at any
point leaves the database as it was. Every change is audited (source "upload"): one row per changed field, and one
"created" or "removed" row per staff record added or deleted. Completeness is recomputed for every return the
upload touched, with the national policy (90 % of staff records complete on the key fields).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from collection.ascwds import UploadResult
from collection.ascwds.rowkeys import ref
from collection.conversion import SECTION_FIELDS, STAFF_FIELDS, WORKPLACE_FIELDS, staff_data, workplace_data
from collection.models import (
    ChangeRecord,
    CollectionRound,
    JobRoleCount,
    LeaverReasonCount,
    StaffRecord,
    WorkforceReturn,
)
from collection.rules import DEFAULT_POLICY, CompletenessPolicy, return_completeness
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData
from config import clock
from providers.models import Organisation, User, Workplace
from uploads.selectors import Held

BATCH = 2000
SOURCE = ChangeRecord.Source.UPLOAD


@dataclass
class _Audit:
    actor: User | None
    rows: list[ChangeRecord] = field(default_factory=list)

    def add(self, return_id: int, action: str, *, changes: Mapping | None = None, staff_ref: str = "") -> None:
        """The rows `collection.audit.audit_changes` would write, collected so they go in with one bulk insert."""
        text = lambda value: "" if value is None else str(value)  # noqa: E731
        if changes:
            self.rows.extend(
                ChangeRecord(
                    workforce_return_id=return_id,
                    staff_ref=staff_ref,
                    action=action,
                    field=name,
                    old_value=text(old),
                    new_value=text(new),
                    actor=self.actor,
                    source=SOURCE,
                )
                for name, (old, new) in changes.items()
            )
        else:
            self.rows.append(
                ChangeRecord(
                    workforce_return_id=return_id, staff_ref=staff_ref, action=action, actor=self.actor, source=SOURCE
                )
            )

    def save(self) -> None:
        ChangeRecord.objects.bulk_create(self.rows, batch_size=BATCH)


def _changes(*, before: Mapping, after: Mapping) -> dict:
    """Fields whose value differs (by value, so a stored 5.0 equals an uploaded 5; None equals blank)."""
    blank = (None, "", [], ())
    return {
        name: (before.get(name), value)
        for name, value in after.items()
        if before.get(name) != value and not (before.get(name) in blank and value in blank)
    }


def _model_values(model, names: Iterable[str], data: object) -> dict:
    """Dataclass values as model field values: None becomes "" for text fields, tuples become lists."""
    values = {}
    for name in names:
        value = getattr(data, name)
        model_field = model._meta.get_field(name)
        if value is None and not model_field.null:
            value = "" if model_field.get_internal_type() in ("CharField", "TextField") else value
        if isinstance(value, tuple):
            value = list(value)
        values[name] = value
    return values


@transaction.atomic
def result_apply(
    *,
    organisation: Organisation,
    round: CollectionRound,
    result: UploadResult,
    held: Held,
    actor: User | None,
    leavers: Mapping[tuple[str, str], str] | None = None,
    policy: CompletenessPolicy = DEFAULT_POLICY,
) -> dict[str, dict[str, int]]:
    """Write what a passed (or accepted-with-warnings) upload says. `leavers` maps (LOCALESTID, UNIQUEWORKERID)
    of staff missing from the file to their leaving reason; other missing staff are left as they are."""
    if result.status == "failed":
        raise ValueError("An upload with errors cannot be applied.")
    now = clock.now()
    audit = _Audit(actor=actor)
    workplaces = _apply_workplaces(organisation=organisation, result=result, held=held, now=now)
    returns = _ensure_returns(round=round, workplaces=workplaces, held=held, result=result, now=now)
    sections = _apply_sections(result=result, held=held, workplaces=workplaces, returns=returns, audit=audit, now=now)
    _audit_workplaces(result=result, held=held, workplaces=workplaces, returns=returns, audit=audit)
    _apply_staff(result=result, held=held, workplaces=workplaces, returns=returns, audit=audit, now=now)
    left = _apply_leavers(leavers or {}, held=held, workplaces=workplaces, returns=returns, audit=audit, now=now)
    audit.save()
    _bump_versions({row.workforce_return_id for row in audit.rows})
    _completeness(held=held, workplaces=workplaces, returns=returns, sections=sections, policy=policy, now=now)
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
            existing.created_by_upload = True  # its section is filled in before the insert (see _apply_sections)
            created.append(existing)
        elif existing.state == WorkforceReturn.State.NOT_STARTED and key in changing:
            existing.state = WorkforceReturn.State.IN_PROGRESS
            existing.updated_at = now
            started.append(existing)
        returns[key] = existing
    sections = {ref(p.local_est_id): p.section for p in result.workplaces if p.action in ("new", "updated")}
    for new_return in created:
        section = sections.get(ref(new_return.workplace.local_ref))
        if section is not None:
            for name, value in _section_values(section).items():
                setattr(new_return, name, value)
    WorkforceReturn.objects.bulk_create(created, batch_size=BATCH)
    if started:
        WorkforceReturn.objects.bulk_update(started, ["state", "updated_at"], batch_size=BATCH)
    return returns


def _section_values(section: WorkplaceSectionData) -> dict:
    return _model_values(WorkforceReturn, SECTION_FIELDS, section)


def _apply_sections(
    *, result: UploadResult, held: Held, workplaces, returns, audit: _Audit, now
) -> dict[str, WorkplaceSectionData]:
    """The workplace section of each NEW or UPDATEd workplace's return, with its job-role and reason counts."""
    sections: dict[str, WorkplaceSectionData] = {}
    changed: list[WorkforceReturn] = []
    for plan in result.workplaces:
        key = ref(plan.local_est_id)
        if plan.action not in ("new", "updated") or plan.section is None:
            continue
        held_return = returns[key]
        fresh = getattr(held_return, "created_by_upload", False)
        before = {} if fresh else {name: getattr(held_return, name) for name in SECTION_FIELDS}
        after = _section_values(plan.section)
        old = held.data.workplaces.get(workplaces[key].local_ref)
        old_section = old.section if old is not None else None
        changes = _changes(before=before, after=after)
        for name in ("job_roles", "leaver_reasons"):
            old_value = _describe(getattr(old_section, name) if old_section else None)
            new_value = _describe(getattr(plan.section, name))
            if old_value != new_value:
                changes[name] = (old_value, new_value)
        if not changes:
            sections[key] = plan.section
            continue
        if not fresh:
            for name, value in after.items():
                setattr(held_return, name, value)
            held_return.updated_at = now
        changed.append(held_return)
        sections[key] = plan.section
        audit.add(held_return.pk, "updated", changes=changes)
    if changed:
        stale = [r for r in changed if not getattr(r, "created_by_upload", False)]
        if stale:
            WorkforceReturn.objects.bulk_update(stale, [*SECTION_FIELDS, "updated_at"], batch_size=BATCH)
        ids = [r.pk for r in changed]
        JobRoleCount.objects.filter(workforce_return__in=ids).delete()
        LeaverReasonCount.objects.filter(workforce_return__in=ids).delete()
        by_id = {returns[k].pk: s for k, s in sections.items()}
        JobRoleCount.objects.bulk_create(
            [
                JobRoleCount(
                    workforce_return_id=rid,
                    job_role=r.job_role,
                    starters=r.starters,
                    leavers=r.leavers,
                    vacancies=r.vacancies,
                )
                for rid in ids
                for r in by_id[rid].job_roles
            ],
            batch_size=BATCH,
        )
        LeaverReasonCount.objects.bulk_create(
            [
                LeaverReasonCount(workforce_return_id=rid, reason=code, count=count)
                for rid in ids
                for code, count in by_id[rid].leaver_reasons.items()
            ],
            batch_size=BATCH,
        )
    return sections


def _describe(value) -> str:
    if not value:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"reason {k}: {v}" for k, v in sorted(value.items()))
    rows = sorted(value, key=lambda r: (len(r.job_role), r.job_role))
    return "; ".join(
        f"role {r.job_role}: {r.starters}/{r.leavers}/{r.vacancies}"
        for r in rows
        if r.starters or r.leavers or r.vacancies
    )


def _audit_workplaces(*, result: UploadResult, held: Held, workplaces, returns, audit: _Audit) -> None:
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
            changes = _changes(before=before, after=_model_values(Workplace, WORKPLACE_FIELDS, plan.workplace))
            if changes:
                audit.add(return_id, "workplace_updated", changes=changes)


def _staff_values(record: StaffRecordData) -> dict:
    return _model_values(StaffRecord, STAFF_FIELDS, record)


def _apply_staff(*, result: UploadResult, held: Held, workplaces, returns, audit: _Audit, now) -> None:
    created: list[StaffRecord] = []
    changed: list[StaffRecord] = []
    removed: list[int] = []
    for plan in result.staff:
        est = ref(plan.local_est_id)
        held_return = returns[est]
        if plan.action == "new":
            created.append(StaffRecord(workforce_return=held_return, **_staff_values(plan.record)))
            audit.add(held_return.pk, "created", staff_ref=plan.worker_id)
        elif plan.action == "updated":
            key = (est, ref(plan.previous_worker_id or plan.worker_id))
            before = {name: held.staff_values[key][name] for name in STAFF_FIELDS}
            after = _staff_values(plan.record)
            changed.append(
                StaffRecord(
                    id=held.staff_ids[key],
                    workforce_return=held_return,
                    left_on=None,
                    leaving_reason="",
                    confirmed=True,
                    version=F("version") + 1,
                    updated_at=now,
                    **after,
                )
            )
            audit.add(held_return.pk, "updated", changes=_changes(before=before, after=after), staff_ref=plan.worker_id)
        elif plan.action == "deleted":
            removed.append(held.staff_ids[(est, ref(plan.worker_id))])
            audit.add(held_return.pk, "removed", staff_ref=plan.worker_id)
    StaffRecord.objects.bulk_create(created, batch_size=BATCH)
    if changed:
        StaffRecord.objects.bulk_update(
            changed,
            [*STAFF_FIELDS, "left_on", "leaving_reason", "confirmed", "version", "updated_at"],
            batch_size=500,
        )
    for start in range(0, len(removed), BATCH):
        StaffRecord.objects.filter(id__in=removed[start : start + BATCH]).delete()


def _apply_leavers(
    leavers: Mapping[tuple[str, str], str], *, held: Held, workplaces, returns, audit: _Audit, now
) -> int:
    """Mark staff missing from the file as having left today, with the reason the provider gave."""
    today = clock.today()
    by_reason: dict[str, list[int]] = defaultdict(list)
    for (est, worker), reason in leavers.items():
        key = (ref(est), ref(worker))
        by_reason[reason].append(held.staff_ids[key])
        audit.add(
            returns[key[0]].pk,
            "left",
            staff_ref=worker,
            changes={"left_on": (None, today), "leaving_reason": ("", reason)},
        )
    for reason, ids in by_reason.items():
        for start in range(0, len(ids), BATCH):
            StaffRecord.objects.filter(id__in=ids[start : start + BATCH]).update(
                left_on=today, leaving_reason=reason, version=F("version") + 1, updated_at=now
            )
    return len(leavers)


def _completeness(*, held: Held, workplaces, returns, sections, policy: CompletenessPolicy, now) -> None:
    """Recompute completeness for each return in the file, from the staff records as they now are."""
    by_return = {r.pk: key for key, r in returns.items()}
    staff: dict[int, list[StaffRecordData]] = defaultdict(list)
    ids = list(by_return)
    for start in range(0, len(ids), BATCH):
        rows = StaffRecord.objects.filter(workforce_return__in=ids[start : start + BATCH], left_on__isnull=True)
        for row in rows.values("workforce_return_id", *STAFF_FIELDS).iterator(chunk_size=5000):
            staff[row["workforce_return_id"]].append(staff_data(row))
    outcomes: dict[tuple[int, bool], list[int]] = defaultdict(list)
    for return_id, key in by_return.items():
        workplace = workplaces[key]
        section = sections.get(key)
        if section is None:
            old = held.data.workplaces.get(workplace.local_ref)
            section = old.section if old is not None and old.section is not None else WorkplaceSectionData()
        data: WorkplaceData = workplace_data(workplace)
        outcome = return_completeness(workplace=data, section=section, staff=staff[return_id], policy=policy)
        held_return = returns[key]
        if (held_return.completeness_percent, held_return.is_complete) != (outcome.percent, outcome.is_complete):
            outcomes[(outcome.percent, outcome.is_complete)].append(return_id)
    for (percent, complete), ids in outcomes.items():  # one UPDATE per distinct outcome, not one per return
        for start in range(0, len(ids), BATCH):
            WorkforceReturn.objects.filter(pk__in=ids[start : start + BATCH]).update(
                completeness_percent=percent, is_complete=complete, updated_at=now
            )


def _bump_versions(return_ids: set[int]) -> None:
    """A changed return gets a new version, so a web form opened before the upload cannot overwrite it."""
    ids = sorted(return_ids)
    for start in range(0, len(ids), BATCH):
        WorkforceReturn.objects.filter(pk__in=ids[start : start + BATCH]).update(version=F("version") + 1)
