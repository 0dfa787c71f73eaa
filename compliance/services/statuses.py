"""Writing the stored statuses (compliance.models.UnitStatus) that the desk, its export and the council API read.

The status itself always comes from the pure rules through `Unit.status` (the same answer the sweep plans with):
this module only copies it, with the columns the desk filters and sorts on, into one row per unit. A council's
round is rewritten whole by the sweep each day (its current rounds) or by the first desk read of a day; rows that
went stale since (compliance.signals) are rewritten organisation by organisation before the desk reads.

On PostgreSQL the rows go in with COPY; elsewhere with bulk_create.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from collection.models import CollectionRound
from compliance.models import StatusRefresh, UnitStatus
from compliance.rules import StatusResult
from compliance.selectors.desk import STATUS_LABELS, last_steps
from compliance.selectors.units import Unit, chase_units
from config.bulk import copy_rows
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


def _insert(rows: list[tuple]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        copy_rows(UnitStatus._meta.db_table, COLUMNS, rows)
        return
    UnitStatus.objects.bulk_create([UnitStatus(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=500)


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
            UnitStatus.objects.filter(council_id=council_id, round_id=round_id).delete()
            _insert(status_rows(by_pair.get((council_id, round_id), []), today, results))
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
    with transaction.atomic():
        locked, _ = StatusRefresh.objects.select_for_update().get_or_create(council=council, round=round)
        if locked.computed_on != today:
            units = chase_units(today=today, councils=[council], rounds=[round])
            UnitStatus.objects.filter(council=council, round=round).delete()
            _insert(status_rows(units, today))
            locked.computed_on = today
            locked.save(update_fields=["computed_on"])
            return
        stale = _stale_organisations(council, round)
        if stale:
            units = chase_units(today=today, councils=[council], rounds=[round], organisation_ids=stale)
            UnitStatus.objects.filter(council=council, round=round, organisation_id__in=stale).delete()
            _insert(status_rows(units, today))


def _stale_organisations(council: Council, round: CollectionRound) -> list[int]:
    found = UnitStatus.objects.filter(council=council, round=round, stale=True).values_list(
        "organisation_id", flat=True
    )
    return sorted(set(found))
