"""Writing the stored statuses (compliance.models.UnitStatus) that the desk, its export and the council API read.

The status itself always comes from the pure rules through `Unit.status` (the same answer the sweep plans with):
this module only copies it, with the columns the desk filters and sorts on, into one row per unit. A council's
round is rewritten whole by the sweep each day (its current rounds) or by the first desk read of a day; rows that
went stale since (compliance.signals) are rewritten organisation by organisation before the desk reads.

On PostgreSQL only what differs is written (`_write_pg`: the stored rows are read and compared, the changed ones go
by COPY into a temporary table and one UPDATE): most units' statuses are the same as yesterday's, and a row left
alone costs no index entries and no foreign-key checks (the constraints are checked, deferred, for every row
inserted: deleting and inserting a round of 40,000 rows cost seconds at commit). `computed_on` is then the day the
row last changed (the round's refresh day is `StatusRefresh.computed_on`). Elsewhere the rows are deleted and
inserted with bulk_create.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from operator import itemgetter

from django.db import connection, transaction

from collection.models import CollectionRound
from compliance.models import StatusRefresh, UnitStatus
from compliance.rules import StatusResult
from compliance.selectors.desk import STATUS_LABELS, last_steps
from compliance.selectors.units import Unit, chase_units
from config.bulk import copy_rows, cycle_collector_paused
from providers.models import Council

NOT_ASSESSABLE = "not_assessable"
_RANK = {value: index for index, value in enumerate(STATUS_LABELS)}
COLUMNS = (
    "council_id", "round_id", "organisation_id", "contract_id", "requirement_id", "workplace_id",
    "contract_officer_id", "status", "status_rank", "reason", "due_date", "completeness_percent", "last_step",
    "organisation_name", "organisation_sort", "place_name", "place_sort", "workplace_ref", "district",
    "main_service", "officer_name", "computed_on", "stale",
)  # fmt: skip


def status_row(unit: Unit, result: StatusResult | None, last_step: str, today: date) -> tuple:
    """The stored row of one unit, as a tuple in COLUMNS order."""
    status = result.status.value if result else NOT_ASSESSABLE
    place, contract = unit.workplace, unit.contract
    officer = contract.contract_officer
    percent = unit.facts.completeness_percent if unit.facts else None
    return (
        unit.council.id, unit.round.id, unit.organisation.id, contract.id, unit.requirement.id,
        place.id if place else None, contract.contract_officer_id, status, _RANK[status],
        result.reason if result else "", result.effective_due_date if result else None, percent, last_step,
        unit.organisation.name, unit.organisation.name.lower(), unit.place_name, unit.place_name.lower(),
        place.local_ref if place else "", place.district if place else "", place.main_service if place else "",
        officer.get_full_name() if officer else "", today, False,
    )  # fmt: skip


def status_rows(units: list[Unit], today: date, results: dict | None = None) -> list[tuple]:
    """Rows for `units`; `results` may carry statuses already worked out for today (by unit key)."""
    results = results or {}
    last = last_steps(units)
    return [
        status_row(unit, results[unit.key] if unit.key in results else unit.status(today), last[unit.key], today)
        for unit in units
    ]


def _replace(rows: list[tuple], *, council_id: int, round_id: int, organisation_ids: list[int] | None = None) -> None:
    """Make the stored rows of a council's round (or of those organisations in it) exactly `rows`."""
    if connection.vendor == "postgresql":
        _write_pg(rows, council_id=council_id, round_id=round_id, organisation_ids=organisation_ids)
        return
    scope = UnitStatus.objects.filter(council_id=council_id, round_id=round_id)
    if organisation_ids is not None:
        scope = scope.filter(organisation_id__in=organisation_ids)
    scope.delete()
    UnitStatus.objects.bulk_create([UnitStatus(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=500)


_KEY = ("requirement_id", "workplace_id", "round_id")  # a unit: (requirement, workplace, round) ids, `Unit.key`
_COMPARED = [c for c in COLUMNS if c != "computed_on"]  # a row whose other columns are equal is left as it is
_TEMP = "compliance_unitstatus_changed"


def _write_pg(rows: list[tuple], *, council_id: int, round_id: int, organisation_ids: list[int] | None) -> None:
    """Read the stored rows in scope (one table, no join to plan), compare them in Python, then update only the rows
    that differ (COPY into a temporary table, one UPDATE joined on the primary key) and delete the units that are
    gone, inside the caller's transaction.

    The desk breaks ties by primary key, which keeps the order the units were computed in: when a unit is new, or
    the units come in another order than their rows' keys (a workplace renamed), the rows are deleted and inserted
    whole in order, as every rewrite used to be."""
    table = connection.ops.quote_name(UnitStatus._meta.db_table)
    scope, params = "council_id = %s AND round_id = %s", [council_id, round_id]
    if organisation_ids is not None:
        scope, params = f"{scope} AND organisation_id = ANY(%s)", [*params, list(organisation_ids)]
    key_of, compared = itemgetter(*(COLUMNS.index(c) for c in _KEY)), itemgetter(*(COLUMNS.index(c) for c in _COMPARED))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(_KEY)}, {', '.join(_COMPARED)} FROM {table} WHERE {scope}", params)
        stored = {found[1:4]: (found[0], found[4:]) for found in cursor.fetchall()}
        changed, seen, last, in_order = [], set(), 0, True
        for row in rows:
            found = stored.get(key_of(row))
            if found is None or found[0] < last:
                in_order = False  # a new unit, or another order: everything again, in order
                break
            last = found[0]
            seen.add(found[0])
            if found[1] != compared(row):
                changed.append((found[0], *row))
        if not in_order:
            cursor.execute(f"DELETE FROM {table} WHERE {scope}", params)
            copy_rows(UnitStatus._meta.db_table, COLUMNS, rows)
            return
        gone = [pk for pk, _ in stored.values() if pk not in seen]
        if gone:
            cursor.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [gone])
        if changed:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {_TEMP} ON COMMIT DELETE ROWS AS SELECT id, "
                f"{', '.join(COLUMNS)} FROM {table} WITH NO DATA; TRUNCATE {_TEMP}"
            )
            copy_rows(_TEMP, ["id", *COLUMNS], changed)
            cursor.execute(
                f"UPDATE {table} u SET {', '.join(f'{c} = n.{c}' for c in COLUMNS)} FROM {_TEMP} n WHERE u.id = n.id"
            )


