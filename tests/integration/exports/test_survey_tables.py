"""Survey indicators in the workbook (issue 17 item 5): the satisfaction and exit indicators by the fixed groupings,
under the same engine and the survey release rules - asserted on the built workbook.

Scene: four contracted workplaces, one per district, with released satisfaction responses 14, 12, 4 and 13 (the
third under the survey minimum) and exit responses 11 and 3. The minimum is read from the rule book, never
written here."""

from __future__ import annotations

import re

import pytest

from exports.disclosure import rulebook
from exports.pipeline import make_workbook
from tests.factories.exports import submitted_return
from tests.factories.providers import ContractFactory, CouncilFactory, OrganisationFactory, WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ResponseFactory, RoundFactory
from tests.unit.exports.readback import read_tables

pytestmark = pytest.mark.django_db
MIN = rulebook.MIN_SURVEY_RESPONSES
SATISFACTION = {"North": 14, "South": 12, "East": 4, "West": 13}
EXIT = {"North": 11, "South": 3}


@pytest.fixture
def workbook(today):
    council = CouncilFactory(slug="survey-county", name="Survey County Council")
    collection_round = RoundFactory()  # closes 31 July 2026: the survey window is over
    for n, district in enumerate(SATISFACTION):
        organisation = OrganisationFactory(slug=f"survey-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        workplace = WorkplaceFactory(organisation=organisation, district=district, main_service="1")
        submitted_return(workplace=workplace, collection_round=collection_round, staff=20, state="accepted")
        for kind, counts in (("satisfaction", SATISFACTION), ("exit", EXIT)):
            if district in counts:
                campaign = CampaignFactory(workplace=workplace, round=collection_round, kind=kind)
                ResponseFactory.create_batch(counts[district], campaign=campaign)
    assert SATISFACTION["East"] < MIN <= min(v for k, v in SATISFACTION.items() if k != "East")
    book, tables = read_tables(make_workbook(council=council, collection_round=collection_round, today=today).content)
    return book, {re.sub(r"^Table \d+: | \[note \d+\]", "", t.title): t for t in tables}


def _rows(table) -> dict[str, dict[str, object]]:
    return {row[0]: dict(zip(table.headers, row, strict=True)) for row in table.rows}


@pytest.mark.today("2026-08-10")
def test_satisfaction_indicators_by_district_hide_small_groups_and_cannot_be_differenced(workbook):
    _, tables = workbook
    table = tables["Staff satisfaction survey: indicators by district"]
    rows = _rows(table)
    assert set(rows) >= set(SATISFACTION) and "All districts" in rows
    indicators = [h for h in table.headers if h not in ("District", "Responses (count)")]
    assert len(indicators) == 6
    assert all(rows["East"][h] == "[c]" for h in ["Responses (count)", *indicators])  # under the minimum
    shown = [d for d in SATISFACTION if rows[d]["Responses (count)"] != "[c]"]
    assert shown  # the control: groups at or over the minimum can be shown
    for district in shown:
        assert SATISFACTION[district] >= MIN
        assert isinstance(rows[district]["Responses (count)"], int)
        assert rows[district]["Responses (count)"] % rulebook.ROUNDING_BASE == 0
        engagement = rows[district]["Engagement index (0 to 10)"]
        assert engagement == "[c]" or 0 <= engagement <= 10
    hidden = [d for d in SATISFACTION if rows[d]["Responses (count)"] == "[c]"]
    if rows["All districts"]["Responses (count)"] != "[c]":
        assert len(hidden) != 1  # one hidden group next to a shown total would be the total minus the others
        assert sum(SATISFACTION[d] for d in hidden) >= rulebook.MIN_HIDDEN_TOTAL


@pytest.mark.today("2026-08-10")
def test_exit_indicators_by_district_follow_the_same_rules(workbook):
    _, tables = workbook
    table = tables["Exit survey (people leaving): indicators by district"]
    rows = _rows(table)
    assert all(value == "[c]" for header, value in rows["South"].items() if header != "District")
    hidden = [d for d in EXIT if rows[d]["Responses (count)"] == "[c]"]
    if rows["All districts"]["Responses (count)"] != "[c]":
        assert len(hidden) != 1
    for district in set(SATISFACTION) - set(EXIT):  # nobody answered: nothing to show, and nothing hidden
        assert rows.get(district, {}).get("Responses (count)", 0) in (0, "[c]")


@pytest.mark.today("2026-08-10")
def test_the_notes_read_the_survey_minimum_from_the_rule_book(workbook):
    book, tables = workbook
    assert "Staff satisfaction survey: indicators by service type group" in tables
    notes = " ".join(str(c.value) for sheet in book.worksheets if sheet.title == "Notes"
                     for row in sheet.iter_rows() for c in row if c.value)
    assert f"at least {MIN} " in notes
