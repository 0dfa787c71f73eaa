"""The staff-file pass of `validate_upload`: keys, STATUS, the cell rules, the shared rules and the staff plan.

Rules (beyond those in staff.py and rowkeys.py):
- LOCALESTID must be a workplace in the workplace file (error); UNIQUEWORKERID is unique per workplace (error).
- A NEW, UPDATE, NOCHANGE or UNCHECKED staff row at a workplace the file deletes is an error.
- A registered manager (job role 4) may only work at a CQC-regulated workplace (error).
- CHGUNIQUEWRKID renames an existing record; the new reference must be under 50 characters and not already
  used at the workplace (errors). TRANSFERSTAFFRECORD (moving staff between workplaces) is not supported by upload.
- Staff held at a workplace in the file but absent from the staff file are listed, never deleted; staff held at a
  workplace the file deletes are deleted with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from collection.ascwds.cells import Row, warn
from collection.ascwds.problems import Problem
from collection.ascwds.reader import Table
from collection.ascwds.result import Action, ExistingData, StaffPlan
from collection.ascwds.rowkeys import MAX_REF, WorkplaceRow, check_width, existence, key_columns, ref, status_of
from collection.ascwds.rulemap import RuleSet, add_issues, staff_column
from collection.ascwds.staff import parse_staff
from collection.ascwds.staff_columns import StaffColumns
from collection.rules.records import StaffRecordData
from collection.rules.staff import validate_staff_record, validate_staff_records

REGISTERED_MANAGER = "4"


@dataclass(frozen=True)
class StaffOutcome:
    plans: tuple[StaffPlan, ...]
    missing: tuple[tuple[str, str], ...]


def check_staff_rows(
    table: Table,
    *,
    workplaces: dict[str, WorkplaceRow],
    existing: ExistingData,
    snapshot_date: date,
    problems: list[Problem],
    rules: RuleSet,
) -> StaffOutcome:
    index = {name: i for i, name in enumerate(table.header)}
    held = {(ref(e), ref(w)): record for (e, w), record in existing.staff.items()}
    held_refs: dict[str, set[str]] = defaultdict(set)
    for est, worker in held:
        held_refs[est].add(worker)
    seen: set[tuple[str, str]] = set()
    plans: list[StaffPlan | None] = []
    pending: list[_Pending] = []
    kept: list[_Pending] = []  # NOCHANGE and UNCHECKED rows of held records
    for line, cells in zip(table.lines, table.rows, strict=True):
        row = Row(file="staff", line=line, cells=cells, index=index, problems=problems)
        row.local_est_id, row.worker_id = row.get("LOCALESTID"), row.get("UNIQUEWORKERID")
        check_width(row, len(table.header))
        est = key_columns(row, "LOCALESTID", what="workplace")
        worker = key_columns(row, "UNIQUEWORKERID", what="staff")
        if not est or not worker:
            continue
        workplace = workplaces.get(est)
        if workplace is None:
            row.add(
                "LOCALESTID",
                "staff_workplace_not_in_file",
                "LOCALESTID is not a workplace in the workplace file. Add the workplace to that file or correct the reference.",
            )
        if (est, worker) in seen:
            row.add(
                "UNIQUEWORKERID",
                "uniqueworkerid_duplicate",
                "UNIQUEWORKERID is on more than one line for this workplace. Each staff record must appear once.",
            )
            continue
        seen.add((est, worker))
        status = status_of(row)
        if not status:
            continue
        previous = held.get((est, worker))
        existence(row, status=status, exists=previous is not None, what="staff record")
        if workplace is not None and workplace.status == "DELETE" and status != "DELETE":
            row.add(
                "LOCALESTID",
                "staff_workplace_deleted",
                "This staff record's workplace is being deleted in the workplace file. Delete the staff record too, or keep the workplace.",
            )
        new_ref = _rename(row, est=est, worker=worker, status=status, seen=seen, held_refs=held_refs)
        if row.get("TRANSFERSTAFFRECORD"):
            row.add(
                "TRANSFERSTAFFRECORD",
                "transfer_not_supported",
                "Moving staff records between workplaces by upload is not supported. Leave TRANSFERSTAFFRECORD blank and move the record on the website.",
            )
        if status in ("NEW", "UPDATE"):  # parsed below, all together
            pending.append(_Pending(len(plans), row, status, previous, worker, new_ref, workplace))
            plans.append(None)
            continue
        if status in ("NOCHANGE", "UNCHECKED") and previous is not None:  # compared below, all together
            kept.append(_Pending(len(plans), row, status, previous, worker, new_ref, workplace))
            plans.append(None)
            continue
        plan = _plan(row, status=status, worker=worker, new_ref=new_ref)
        plans.append(plan)
        _count(workplace, status, plan)
    for entry, plan in zip(pending, _parse(pending, index=index, snapshot_date=snapshot_date, rules=rules), strict=True):
        plans[entry.position] = plan
        _count(entry.workplace, entry.status, plan)
    for entry, differs in zip(kept, _kept_differ(kept, index=index, snapshot_date=snapshot_date), strict=True):
        plan = _unchanged_plan(entry.row, previous=entry.previous, worker=entry.worker, new_ref=entry.new_ref,
                               differs=differs)
        plans[entry.position] = plan
        _count(entry.workplace, entry.status, plan)
    missing: list[tuple[str, str]] = []
    for (est, worker), record in held.items():
        workplace = workplaces.get(est)
        if workplace is None or (est, worker) in seen:
            continue
        if workplace.status == "DELETE":
            plans.append(StaffPlan(local_est_id=est, worker_id=record.local_ref, line=0, action="deleted", record=None))
        else:
            missing.append((est, record.local_ref))
    return StaffOutcome(plans=tuple(plans), missing=tuple(sorted(missing)))  # type: ignore[arg-type]


def _count(workplace: WorkplaceRow | None, status: str, plan: StaffPlan) -> None:
    if workplace is None or status == "DELETE":
        return
    workplace.staff_rows += 1
    if plan.record is not None and plan.record.job_role == REGISTERED_MANAGER:
        workplace.has_registered_manager = True


@dataclass(frozen=True, slots=True)
class _Pending:
    """A NEW or UPDATE row whose keys are checked, waiting to be parsed with the others."""

    position: int  # in the plans
    row: Row
    status: str
    previous: StaffRecordData | None
    worker: str
    new_ref: str
    workplace: WorkplaceRow | None


def _parse(pending: list[_Pending], *, index: dict[str, int], snapshot_date: date, rules: RuleSet) -> list[StaffPlan]:
    """Parse and check the NEW and UPDATE rows column by column (`StaffColumns`, `validate_staff_records`); each row
    gets the problems, in the order, that parsing it alone with `parse_staff` and `rules.staff` would give."""
    columns = StaffColumns([entry.row.cells for entry in pending], index=index, snapshot_date=snapshot_date)
    records = columns.records([entry.new_ref for entry in pending])
    alone: dict[int, list[Problem]] = {}  # rows whose DOB "Admin" keeps the held birth year: parsed one by one
    for k, entry in enumerate(pending):
        if entry.previous is not None and entry.row.get("DOB").upper() == "ADMIN":
            scratch = Row(file="staff", line=entry.row.line, cells=entry.row.cells, index=index, problems=[])
            records[k] = parse_staff(scratch, snapshot_date=snapshot_date, existing=entry.previous, local_ref=entry.new_ref)
            alone[k] = scratch.problems
    places = [entry.workplace.workplace if entry.workplace else None for entry in pending]
    if rules.staff is validate_staff_record:
        issues = validate_staff_records(records, snapshot_date=snapshot_date, workplaces=places)
    else:
        issues = [rules.staff(r, snapshot_date=snapshot_date, workplace=w) for r, w in zip(records, places, strict=True)]
    plans = []
    for k, entry in enumerate(pending):
        row = entry.row
        if k in alone:
            for p in alone[k]:
                row.add(p.column, p.code, p.message, severity=p.severity, value=p.value)
        else:
            columns.replay(k, row)
        plans.append(_checked_plan(row, entry, record=records[k], issues=issues[k]))
    return plans


KEPT_CHUNK = 20_000  # NOCHANGE rows compared at a time, so a re-upload does not hold every row's record at once


def _kept_differ(kept: list[_Pending], *, index: dict[str, int], snapshot_date: date) -> list[bool]:
    """Whether each NOCHANGE or UNCHECKED row of a held record describes another record than the held one, as
    `parse_staff` with the held record reads it (its problems are not recorded: the row changes nothing). Parsed
    column by column (`StaffColumns`), as `_parse` does, a chunk of rows at a time; a row whose DOB is "Admin"
    (keeping the held birth year) is parsed alone."""
    differ: list[bool] = []
    for start in range(0, len(kept), KEPT_CHUNK):
        chunk = kept[start : start + KEPT_CHUNK]
        columns = StaffColumns([entry.row.cells for entry in chunk], index=index, snapshot_date=snapshot_date)
        records = columns.records([entry.previous.local_ref for entry in chunk])
        for k, entry in enumerate(chunk):
            if entry.row.get("DOB").upper() == "ADMIN":
                scratch = Row(file="staff", line=entry.row.line, cells=entry.row.cells, index=index, problems=[])
                records[k] = parse_staff(scratch, snapshot_date=snapshot_date, existing=entry.previous,
                                         local_ref=entry.previous.local_ref)
        differ += [record != entry.previous for record, entry in zip(records, chunk, strict=True)]
    return differ


def _rename(
    row: Row, *, est: str, worker: str, status: str, seen: set[tuple[str, str]], held_refs: dict[str, set[str]]
) -> str:
    """The reference after the upload: CHGUNIQUEWRKID when it renames an existing record, else UNIQUEWORKERID."""
    new_ref = ref(row.get("CHGUNIQUEWRKID"))
    if not new_ref or new_ref == worker:
        return row.worker_id.strip()
    if status not in ("UPDATE", "NOCHANGE", "UNCHECKED"):
        row.add(
            "CHGUNIQUEWRKID",
            "chguniqueworkerid_status",
            "CHGUNIQUEWRKID can only rename an existing staff record (STATUS UPDATE). Leave it blank for NEW or DELETE.",
        )
    elif len(new_ref) >= MAX_REF:
        row.add("CHGUNIQUEWRKID", "chguniqueworkerid_too_long", f"CHGUNIQUEWRKID must be under {MAX_REF} characters.")
    elif new_ref in held_refs.get(est, set()) or (est, new_ref) in seen:
        row.add(
            "CHGUNIQUEWRKID",
            "chguniqueworkerid_in_use",
            "CHGUNIQUEWRKID is already the reference of another staff record at this workplace. Choose a different reference.",
        )
    else:
        seen.add((est, new_ref))
        return row.get("CHGUNIQUEWRKID").strip()
    return row.worker_id.strip()


def _plan(row: Row, *, status: str, worker: str, new_ref: str) -> StaffPlan:
    """The plan for a DELETE row, or a NOCHANGE or UNCHECKED row of a record not held (the other rows are parsed
    together: `_parse`, `_kept_differ`)."""
    if status == "DELETE":
        return StaffPlan(local_est_id=row.local_est_id.strip(), worker_id=row.worker_id.strip(), line=row.line,
                         action="deleted", record=None)
    if status in ("NOCHANGE", "UNCHECKED"):
        return _unchanged_plan(row, previous=None, worker=worker, new_ref=new_ref, differs=False)
    raise ValueError(f"{status} rows are parsed together")


def _unchanged_plan(row: Row, *, previous: StaffRecordData | None, worker: str, new_ref: str, differs: bool) -> StaffPlan:
    """The plan for a NOCHANGE or UNCHECKED row: the held record, kept (renamed by CHGUNIQUEWRKID); a warning when
    the row `differs` from it (`_kept_differ`)."""
    renamed_from = row.worker_id.strip() if ref(new_ref) != worker else ""
    record = previous
    if previous is not None:
        if differs:
            warn(
                row,
                "STATUS",
                "status_unchecked_changes_ignored",
                "STATUS is NOCHANGE or UNCHECKED, so the changes on this line will not be saved. Set STATUS to UPDATE to save them.",
            )
        if renamed_from:
            record = replace(previous, local_ref=new_ref)
    action: Action = "updated" if renamed_from and previous is not None else "unchanged"
    return StaffPlan(
        local_est_id=row.local_est_id.strip(),
        worker_id=new_ref,
        line=row.line,
        action=action,
        record=record,
        previous_worker_id=renamed_from,
    )


def _checked_plan(row: Row, entry: _Pending, *, record: StaffRecordData, issues: Sequence) -> StaffPlan:
    """The plan for a parsed NEW or UPDATE row, after the workplace rule and the shared rules."""
    status, previous, workplace, new_ref = entry.status, entry.previous, entry.workplace, entry.new_ref
    renamed_from = row.worker_id.strip() if ref(new_ref) != entry.worker else ""
    regulated = (
        workplace.workplace.is_cqc_regulated if workplace is not None and workplace.workplace is not None else None
    )
    if record.job_role == REGISTERED_MANAGER and regulated is False:
        row.add(
            "MAINJOBROLE",
            "registered_manager_not_cqc",
            "MAINJOBROLE is registered manager, but the workplace is not CQC regulated. Choose another job role or correct REGTYPE.",
        )
    if issues:
        add_issues(row, issues, column_of=lambda f: staff_column(f, pay_interval=record.pay_interval))
    action = (
        "new"
        if status == "NEW"
        else "updated"
        if previous is None or record != previous or renamed_from
        else "unchanged"
    )
    return StaffPlan(
        local_est_id=row.local_est_id.strip(),
        worker_id=new_ref,
        line=row.line,
        action=action,
        record=record,
        previous_worker_id=renamed_from,
    )