def statuses_replace(*, units: Iterable[Unit], today: date, council_rounds: Iterable[tuple[int, int]], results=None):
    """Rewrite whole council rounds from `units` (every unit of those rounds) and mark them computed today."""
    by_pair: dict[tuple[int, int], list[Unit]] = defaultdict(list)
    wanted = set(council_rounds)
    for unit in units:
        pair = (unit.council.id, unit.round.id)
        if pair in wanted:
            by_pair[pair].append(unit)
    with transaction.atomic():
        for council_id, round_id in sorted(wanted):
            refresh, _ = StatusRefresh.objects.select_for_update().get_or_create(
                council_id=council_id, round_id=round_id
            )
            _replace(status_rows(by_pair.get((council_id, round_id), []), today, results),
                     council_id=council_id, round_id=round_id)  # fmt: skip
            refresh.computed_on = today
            refresh.save(update_fields=["computed_on"])


def statuses_ensure_fresh(*, council: Council, round: CollectionRound, today: date) -> None:
    """Make the stored statuses of the council's round true for `today`: the whole round when it was not
    computed today, else only the organisations with stale rows. Two small queries when nothing is to do."""
    refresh = StatusRefresh.objects.filter(council=council, round=round).values_list("computed_on", flat=True).first()
    if refresh == today:
        stale = _stale_organisations(council, round)
        if not stale:
            return
    with transaction.atomic(), cycle_collector_paused():  # (tens of thousands of units: see chase_sweep)
        locked, _ = StatusRefresh.objects.select_for_update().get_or_create(council=council, round=round)
        if locked.computed_on != today:
            units = chase_units(today=today, councils=[council], rounds=[round])
            _replace(status_rows(units, today), council_id=council.pk, round_id=round.pk)
            locked.computed_on = today
            locked.save(update_fields=["computed_on"])
            return
        stale = _stale_organisations(council, round)
        if stale:
            units = chase_units(today=today, councils=[council], rounds=[round], organisation_ids=stale)
            _replace(status_rows(units, today), council_id=council.pk, round_id=round.pk, organisation_ids=stale)


def _stale_organisations(council: Council, round: CollectionRound) -> list[int]:
    found = UnitStatus.objects.filter(council=council, round=round, stale=True).values_list(
        "organisation_id", flat=True
    )
    return sorted(set(found))
