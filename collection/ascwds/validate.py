"""`validate_upload`: every row of both files checked, cross-file rules applied, and the plan worked out.

Rules (ASCWDS.md 3.1-3.3, with this service's choices):
- LOCALESTID and UNIQUEWORKERID are required, under 50 characters, and match with all whitespace removed.
  A workplace appears once in the workplace file; a worker once per workplace in the staff file.
- STATUS is NEW, UPDATE, NOCHANGE, UNCHECKED or DELETE. NEW must not exist yet; the others must exist.
  NOCHANGE and UNCHECKED keep what is held (a warning says so if the row's data differs); UPDATE replaces it.
- Every staff row's LOCALESTID must be in the workplace file; staff may not be added to or kept at a workplace
  the file deletes. Deleting a workplace deletes its staff records.
- Staff held but missing from the file are NOT deleted: they are listed in `missing_staff`.
- Cross-file: TOTALPERMTEMP against the staff rows (warning); a registered manager only at a CQC-regulated
  workplace (error); a CQC-regulated workplace needs a registered manager or a registered-manager vacancy
  (warning); CQC location IDs must be unique in the file and not used by another organisation (errors).
- Any error fails the upload; warnings only give "warnings"; otherwise "passed".
"""

from __future__ import annotations

from datetime import date

from collection.ascwds.cells import Row, warn
from collection.ascwds.compare import workplace_differs
from collection.ascwds.problems import Problem, ProblemLog
from collection.ascwds.reader import Table, UploadFiles
from collection.ascwds.result import ExistingData, ExistingWorkplace, UploadResult, WorkplacePlan
from collection.ascwds.rowkeys import WorkplaceRow, check_width, existence, key_columns, ref, status_of
from collection.ascwds.rulemap import RuleSet, add_issues, default_rules, workplace_column
from collection.ascwds.staff_rows import check_staff_rows
from collection.ascwds.workplace import HEAD_OFFICE, REGISTERED_MANAGER, parse_workplace


def validate_upload(
    files: UploadFiles, *, existing: ExistingData, snapshot_date: date, rules: RuleSet | None = None
) -> UploadResult:
    """Check both files against each other and against what is held, and say what applying them would do."""
    rules = rules or default_rules()
    problems = ProblemLog()
    held_workplaces = {ref(k): v for k, v in existing.workplaces.items()}
    workplaces = _workplace_rows(files.workplace, held=held_workplaces, problems=problems, rules=rules)
    _location_ids(workplaces, elsewhere=existing.location_ids_elsewhere)
    staff = check_staff_rows(
        files.staff,
        workplaces=workplaces,
        existing=existing,
        snapshot_date=snapshot_date,
        problems=problems,
        rules=rules,
    )
    _cross_file(workplaces, rules=rules)
    problems.sort(key=lambda p: (p.file != "workplace", p.line))
    errors = tuple(p for p in problems if p.severity == "error")
    warnings = tuple(p for p in problems if p.severity != "error")
    status = "failed" if errors else "warnings" if warnings else "passed"
    missing_workplaces = tuple(sorted(k for k in held_workplaces if k not in workplaces))
    return UploadResult(
        status=status,
        errors=errors,
        warnings=warnings,
        workplaces=tuple(w.plan for w in workplaces.values() if w.plan is not None),
        staff=staff.plans,
        missing_staff=staff.missing,
        missing_workplaces=missing_workplaces,
        more_like_this=tuple((s, f, c, n) for (s, f, c), n in sorted(problems.more.items())),
    )


def _workplace_rows(
    table: Table, *, held: dict[str, ExistingWorkplace], problems: list[Problem], rules: RuleSet
) -> dict[str, WorkplaceRow]:
    index = {name: i for i, name in enumerate(table.header)}
    found: dict[str, WorkplaceRow] = {}
    for line, cells in zip(table.lines, table.rows, strict=True):
        row = Row(file="workplace", line=line, cells=cells, index=index, problems=problems)
        row.local_est_id = row.get("LOCALESTID")
        check_width(row, len(table.header))
        key = key_columns(row, "LOCALESTID", what="workplace")
        if not key:
            continue
        if key in found:
            row.add(
                "LOCALESTID",
                "localestid_duplicate",
                "LOCALESTID is on more than one line of the workplace file. Each workplace must appear once.",
            )
            continue
        status = status_of(row)
        if not status:
            continue
        held_row = held.get(key)
        existence(row, status=status, exists=held_row is not None, what="workplace")
        found[key] = _workplace_plan(row, key=key, status=status, held=held_row, rules=rules)
    return found


