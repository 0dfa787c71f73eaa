"""A council's workbook counts only workplaces it contracts with, submitted and accepted returns, staff in post."""

from __future__ import annotations

from datetime import date

import pytest

from exports.pipeline import make_workbook
from providers.access import contracted_workplace_ids, contracted_workplaces
from providers.models import Contract
from tests.factories.exports import submitted_return
from tests.factories.providers import ContractFactory, CouncilFactory, OrganisationFactory, WorkplaceFactory
from tests.unit.exports.readback import read_tables

pytestmark = pytest.mark.django_db


def _total_staff(content: bytes) -> object:
    """The headcount in the all-services, all-roles row of the staff table."""
    _, tables = read_tables(content)
    table = next(t for t in tables if t.name == "table_workforce_service_role")
    column = table.headers.index("Staff (headcount)")
    row = next(r for r in table.rows if r[0] == "All service types" and r[1] == "All job roles")
    return row[column]


@pytest.fixture
def scene(rounds):
    """Council A contracts with three providers (30 staff each, submitted or accepted). Around them: an
    uncontracted provider (40 staff), a second workplace of a provider whose contract names only its first
    (25 staff), an in-progress return (50 staff), and 9 staff who left before the snapshot."""
    collection_round = rounds[-1]
    council = CouncilFactory(slug="scope-council", name="Scope Council")
    other_council = CouncilFactory(slug="scope-other", name="Scope Other Council")
    for n, state in enumerate(["submitted", "accepted", "submitted"]):
        organisation = OrganisationFactory(slug=f"scope-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        submitted_return(workplace=WorkplaceFactory(organisation=organisation), collection_round=collection_round,
                         staff=30, state=state)
    stranger = OrganisationFactory(slug="scope-stranger")
    ContractFactory(council=other_council, organisation=stranger)
    submitted_return(workplace=WorkplaceFactory(organisation=stranger), collection_round=collection_round, staff=40)
    partial = OrganisationFactory(slug="scope-partial")
    named, unnamed = WorkplaceFactory(organisation=partial), WorkplaceFactory(organisation=partial)
    contract = ContractFactory(council=council, organisation=partial)
    contract.workplaces.add(named)
    submitted_return(workplace=named, collection_round=collection_round, staff=0)
    submitted_return(workplace=unnamed, collection_round=collection_round, staff=25)
    drafting = OrganisationFactory(slug="scope-drafting")
    ContractFactory(council=council, organisation=drafting)
    submitted_return(workplace=WorkplaceFactory(organisation=drafting), collection_round=collection_round, staff=50,
                     state="in_progress")
    leavers = OrganisationFactory(slug="scope-leavers")
    ContractFactory(council=council, organisation=leavers)
    submitted_return(workplace=WorkplaceFactory(organisation=leavers), collection_round=collection_round, staff=9,
                     left_on=date(2026, 1, 31), leaving_reason="1")
    return council, other_council, collection_round


def test_only_contracted_submitted_in_post_staff_are_counted(scene):
    council, _, collection_round = scene
    assert _total_staff(make_workbook(council=council, collection_round=collection_round).content) == 90


def test_contracting_the_stranger_changes_the_figure(scene):
    """The control: the same stranger, once contracted, is counted (90 + 40 = 130)."""
    council, _, collection_round = scene
    ContractFactory(council=council, organisation=Contract.objects.get(organisation__slug="scope-stranger").organisation)
    assert _total_staff(make_workbook(council=council, collection_round=collection_round).content) == 130


def test_the_other_council_sees_only_its_own_provider(scene):
    """One provider: its headcount is [c] under rule 5 (at least 3 providers), but coverage shows the one
    workplace and provider, so nothing of the first council leaks in."""
    _, other, collection_round = scene
    content = make_workbook(council=other, collection_round=collection_round).content
    assert _total_staff(content) == "[c]"
    _, tables = read_tables(content)
    coverage = next(t for t in tables if t.name == "table_coverage_service")
    total = next(r for r in coverage.rows if r[0] == "All service types")
    assert total[coverage.headers.index("Workplace returns (number)")] == 1
    assert total[coverage.headers.index("Providers (number)")] == 1


def test_contracted_workplace_ids_are_the_contracted_workplaces(scene):
    """The ids read by UNION (the workbook's) are those of the access rule's queryset, for named workplaces, whole
    organisations and a council with none."""
    council, other_council, _ = scene
    for who in (council, other_council, CouncilFactory(slug="scope-none")):
        assert contracted_workplace_ids(who) == sorted(contracted_workplaces(who).values_list("pk", flat=True))
    assert contracted_workplace_ids(council)  # (not vacuous)
