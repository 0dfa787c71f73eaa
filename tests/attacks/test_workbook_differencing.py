"""Attack: someone holding two releases of a round's workbook tries to narrow hidden values (issue 17, F9 + F10).

Scene, in the database: a synthetic council; a planted district where one 114-person workplace has more than 80 %
of the staff (plus two 5-person workplaces of other providers); release 1 at the round's close; then a planted
5-person workplace of a new provider is accepted in a district where nothing else changes, together with a batch
of returns elsewhere; release 2 at the first scheduled revision. Both releases are made by the real service.

The attacker reads every table of both files back with openpyxl and solves a linear programme (scipy, written
here independently of the service's audit) over all published count and FTE cells of both releases with:
rounding intervals; every "All ..." row as the sum of its rows; the same figure linked across tables; the logical
relations (hourly + salaried <= staff, near-NLW <= hourly, zero-hours / with contracted hours / with sickness /
non-British <= staff, HCV visa <= non-British, FTE <= staff); and, between releases, that returns were only added
(every figure of release 2 is at least that of release 1, and the change obeys the same relations).

Asserted: every hidden figure of either release keeps an interval at least 10 wide; the planted small
workplace's headcount and FTE (the change in its district) cannot be narrowed below 10; every statistic of the
dominated district is hidden.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from collection.models import WorkforceReturn
from exports.models import ExportRelease
from exports.services import release_make_due
from tests.factories.exports import CollectionRoundFactory, populate_council, submitted_return
from tests.factories.providers import ContractFactory, CouncilFactory, OrganisationFactory, WorkplaceFactory
from tests.unit.exports.readback import dimension_columns, is_people_count, read_tables

pytestmark = pytest.mark.django_db

PLANTED = "Planted Vale"  # the dominated district
QUIET = "Quietmoor"  # the district where only the planted small workplace changes
SUBSETS = (
    (("Staff paid hourly (count)", "Salaried staff (count)"), "Staff (headcount)"),
    (("Staff paid at or just above the NLW (count)",), "Staff paid hourly (count)"),
    (("Staff on zero-hours contracts (count)",), "Staff (headcount)"),
    (("Staff with contracted hours (count)",), "Staff (headcount)"),
    (("Staff with sickness days recorded (count)",), "Staff (headcount)"),
    (("Staff who are not British (count)",), "Staff (headcount)"),
    (("Staff with a Health and Care Worker visa (count)",), "Staff who are not British (count)"),
    (("Full-time equivalent staff (FTE)",), "Staff (headcount)"),
)


def _organisation_contracted(council, slug):
    organisation = OrganisationFactory(slug=slug)
    ContractFactory(council=council, organisation=organisation)
    return organisation


@pytest.fixture
def releases(move_clock_to):
    collection_round = CollectionRoundFactory(slug="attack-round", snapshot_date=date(2026, 3, 31))
    council = CouncilFactory(slug="attack-county", name="Attack County Council")
    populate_council(council=council, rounds=[collection_round], workplaces=80, staff=2_000, seed=5, prefix="atk")
    # planted dominance: one workplace has 114 of 124 staff in its district
    big = WorkplaceFactory(organisation=_organisation_contracted(council, "atk-dominant"), district=PLANTED,
                           main_service="1")
    submitted_return(workplace=big, collection_round=collection_round, staff=114, state="accepted",
                     job_roles={"8": (20, 30, 4)})
    for n in range(2):
        small = WorkplaceFactory(organisation=_organisation_contracted(council, f"atk-small-{n}"), district=PLANTED,
                                 main_service="1")
        submitted_return(workplace=small, collection_round=collection_round, staff=5, state="accepted")
    # the district where only the planted small workplace will change: a few steady workplaces
    for n in range(4):
        steady = WorkplaceFactory(organisation=_organisation_contracted(council, f"atk-steady-{n}"), district=QUIET,
                                  main_service="1")
        submitted_return(workplace=steady, collection_round=collection_round, staff=12 + 3 * n, state="accepted")
    planted = WorkplaceFactory(organisation=_organisation_contracted(council, "atk-planted"), district=QUIET,
                               main_service="1")
    move_clock_to(date(2026, 8, 3))
    first = release_make_due(council=council, collection_round=collection_round)
    # between the releases: the planted 5-person workplace, and a batch of pending returns elsewhere
    submitted_return(workplace=planted, collection_round=collection_round, staff=5, state="accepted")
    pending = WorkforceReturn.objects.filter(round=collection_round, state__in=["in_progress", "not_started"])
    assert pending.exclude(workplace__district=QUIET).count() >= 3
    pending.exclude(workplace__district=QUIET).update(state="accepted")
    move_clock_to(date(2026, 11, 2))
    second = release_make_due(council=council, collection_round=collection_round)
    return first, second


def _published(data: bytes, release: int, variables: dict, low: list, high: list, hidden: set):
    """Register every count/FTE cell of one release; return the additive relations and cells by (header, key)."""
    _, tables = read_tables(data)
    equalities = set()
    cells: dict[tuple, int] = {}
    for table in tables:
        dims = dimension_columns(table)
        for column, header in enumerate(table.headers):
            if not is_people_count(header) or column in dims:
                continue
            positions = []
            for row in table.rows:
                key = tuple((table.headers[d], row[d]) for d in dims if not str(row[d]).startswith("All "))
                name = (release, header, key)
                if name not in variables:
                    variables[name] = len(low)
                    value = row[column]
                    half = 2.5 if header.endswith("(FTE)") else 2.0
                    if value == "[c]":
                        low.append(1.0 if header.endswith("(headcount)") else 0.0)
                        high.append(np.inf)
                        hidden.add(variables[name])
                    elif isinstance(value, (int, float)):
                        low.append(max(0.0, value - half) if value else 0.0)
                        high.append(value + half if value else 0.0)
                    else:  # [x] / [z]: nothing published
                        low.append(0.0)
                        high.append(np.inf)
                cells[(header, key)] = variables[name]
                positions.append(variables[name])
            for d in dims:
                others = [o for o in dims if o != d]
                groups: dict[tuple, tuple[list, list]] = {}
                for row, position in zip(table.rows, positions, strict=True):
                    totals, members = groups.setdefault(tuple(row[o] for o in others), ([], []))
                    (totals if str(row[d]).startswith("All ") else members).append(position)
                for totals, members in groups.values():
                    if len(totals) == 1 and members:
                        equalities.add((totals[0], tuple(sorted(set(members)))))
    return equalities, cells


def _subset_rows(cells: dict[tuple, int]) -> list[tuple[list[int], list[int]]]:
    by_key: dict[tuple, dict[str, int]] = defaultdict(dict)
    for (header, key), position in cells.items():
        by_key[key][header] = position
    rows = []
    for columns in by_key.values():
        for parts, whole in SUBSETS:
            if whole in columns and all(p in columns for p in parts):
                rows.append(([columns[p] for p in parts], [columns[whole]]))
    return rows


def _solve(n, low, high, equalities, inequalities, objective):
    rows, cols, data = [], [], []
    for r, (total, members) in enumerate(equalities):
        rows += [r] * (1 + len(members))
        cols += [total, *members]
        data += [1.0] + [-1.0] * len(members)
    a_eq = coo_matrix((data, (rows, cols)), shape=(len(equalities), n)).tocsr()
    rows, cols, data = [], [], []
    for r, (smaller, larger) in enumerate(inequalities):
        for c in smaller:
            rows.append(r)
            cols.append(c)
            data.append(1.0)
        for c in larger:
            rows.append(r)
            cols.append(c)
            data.append(-1.0)
    a_ub = coo_matrix((data, (rows, cols)), shape=(len(inequalities), n)).tocsr()
    bounds = [(lo, None if not np.isfinite(hi) else hi) for lo, hi in zip(low, high, strict=True)]
    kwargs = {"A_eq": a_eq, "b_eq": np.zeros(a_eq.shape[0]), "A_ub": a_ub, "b_ub": np.zeros(a_ub.shape[0]),
              "bounds": bounds, "method": "highs"}
    c = np.zeros(n)
    for position, weight in objective:
        c[position] = weight
    top = linprog(-c, **kwargs)
    if top.status == 3:
        return -np.inf, np.inf
    assert top.status == 0, top.message  # the published figures are consistent with the truth
    bottom = linprog(c, **kwargs)
    return bottom.fun, -top.fun


def test_two_releases_do_not_narrow_any_hidden_figure(releases):
    first, second = releases
    assert first.status == ExportRelease.Status.RELEASED and first.number == 1
    assert second.status == ExportRelease.Status.RELEASED and second.number == 2, second.hold_reason
    variables: dict = {}
    low: list[float] = []
    high: list[float] = []
    hidden: set[int] = set()
    eq_a, cells_a = _published(bytes(first.content), 1, variables, low, high, hidden)
    eq_b, cells_b = _published(bytes(second.content), 2, variables, low, high, hidden)
    inequalities = _subset_rows(cells_a) + _subset_rows(cells_b)
    changes = {}
    for name, a in cells_a.items():  # returns were only added: release 2 >= release 1, and the change obeys
        b = cells_b.get(name)  # the same relations
        if b is not None:
            inequalities.append(([a], [b]))
            changes[name] = (b, a)
    by_key: dict[tuple, dict[str, tuple[int, int]]] = defaultdict(dict)
    for (header, key), pair in changes.items():
        by_key[key][header] = pair
    for columns in by_key.values():
        for parts, whole in SUBSETS:
            if whole in columns and all(p in columns for p in parts):
                inequalities.append(([columns[p][0] for p in parts] + [columns[whole][1]],
                                     [columns[whole][0]] + [columns[p][1] for p in parts]))
    n = len(low)
    equalities = sorted(eq_a | eq_b)
    narrow = []
    for position in sorted(hidden):
        lo, hi = _solve(n, low, high, equalities, inequalities, [(position, 1.0)])
        if hi - lo < 10 - 1e-6:
            narrow.append((next(k for k, v in variables.items() if v == position), lo, hi))
    assert len(hidden) > 100  # plenty to attack
    assert narrow == []
    _every_statistic_of_the_dominated_district_is_hidden(releases)  # one scene, both checks (it is slow to make)
    # the planted small workplace: the change in its district cannot be narrowed below 10
    quiet = [(name, pair) for name, pair in changes.items()
             if ("District", QUIET) in name[1] and name[0] in ("Staff (headcount)", "Full-time equivalent staff (FTE)")
             and dict(name[1]).get("Job role group", "Care providing roles") == "Care providing roles"]
    assert quiet
    for name, (b, a) in quiet:
        lo, hi = _solve(n, low, high, equalities, inequalities, [(b, 1.0), (a, -1.0)])
        assert hi - lo >= 10 - 1e-6, (name, lo, hi)


def _every_statistic_of_the_dominated_district_is_hidden(releases):
    for release in releases:
        _, tables = read_tables(bytes(release.content))
        checked = 0
        for table in tables:
            if "District" not in table.headers:
                continue
            district = table.headers.index("District")
            role = table.headers.index("Job role group") if "Job role group" in table.headers else None
            for row in table.rows:
                if row[district] != PLANTED:
                    continue
                if role is not None and row[role] not in ("All job roles", "Care providing roles"):
                    continue
                for j, header in enumerate(table.headers):
                    if j in dimension_columns(table) or header.endswith("(number)"):
                        continue  # labels; workplaces and providers are not about people
                    assert row[j] in ("[c]", "[x]"), (release.number, table.title, row[district], header, row[j])
                    checked += 1
        assert checked >= 8
