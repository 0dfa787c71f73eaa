"""Aggregation for analyst exports: pure pandas, DataFrames in, unrounded `RawTable`s out. No Django.

Entry point: `build_tables(...)`. The exact input columns are documented in `exports.aggregation.columns` and
listed in `REQUIRED_*_COLUMNS` so the caller can select exactly those from the database. Only submitted and
accepted returns are used (the `return_status` of each workplace row); staff, job-role and leaver-reason rows of
other workplaces are dropped.

Fixed, nested groupings only (EXPORTS.md rule 8): service type group (main service category), job role group,
district, and one personal characteristic at a time. Every table is returned unrounded: pass the list to
`exports.disclosure.protect_all` before anything is shown or written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from exports.aggregation import catalogue
from exports.aggregation import columns as col
from exports.aggregation.catalogue import Frames, axis
from exports.aggregation.columns import (
    REQUIRED_COMPLIANCE_COLUMNS,
    REQUIRED_JOB_ROLE_COLUMNS,
    REQUIRED_LEAVER_REASON_COLUMNS,
    REQUIRED_STAFF_COLUMNS,
    REQUIRED_WORKPLACE_COLUMNS,
)
from exports.disclosure.tables import RawTable


@dataclass(frozen=True)
class EarlierRound:
    """An earlier collection round's inputs (same columns as the current round), for the year-on-year series."""

    round_label: str
    snapshot_date: date
    staff: pd.DataFrame
    workplaces: pd.DataFrame
    job_roles: pd.DataFrame


def required_columns() -> dict[str, tuple[str, ...]]:
    """The columns `build_tables` reads from each input frame."""
    return {
        "staff": REQUIRED_STAFF_COLUMNS,
        "workplaces": REQUIRED_WORKPLACE_COLUMNS,
        "job_roles": REQUIRED_JOB_ROLE_COLUMNS,
        "leaver_reasons": REQUIRED_LEAVER_REASON_COLUMNS,
        "compliance": REQUIRED_COMPLIANCE_COLUMNS,
    }


def build_tables(
    *,
    staff: pd.DataFrame,
    workplaces: pd.DataFrame,
    job_roles: pd.DataFrame,
    leaver_reasons: pd.DataFrame | None = None,
    compliance: pd.DataFrame | None = None,
    snapshot_date: date,
    round_label: str = "current",
    earlier: Sequence[EarlierRound] | None = None,
) -> list[RawTable]:
    """The fixed table catalogue for one council and round, unrounded.

    Tables: coverage (by service type group, by district); staff and FTE (service x role group, district x role
    group); starters, leavers and turnover (service; service x role group); vacancies (service x role group;
    district); contract types; zero-hours; hourly pay by role group (median, quartiles, NLW share; chart) and pay by
    service x role group (hourly and annual medians); contracted hours; sickness days; age band, gender, ethnic
    group, nationality group, disability, recruitment source (by service); social care qualification and Care
    Certificate (by role group); Health and Care Worker visa; reasons for leaving (chart; and by service); the
    year-on-year series when `earlier` rounds are given; compliance by status when `compliance` is given.
    """
    frames = _frames(staff=staff, workplaces=workplaces, job_roles=job_roles, leaver_reasons=leaver_reasons,
                     snapshot_date=snapshot_date)
    service = axis("service", col.service_groups())
    district = axis("district", frames.districts)
    role = axis("role_group", col.role_groups())
    tables = [
        *catalogue.workforce_tables(frames, service, district, role),
        *catalogue.turnover_tables(frames, service, district, role),
        *catalogue.contract_tables(frames, service, role),
        *catalogue.pay_tables(frames, service, role),
        *catalogue.hours_tables(frames, service, role),
        *catalogue.breakdown_tables(frames, service, role),
        *catalogue.leaver_tables(frames, service),
    ]
    if earlier:
        rounds = [(e.round_label, _frames(staff=e.staff, workplaces=e.workplaces, job_roles=e.job_roles,
                                          leaver_reasons=None, snapshot_date=e.snapshot_date, series_only=True))
                  for e in sorted(earlier, key=lambda e: e.snapshot_date)]
        tables.append(catalogue.series_table([*rounds, (round_label, frames)], service, round_label))
    if compliance is not None and len(compliance):
        tables.append(catalogue.compliance_table(compliance))
    return tables


def _frames(
    *, staff: pd.DataFrame, workplaces: pd.DataFrame, job_roles: pd.DataFrame, leaver_reasons: pd.DataFrame | None,
    snapshot_date: date, series_only: bool = False,
) -> Frames:
    """The derived frames of one round. `series_only` (an earlier round): people carry only what the series table
    reads (provider, service, district), not the derived columns of every other table, and there are no posts."""
    included = col.included_workplaces(workplaces)
    attached = col.attach_workplace(staff, included)
    if series_only:
        people = pd.DataFrame({c: attached[c].to_numpy() for c in ("organisation_id", "service", "district")})
    else:
        people = col.derive_staff(attached, snapshot_date=snapshot_date)
    roles = col.attach_workplace(job_roles, included)
    roles["role_group"] = col.role_group_of(roles["job_role"]).to_numpy()
    for name in ("starters", "leavers", "vacancies"):
        roles[name] = pd.to_numeric(roles[name], errors="coerce").fillna(0).astype(float)
    if leaver_reasons is None:
        leaver_reasons = pd.DataFrame({"workplace_id": [], "reason": [], "count": []})
    reasons = col.attach_workplace(leaver_reasons, included)
    reason_labels = col.reference.labels("worker_leave_reasons")
    reasons["reason"] = reasons["reason"].map(lambda v: reason_labels.get(str(v), col.NOT_KNOWN))
    reasons["count"] = pd.to_numeric(reasons["count"], errors="coerce").fillna(0).astype(float)
    keys = ["organisation_id", "service", "district", "role_group"]
    posts = pd.DataFrame(columns=[*keys, "weight"]) if series_only else pd.concat(
        [people[keys].assign(weight=1.0), roles[keys].assign(weight=roles["vacancies"])], ignore_index=True)
    return Frames(people=people, roles=roles, reasons=reasons, workplaces=included, posts=posts,
                  districts=col.districts(included))


__all__ = [
    "REQUIRED_COMPLIANCE_COLUMNS",
    "REQUIRED_JOB_ROLE_COLUMNS",
    "REQUIRED_LEAVER_REASON_COLUMNS",
    "REQUIRED_STAFF_COLUMNS",
    "REQUIRED_WORKPLACE_COLUMNS",
    "EarlierRound",
    "build_tables",
    "required_columns",
]
