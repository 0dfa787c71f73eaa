"""Differencing attack on a produced workbook (rule 9 (e), EXPORTS.md 1.4).

The attacker reads every table of a small council's workbook back with openpyxl. For each count or FTE column it
treats every published figure as an interval (0 is exact; a rounded R means R-2..R+2, R-2.5..R+2.5 for FTE; [c]
means "at least 1" for headcount, "at least 0" for every other column, which the employer rule (rule 5, applied
to every figure about providers' staff) can hide at any size, zero included), links
the same figure across tables (same column heading and same non-total row labels), and uses every "All ..." row as
the sum of its category rows. It then minimises and maximises every hidden figure with a linear programme. The
protection holds if no hidden figure is pinned to an interval narrower than 10.
"""

import importlib

import numpy as np
import pytest

from exports.aggregation import build_tables
from exports.disclosure import attack_intervals, protect_all
from exports.synthetic import make_council
from exports.workbook import write_workbook
from tests.unit.exports.readback import dimension_columns, is_people_count, read_tables


def _attack(data: bytes) -> tuple[list, int]:
    _, tables = read_tables(data)
    failures = []
    attacked = 0
    headers = sorted({h for t in tables for h in t.headers if is_people_count(h)})
    for header in headers:
        index: dict[tuple, int] = {}
        low: list[float] = []
        high: list[float] = []
        relations = set()
        hidden_cells: set[int] = set()
        may_be_zero = not header.endswith("(headcount)")
        half = 2.5 if header.endswith("(FTE)") else 2.0
        for table in tables:
            if header not in table.headers:
                continue
            column = table.headers.index(header)
            dims = dimension_columns(table)
            positions = []
            for row in table.rows:
                key = tuple((table.headers[d], row[d]) for d in dims if not str(row[d]).startswith("All "))
                value = row[column]
                if key not in index:
                    index[key] = len(low)
                    if value == "[c]":
                        low.append(0.0 if may_be_zero else 1.0)
                        high.append(np.inf)
                        hidden_cells.add(index[key])
                    else:
                        low.append(max(0.0, float(value) - half) if value else 0.0)
                        high.append(float(value) + half if value else 0.0)
                positions.append(index[key])
            for d in dims:
                others = [o for o in dims if o != d]
                groups: dict[tuple, tuple[list, list]] = {}
                for row, position in zip(table.rows, positions, strict=True):
                    totals, members = groups.setdefault(tuple(row[o] for o in others), ([], []))
                    (totals if str(row[d]).startswith("All ") else members).append(position)
                for totals, members in groups.values():
                    if len(totals) == 1 and members:
                        relations.add((totals[0], tuple(sorted(members))))
        targets = sorted(hidden_cells)
        if not targets or not relations:
            continue
        attacked += len(targets)
        intervals = attack_intervals(low=np.array(low), high=np.array(high), relations=sorted(relations),
                                     targets=targets)
        keys = {v: k for k, v in index.items()}
        failures += [(header, keys[i.cell], i.low, i.high) for i in intervals if i.width < 10 - 1e-6]
    return failures, attacked


@pytest.mark.parametrize("seed", [1, 2])
def test_no_hidden_figure_can_be_pinned_by_differencing(seed):
    council = make_council(workplaces=30, staff=700, districts=4, seed=seed)
    tables = build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                          leaver_reasons=council.leaver_reasons, compliance=council.compliance,
                          snapshot_date=council.snapshot_date)
    data = write_workbook(tables=protect_all(tables), council_name="Small", round_label="2025-26",
                          snapshot_date=council.snapshot_date, data_version="1")
    failures, attacked = _attack(data)
    assert attacked > 50  # the attack had plenty to work on
    assert failures == []


def test_the_attack_does_find_rounding_only_leaks(monkeypatch):
    """Control: without rule 9 (primary suppression and rounding only) the same attack pins hidden figures."""
    council = make_council(workplaces=30, staff=700, districts=4, seed=1)
    tables = build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                          snapshot_date=council.snapshot_date)
    for module in ("exports.disclosure.protect", "exports.disclosure.joint"):
        monkeypatch.setattr(importlib.import_module(module), "secondary_suppress",
                            lambda **kw: np.asarray(kw["hidden"], dtype=bool))
    protected = protect_all(tables, audit=False)
    data = write_workbook(tables=protected, council_name="Small", round_label="2025-26",
                          snapshot_date=council.snapshot_date, data_version="1")
    failures, _ = _attack(data)
    assert failures
