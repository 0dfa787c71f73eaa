"""Stored completeness: every return's `progress_percent`, `records_complete_percent` and `is_complete` are what
`collection.rules.return_completeness` says now, under the one policy choice (`collection.policy.policies_for`).

Every write that can change completeness (sections, staff records, workplaces, uploads) ends by calling
`returns_refresh_completeness` with the returns it touched (or, when it holds everything it has just stored, as an
upload does, `returns_store_completeness`: the same rule on the same values, without reading them back); nothing else
writes those three columns.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q

from collection.conversion import STAFF_FIELDS, section_data, staff_data_from_row, workplace_data
from collection.models import JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from collection.policy import policies_for
from collection.rules import Completeness, return_completeness
from collection.rules.records import StaffRecordData
from providers.models import Workplace

BATCH = 2000
RETURNS_CHUNK = 500


def stored_completeness(workforce_return: WorkforceReturn) -> tuple[int | None, int | None, bool]:
    return (workforce_return.progress_percent, workforce_return.records_complete_percent,
            workforce_return.is_complete)


def _outcome(completeness: Completeness) -> tuple[int, int | None, bool]:
    return (completeness.progress_percent, completeness.records_complete_percent, completeness.is_complete)


@dataclass(frozen=True)
class StoredReturn:
    """What completeness reads of one return, as it is stored: the return (its section fields and `workplace_id`),
    its workplace, its job-role and leaver-reason counts, and its staff records in post (not left)."""

    workforce_return: WorkforceReturn
    workplace: Workplace
    job_roles: Sequence = ()
    leaver_reasons: Sequence | Mapping[str, int] = ()
    staff: Sequence[StaffRecordData] = ()


def _completeness(stored: StoredReturn, policy) -> Completeness:
    return return_completeness(
        workplace=workplace_data(stored.workplace),
        section=section_data(stored.workforce_return, job_roles=stored.job_roles,
                             leaver_reasons=stored.leaver_reasons),
        staff=stored.staff,
        policy=policy,
    )


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
            stored = StoredReturn(found_return, found_return.workplace, roles[found_return.pk],
                                  reasons[found_return.pk], staff[found_return.pk])
            found[found_return.pk] = _completeness(stored, policies[found_return.workplace_id])
    return found


def _store(returns: Sequence[WorkforceReturn], found: Mapping[int, Completeness]) -> None:
    """Store each return's completeness where it differs from what the instance says is stored (one UPDATE per
    distinct outcome)."""
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
    _store(returns, found)
    return found


def returns_store_completeness(known: Sequence[StoredReturn], *, versions: Mapping[int, int]) -> dict[int, Completeness]:
    """`returns_refresh_completeness` for a writer that already holds what it has just stored (an upload's
    thousands of records): completeness is worked out by the same rule from `known` instead of reading the records
    back. `versions` is each return's version as the writer left it. One query checks that every return still has
    that version and as many staff in post as `known` says; a return where either differs (a write by someone
    else, or two held records the writer took for one) is read back from the database like any other."""
    by_id = {item.workforce_return.pk: item for item in known}
    ids = sorted(by_id)
    stale: list[int] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = (WorkforceReturn.objects.filter(pk__in=chunk)
                .annotate(in_post=Count("staff_records", filter=Q(staff_records__left_on__isnull=True)))
                .values_list("pk", "version", "in_post"))
        for pk, version, in_post in rows:
            if version != versions.get(pk) or in_post != len(by_id[pk].staff):
                stale.append(pk)
    stale_set = set(stale)
    fresh = [by_id[pk] for pk in ids if pk not in stale_set]
    policies = policies_for({item.workplace.pk: item.workplace for item in fresh}.values())
    found = {item.workforce_return.pk: _completeness(item, policies[item.workplace.pk]) for item in fresh}
    _store([item.workforce_return for item in fresh], found)
    if stale:
        found.update(returns_refresh_completeness(stale))
    return found


def return_refresh_completeness(*, workforce_return: WorkforceReturn) -> Completeness:
    """`returns_refresh_completeness` for one return; the instance's stored fields are updated too."""
    completeness = returns_refresh_completeness([workforce_return.pk])[workforce_return.pk]
    (workforce_return.progress_percent, workforce_return.records_complete_percent,
     workforce_return.is_complete) = _outcome(completeness)
    return completeness
