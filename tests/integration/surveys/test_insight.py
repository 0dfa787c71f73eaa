"""Survey insight on screen (issue 20): trend, heatmap, "what goes with thinking of leaving" and exploitation flags,
never showing a group under the threshold, over random synthetic councils."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.insight import council_insight
from surveys.results import HIDDEN_SIZE
from surveys.rules.insight import LEAVING_VALUES, REST_VALUES
from surveys.rules.suppression import MIN_RESPONSES
from surveys.selectors import council_responses
from tests.factories.collection import CollectionRoundFactory
from tests.factories.providers import ContractFactory, CouncilFactory, OrganisationFactory, WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ResponseFactory, make_answers

pytestmark = pytest.mark.django_db
SERVICES = ("1", "2", "8")
DISTRICTS = ("North", "South")


def survey_council(counts, *, seed=0, council=None, round_=None, leaving_share=0.4):
    """A council with one workplace per entry of `counts` (service and district cycling), each with that many
    released staff survey answers, some often thinking of leaving."""
    rng = random.Random(seed)
    council = council or CouncilFactory()
    round_ = round_ or CollectionRoundFactory(council=council)
    organisation = OrganisationFactory()
    ContractFactory(council=council, organisation=organisation)
    for index, n in enumerate(counts):
        place = WorkplaceFactory(organisation=organisation, main_service=SERVICES[index % 3],
                                 district=DISTRICTS[(index // 3) % 2])  # fmt: skip
        campaign = CampaignFactory(workplace=place, round=round_)
        for _ in range(n):
            leaving = rng.random() < leaving_share
            answers = make_answers("satisfaction", seed=rng.randint(0, 10**6),
                                   think_about_leaving=rng.choice(LEAVING_VALUES if leaving else REST_VALUES),
                                   employer_type="care_home")  # fmt: skip
            ResponseFactory(campaign=campaign, answers=answers)
    return council, round_


def test_an_analyst_sees_trend_heatmap_and_drivers_with_tables(client, world):
    council, round_ = survey_council([25, 25, 25, 20], council=world.council_a)
    client.force_login(world.users["analyst"])
    url = reverse("surveys-council:insight", kwargs={"council": council.slug}) + f"?round={round_.slug}"
    page = client.get(url).content.decode()
    assert page.count('role="img"') >= 6 and page.count("<desc id=") >= 6  # five trends and the driver chart
    assert page.count('data-trend="') == 5 and "data-heatmap" in page and "data-drivers" in page
    assert "points</td>" in page
    by_district = client.get(url + "&by=District").content.decode()
    assert "North" in by_district and "South" in by_district
    assert client.get(url + "&by=Nonsense").status_code == 404
    assert client.get(url.replace(council.slug, world.council_b.slug)).status_code == 404
    client.force_login(world.users["contract_officer"])  # results are for analysts and council admins
    assert client.get(url).status_code == 404


def test_a_small_council_shows_the_not_enough_states(client, world):
    council, round_ = survey_council([6], council=world.council_a)
    client.force_login(world.users["council_admin"])
    url = reverse("surveys-council:insight", kwargs={"council": council.slug}) + f"?round={round_.slug}"
    page = client.get(url).content.decode()
    assert "data-heatmap-hidden" in page and "data-drivers-hidden" in page
    assert "Not enough exit survey answers" in page and "data-heatmap>" not in page


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])  # fmt: skip
@given(counts=st.lists(st.integers(0, 16), min_size=1, max_size=6), seed=st.integers(0, 10**6),
       leaving_share=st.floats(0, 1))  # fmt: skip
def test_no_insight_view_ever_shows_a_group_below_the_threshold(db, counts, seed, leaving_share):
    council, round_ = survey_council(counts, seed=seed, leaving_share=leaving_share)
    rows = council_responses(council=council, round=round_, kind="satisfaction")
    for table in ("Service type", "District", "Channel"):
        insight = council_insight(council=council, round=round_, table=table)
        total = len(rows)
        if total < MIN_RESPONSES:
            assert insight.heatmap is None and not insight.drivers.shown
            assert all(text == "Not shown" for trend in insight.trends for _, _, text in trend.points)
        if insight.heatmap is not None:
            key = {"Service type": "main_service", "District": "district", "Channel": "channel"}[table]
            true_sizes = Counter(row[key] for row in rows)
            for size in insight.heatmap.sizes:
                if size != HIDDEN_SIZE:
                    assert int(size) >= MIN_RESPONSES  # rounded to 5 from at least 10
            assert sum(1 for s in insight.heatmap.sizes if s != HIDDEN_SIZE) <= len(true_sizes)
            for _, cells in insight.heatmap.rows:
                for (value, level), size in zip(cells, insight.heatmap.sizes, strict=True):
                    if size == HIDDEN_SIZE:
                        assert value == "Not shown" and level is None
        leaving = sum(1 for r in rows if r["answers"].get("think_about_leaving") in LEAVING_VALUES)
        rest = sum(1 for r in rows if r["answers"].get("think_about_leaving") in REST_VALUES)
        if insight.drivers.shown:
            assert leaving >= MIN_RESPONSES and rest >= MIN_RESPONSES
        else:
            assert leaving < MIN_RESPONSES or rest < MIN_RESPONSES