def _workplace_plan(row: Row, *, key: str, status: str, held: ExistingWorkplace | None, rules: RuleSet) -> WorkplaceRow:
    raw_id = row.get("LOCALESTID")
    if status == "DELETE":
        plan = WorkplacePlan(local_est_id=raw_id, line=row.line, action="deleted", workplace=None, section=None)
        return WorkplaceRow(row=row, status=status, workplace=held.workplace if held else None, section=None, plan=plan)
    if status in ("NOCHANGE", "UNCHECKED"):
        if held is not None:
            scratch = Row(file="workplace", line=row.line, cells=row.cells, index=row.index, problems=[])
            parsed = parse_workplace(scratch)
            if workplace_differs(parsed.workplace, parsed.section, held.workplace, held.section):
                warn(
                    row,
                    "STATUS",
                    "status_unchecked_changes_ignored",
                    "STATUS is NOCHANGE or UNCHECKED, so the changes on this line will not be saved. Set STATUS to UPDATE to save them.",
                )
        workplace, section = (held.workplace, held.section) if held else (None, None)
        plan = WorkplacePlan(
            local_est_id=raw_id, line=row.line, action="unchanged", workplace=workplace, section=section
        )
        return WorkplaceRow(row=row, status=status, workplace=workplace, section=section, plan=plan)
    parsed = parse_workplace(row)
    add_issues(row, rules.workplace(parsed.workplace), column_of=workplace_column)
    action = "new"
    if status == "UPDATE":
        changed = held is None or workplace_differs(parsed.workplace, parsed.section, held.workplace, held.section)
        action = "updated" if changed else "unchanged"
    plan = WorkplacePlan(
        local_est_id=raw_id, line=row.line, action=action, workplace=parsed.workplace, section=parsed.section
    )
    return WorkplaceRow(row=row, status=status, workplace=parsed.workplace, section=parsed.section, plan=plan)


def _location_ids(workplaces: dict[str, WorkplaceRow], *, elsewhere: frozenset[str]) -> None:
    seen: set[str] = set()
    for info in workplaces.values():
        if info.status not in ("NEW", "UPDATE") or info.workplace is None or not info.workplace.cqc_location_id:
            continue
        location = info.workplace.cqc_location_id
        if location in seen:
            info.row.add(
                "LOCATIONID",
                "locationid_duplicate",
                "LOCATIONID is used by more than one workplace in the file. Each CQC location belongs to one workplace.",
            )
        elif location in elsewhere:
            info.row.add(
                "LOCATIONID",
                "locationid_in_use",
                "LOCATIONID is already used by a workplace of another organisation. Check the CQC location ID.",
            )
        seen.add(location)


def _cross_file(workplaces: dict[str, WorkplaceRow], *, rules: RuleSet) -> None:
    for info in workplaces.values():
        if info.status not in ("NEW", "UPDATE") or info.section is None:
            continue
        row, section, workplace = info.row, info.section, info.workplace
        total = section.total_staff
        if total is not None and total != info.staff_rows and "TOTALPERMTEMP" not in row.flagged:
            warn(
                row,
                "TOTALPERMTEMP",
                "totalpermtemp_staff_mismatch",
                "TOTALPERMTEMP (total staff) is not the same as the number of staff records for this workplace in the staff file. Check both.",
            )
        rm_vacancy = any(r.job_role == REGISTERED_MANAGER and r.vacancies for r in section.job_roles)
        if (
            workplace is not None
            and workplace.is_cqc_regulated
            and workplace.main_service != HEAD_OFFICE
            and not info.has_registered_manager
            and not rm_vacancy
        ):
            warn(
                row,
                "VACANCIES",
                "no_registered_manager",
                "This CQC-regulated workplace has no registered manager in the staff file and no registered manager vacancy. Add one or the other.",
            )
        add_issues(row, rules.section(section, staff_record_count=info.staff_rows), column_of=workplace_column)
