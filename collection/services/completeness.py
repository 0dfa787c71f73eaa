"""Stored completeness: every return's `progress_percent`, `records_complete_percent` and `is_complete` are what
`collection.rules.return_completeness` says now, under the one policy choice (`collection.policy.policies_for`).

Every write that can change completeness (sections, staff records, workplaces, uploads) ends by calling
`returns_refresh_completeness` with the returns it touched; nothing else writes those three columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from collection.conversion import STAFF_FIELDS, section_data, staff_data_from_row, workplace_data
from collection.models import JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from collection.policy import policies_for
from collection.rules import Completeness, return_completeness

BATCH = 2000
RETURNS_CHUNK = 500


def stored_completeness(workforce_return: WorkforceReturn) -> tuple[int | None, int | None, bool]:
    return (workforce_return.progress_percent, workforce_return.records_complete_percent,
            workforce_return.is_complete)


def _outcome(completeness: Completeness) -> tuple[int, int | None, bool]:
    return (completeness.progress_percent, completeness.records_complete_percent, completeness.is_complete)


def returns_completeness(returns: list[WorkforceReturn]) -> dict[int, Completeness]:
    """Completeness now of each return (by id): a fixed number of queries per 500 returns (their staff records are
    held a chunk at a time, so an upload of 100,000 records never holds them all twice)."""
    found: dict[int, Completeness] = {}
    policies = policies_for({r.workplace_id: r.workplace for r in returns}.values())
    for start in range(0, len(returns), RETURNS_CHUNK):
        chunk = returns[start : start + RETURNS_CHUNK]
        ids = [r.pk for r in chunk]
        roles, reasons, staff = defaultdict(list), defaultdict(list), defaultdict(list)
        for row in JobRoleCount.objects.filter(workforce_return__in=ids):
            roles[row.workforce_return_id].append(row)
        for row in LeaverReasonCount.objects.filter(workforce_return__in=ids):
            reasons[row.workforce_return_id].append(row)
        rows = StaffRecord.objects.filter(workforce_return__in=ids, left_on__isnull=True)
        for row in rows.values_list("workforce_return_id", *STAFF_FIELDS).iterator(chunk_size=5000):
            staff[row[0]].append(staff_data_from_row(row[1:]))
        for found_return in chunk:
            found[found_return.pk] = return_completeness(
                workplace=workplace_data(found_return.workplace),
                section=section_data(found_return, job_roles=roles[found_return.pk],
                                     leaver_reasons=reasons[found_return.pk]),
                staff=staff[found_return.pk],
                policy=policies[found_return.workplace_id],
            )
    return found


def returns_refresh_completeness(return_ids: Iterable[int]) -> dict[int, Completeness]:
    """Recompute completeness of these returns from what is stored now, and store it where it changed (one UPDATE
    per distinct outcome). Returns each return's completeness."""
    ids = sorted(set(return_ids))
    returns = [
        found_return
        for start in range(0, len(ids), BATCH)
        for found_return in WorkforceReturn.objects.filter(pk__in=ids[start : start + BATCH]).select_related("workplace")
    ]
    found = returns_completeness(returns)
    changed: dict[tuple, list[int]] = defaultdict(list)
    for held in returns:
        outcome = _outcome(found[held.pk])
        if stored_completeness(held) != outcome:
            changed[outcome].append(held.pk)
    for (progress, records, complete), ids in changed.items():
        for start in range(0, len(ids), BATCH):
            WorkforceReturn.objects.filter(pk__in=ids[start : start + BATCH]).update(
                progress_percent=progress, records_complete_percent=records, is_complete=complete
            )
    return found


def return_refresh_completeness(*, workforce_return: WorkforceReturn) -> Completeness:
    """`returns_refresh_completeness` for one return; the instance's stored fields are updated too."""
    completeness = returns_refresh_completeness([workforce_return.pk])[workforce_return.pk]
    (workforce_return.progress_percent, workforce_return.records_complete_percent,
     workforce_return.is_complete) = _outcome(completeness)
    return completeness
