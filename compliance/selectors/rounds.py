"""Who a round covers, before it opens: every unit the chase would work on, with its own due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from collection.models import CollectionRound
from compliance.rules import requirement_due_date
from compliance.selectors.units import chase_units
from providers.models import Council

MAX_ROWS = 2000  # the page lists at most this many units (the counts are always whole)


@dataclass(frozen=True)
class CoveredUnit:
    organisation: str
    place: str
    reference: str
    requirement: str
    due: date


@dataclass(frozen=True)
class Coverage:
    contracts: int
    organisations: int
    workplaces: int
    requirements: int
    units: list[CoveredUnit]
    total: int
    due_dates: int  # how many different due dates the units have (1 when every contract is due with the round)


def round_coverage(*, council: Council, round_: CollectionRound) -> Coverage:
    """Every contract requirement × contracted workplace the round covers for the council (contracts that have
    started by the round's due date and not ended before its window opens), each with its own due date."""
    units = chase_units(today=round_.due_date, councils=[council], rounds=[round_])
    rows = sorted(
        (
            CoveredUnit(
                organisation=unit.organisation.name, place=unit.place_name, reference=unit.contract.reference,
                requirement=unit.requirement.get_kind_display(),
                due=requirement_due_date(
                    rule=unit.requirement.due_rule, window_opens=round_.window_opens, round_due=round_.due_date,
                    closes=round_.closes, due_days=unit.requirement.due_days, due_months=unit.requirement.due_months,
                    contract_starts_on=unit.contract.starts_on,
                ),
            )
            for unit in units
        ),
        key=lambda row: (row.due, row.organisation.lower(), row.place.lower(), row.requirement),
    )  # fmt: skip
    return Coverage(
        contracts=len({unit.contract.pk for unit in units}),
        organisations=len({unit.organisation.pk for unit in units}),
        workplaces=len({unit.workplace.pk for unit in units if unit.workplace}),
        requirements=len({unit.requirement.pk for unit in units}),
        units=rows[:MAX_ROWS], total=len(rows), due_dates=len({row.due for row in rows}),
    )  # fmt: skip
