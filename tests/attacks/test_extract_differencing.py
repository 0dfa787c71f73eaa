"""Attack: an analyst holding both releases of a round asks for an ad-hoc extract after one more small workplace is
accepted, and subtracts (issue 17 item 4: "it is audited against all releases the same way").

Scene: the two releases of `test_workbook_differencing` (planted dominance; a planted 5-person workplace accepted
between them); then a second 5-person workplace of a new provider is accepted in the same quiet district, and the
analyst asks for an extract of the district tables - exactly the tables where that one workplace moves a figure.

The attacker reads every count and FTE cell of release 1, release 2 and the extract, and solves the linear
programme of that module (rounding intervals, totals, shared margins, logical relations; between each file and
the next, figures only grew and the change obeys the same relations). Asserted: the extract is given (with more
figures hidden where needed), no hidden figure of any of the three files can be narrowed below 10, and the change
the new workplace makes in its district (extract minus release 2) cannot be narrowed below 10 either.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from exports.models import ExportFile, ExportRelease
from exports.services import export_generate, extract_request
from tests.attacks.test_workbook_differencing import (  # noqa: F401 - `releases` is the shared scene fixture
    QUIET,
    SUBSETS,
    _organisation_contracted,
    _published,
    _solve,
    _subset_rows,
    releases,
)
from tests.factories.exports import submitted_return
from tests.factories.providers import CouncilMembershipFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db
DISTRICT_TABLES = ["coverage_district", "workforce_district_role", "vacancies_district"]


def _grew(before: dict, after: dict, inequalities: list) -> dict:
    """Returns were only added between two files: every figure of the later one is at least the earlier one, and
    the change obeys the logical relations. Returns the (later, earlier) variable pairs."""
    changes = {}
    for name, a in before.items():
        b = after.get(name)
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
    return changes


def test_an_extract_with_both_releases_does_not_narrow_any_hidden_figure(releases, move_clock_to):  # noqa: F811
    first, second = releases
    council, collection_round = first.council, first.round
    files = [bytes(r.content) for r in (first, second) if r.status == ExportRelease.Status.RELEASED]
    # one more small workplace, in the district where nothing else changes
    newcomer = WorkplaceFactory(organisation=_organisation_contracted(council, "atk-newcomer"), district=QUIET,
                                main_service="1")
    submitted_return(workplace=newcomer, collection_round=collection_round, staff=5, state="accepted")
    move_clock_to(date(2026, 11, 20))
    analyst = CouncilMembershipFactory(council=council, role="analyst").user
    extract, _ = extract_request(user=analyst, council=council, collection_round=collection_round,
                                 tables=DISTRICT_TABLES)
    extract = export_generate(export_id=extract.pk)
    assert extract.status == ExportFile.Status.READY, extract.error
    files.append(bytes(ExportFile.objects.get(pk=extract.pk).content))

    variables: dict = {}
    low: list[float] = []
    high: list[float] = []
    hidden: set[int] = set()
    equalities: set = set()
    inequalities: list = []
    cells = []
    for number, data in enumerate(files, start=1):
        eq, found = _published(data, number, variables, low, high, hidden)
        equalities |= eq
        inequalities += _subset_rows(found)
        cells.append(found)
    changes = {}
    for before, after in zip(cells, cells[1:], strict=False):
        changes = _grew(before, after, inequalities)  # the last pair: the extract against the latest release
    n = len(low)
    ordered = sorted(equalities)
    narrow = []
    for position in sorted(hidden):
        lo, hi = _solve(n, low, high, ordered, inequalities, [(position, 1.0)])
        if hi - lo < 10 - 1e-6:
            narrow.append((next(k for k, v in variables.items() if v == position), lo, hi))
    assert len(hidden) > 100
    assert narrow == []
    quiet = [(name, pair) for name, pair in changes.items()  # the newcomer's staff are in care-providing roles
             if ("District", QUIET) in name[1] and name[0] in ("Staff (headcount)", "Full-time equivalent staff (FTE)")
             and dict(name[1]).get("Job role group", "Care providing roles") == "Care providing roles"]
    assert quiet  # the extract does publish the newcomer's district
    for name, (b, a) in quiet:
        lo, hi = _solve(n, low, high, ordered, inequalities, [(b, 1.0), (a, -1.0)])
        assert hi - lo >= 10 - 1e-6, (name, lo, hi)
