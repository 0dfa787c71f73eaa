"""Benchmarks for providers (issue 20): shown once the return is accepted, each figure with its comparison group's
quartiles only when the group passes the rule (10 workplaces, 3 providers, none over 80 %), else "not enough"."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collection.models import JobRoleCount
from exports.disclosure.rulebook import MAX_PROVIDER_SHARE, MIN_BENCHMARK_WORKPLACES, MIN_PROVIDERS
from surveys.benchmarks import workplace_benchmarks
from tests.factories.collection import CollectionRoundFactory, StaffRecordFactory, WorkforceReturnFactory
from tests.factories.providers import ContractFactory, CouncilFactory, OrganisationFactory, WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def build_council(sizes, *, seed=0, round_=None, council=None, states=None, service="2"):
    """A council contracting one provider per entry of `sizes`, each with that many workplaces of `service`, every
    return submitted (or the state `states` gives) with a few staff records and made-up counts."""
    rng = random.Random(seed)
    council = council or CouncilFactory()
    round_ = round_ or CollectionRoundFactory(council=council)
    places = []
    for index, size in enumerate(sizes):
        organisation = OrganisationFactory()
        ContractFactory(council=council, organisation=organisation)
        for n in range(size):
            place = WorkplaceFactory(organisation=organisation, main_service=service)
            state = (states or {}).get((index, n), "submitted")
            found = WorkforceReturnFactory(workplace=place, round=round_, state=state, total_staff=rng.randint(5, 60))
            JobRoleCount.objects.create(workforce_return=found, job_role="10", leavers=rng.randint(0, 15),
                                        vacancies=rng.randint(0, 6))  # fmt: skip
            for k in range(rng.randint(1, 4)):
                StaffRecordFactory(workforce_return=found, local_ref=f"S{k}", zero_hours=rng.choice("12"),
                                   sickness_days=rng.randint(0, 20), pay_rate=rng.randint(1200, 1500) / 100)
            places.append(place)
    return council, round_, places


def test_nothing_until_the_return_is_accepted(client, world):
    council, round_, places = build_council([1], council=world.council_a)
    place = places[0]
    place.organisation = world.org_a
    place.save()
    client.force_login(world.users["provider_viewer"])
    url = reverse("surveys:benchmarks", kwargs={"org": world.org_a.slug, "workplace": place.pk, "round": round_.slug})
    assert "data-benchmarks-withheld" in client.get(url).content.decode()
    index = client.get(reverse("surveys:benchmark-index", kwargs={"org": world.org_a.slug})).content.decode()
    assert "Shown once the return is accepted" in index and url not in index


def test_quartiles_show_for_a_big_enough_group_and_not_enough_for_a_small_one(client, world):
    council, round_, places = build_council([4, 3, 3], council=world.council_a)
    own = places[0]
    own.organisation = world.org_a  # the user's own workplace is one of the ten
    own.save()
    own.returns.update(state="accepted")
    client.force_login(world.users["provider_viewer"])
    kwargs = {"org": world.org_a.slug, "workplace": own.pk, "round": round_.slug}
    page = client.get(reverse("surveys:benchmarks", kwargs=kwargs)).content.decode()
    turnover = page.split('data-measure="turnover"')[1].split("</tr>")[0]
    assert "data-not-enough" not in turnover
    assert any(where in turnover for where in ("Lowest quarter", "Middle half", "Highest quarter"))
    survey = page.split('data-measure="engagement_index"')[1].split("</tr>")[0]
    assert "Not enough workplaces to compare" in survey  # no workplace has 10 released answers
    response = client.get(reverse("surveys:benchmarks-csv", kwargs=kwargs))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Council", "Compared with", "Section", "Measure"]
    by_measure = {row[3]: row for row in rows[1:]}
    assert by_measure["Turnover (leavers in the last 12 months as a share of staff)"][7]  # a median
    # one workplace fewer (it moves to another service): not enough for anything
    places[-1].main_service = "8"
    places[-1].save()
    page = client.get(reverse("surveys:benchmarks", kwargs=kwargs)).content.decode()
    assert "Lower quartile" in page and page.count("data-not-enough") >= 7
    assert "Middle half" not in page and "Highest quarter" not in page and "Lowest quarter" not in page


def test_survey_indicators_compare_workplaces_with_ten_released_answers(world):
    council, round_, places = build_council([4, 3, 3], council=world.council_a)
    for place in places:
        campaign = CampaignFactory(workplace=place, round=round_)
        for _ in range(10):
            ResponseFactory(campaign=campaign)
    places[0].returns.update(state="accepted")
    found = workplace_benchmarks(workplace=places[0], round=round_)
    survey = dict(found.councils[0].sections)["Staff survey"]
    assert all(row.figure.shown for row in survey if row.key == "engagement_index")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])  # fmt: skip
@given(sizes=st.lists(st.integers(0, 6), min_size=1, max_size=5), seed=st.integers(0, 1000))
def test_no_benchmark_ever_shows_a_group_that_fails_the_rule(db, sizes, seed):
    """Random synthetic councils: whatever the mix of providers and workplaces, a figure with quartiles always
    comes from at least 10 workplaces of at least 3 providers with none over 80 %."""
    if not sum(sizes):
        sizes = [1]
    council, round_, places = build_council(sizes, seed=seed)
    own = places[0]
    own.returns.update(state="accepted")
    found = workplace_benchmarks(workplace=own, round=round_)
    group = Counter(p.organisation_id for p in places)
    passes = (sum(group.values()) >= MIN_BENCHMARK_WORKPLACES and len(group) >= MIN_PROVIDERS
              and max(group.values()) / sum(group.values()) <= MAX_PROVIDER_SHARE)  # fmt: skip
    for _, rows in found.councils[0].sections:
        for row in rows:
            if row.key in ("turnover", "vacancy_rate"):  # every workplace gives these
                assert row.figure.shown is passes, (sizes, row.key)
            if row.figure.shown:
                assert passes
            else:
                assert row.figure.median is None


def test_other_councils_workplaces_form_a_second_group_where_the_installation_has_them():
    """Council A alone has 4 workplaces of the service (not enough); with council B's 6 from other providers the
    installation-wide group has 10 from 4 providers, so its quartiles show, and A's own group still says not enough."""
    council_a, round_a, places_a = build_council([2, 2], seed=1)
    own = places_a[0]
    own.returns.update(state="accepted")
    found = workplace_benchmarks(workplace=own, round=round_a)
    assert [group.council for group in found.councils] == [council_a]  # one council only: no installation group
    council_b = CouncilFactory()
    round_b = CollectionRoundFactory(council=council_b, due_date=round_a.due_date, window_opens=round_a.window_opens,
                                     closes=round_a.closes)  # fmt: skip
    build_council([3, 3], seed=2, round_=round_b, council=council_b)
    found = workplace_benchmarks(workplace=own, round=round_a)
    by_group = {group.compared_with: group for group in found.councils}
    assert set(by_group) == {council_a.name, "all councils using this service"}
    everyone = by_group["all councils using this service"]
    assert everyone.council is None and everyone.group_size == 10
    turnover = {row.key: row.figure for row in dict(everyone.sections)["Workforce"]}["turnover"]
    assert turnover.shown
    mine = {row.key: row.figure for row in dict(by_group[council_a.name].sections)["Workforce"]}["turnover"]
    assert not mine.shown
