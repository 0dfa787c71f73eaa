"""Council survey results and per-workplace response bands through the API: the same thresholds and suppression as
the web page (`surveys.results.council_view`), the same roles, 404 for other councils."""

from __future__ import annotations

import pytest

from surveys.results import council_view
from tests.api.conftest import codes
from tests.factories.providers import WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ChannelCampaignFactory, ResponseFactory, RoundFactory, make_answers


def _fill(campaign, count: int, **overrides) -> None:
    for i in range(count):
        ResponseFactory(campaign=campaign, answers=make_answers(campaign.kind, seed=i, **overrides))


def results_url(round_, council="council-a") -> str:
    return f"/api/v1/councils/{council}/rounds/{round_.slug}/surveys/results/"


def bands_url(round_, council="council-a") -> str:
    return f"/api/v1/councils/{council}/rounds/{round_.slug}/surveys/workplaces/"


@pytest.mark.parametrize(("responses", "shown"), [(9, False), (10, True)])
def test_results_need_10_responses(world, api_client, responses, shown):
    round_ = RoundFactory()
    _fill(CampaignFactory(workplace=world.workplace_a, round=round_), responses)
    body = api_client(world.users["analyst"]).get(results_url(round_)).json()
    assert (body["shown"], body["kind"], body["round"]) == (shown, "satisfaction", round_.slug)
    assert body["responses"] == (10 if shown else None)
    assert bool(body["headline"]) is shown and bool(body["breakdowns"]) is shown


def test_breakdowns_are_the_web_pages_figures_with_secondary_suppression(world, api_client):
    round_ = RoundFactory()
    _fill(CampaignFactory(workplace=world.workplace_a, round=round_), 15)
    _fill(CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a, district="South"), round=round_), 4)
    body = api_client(world.users["council_admin"]).get(results_url(round_)).json()
    assert body["responses"] == 20 and body["released_on"] == "2026-05-01"  # 19, rounded to 5
    district = next(b for b in body["breakdowns"] if b["title"] == "District")
    assert [g["responses"] for g in district["groups"]] == [None, None]  # 15 alone would reveal the 4 by subtraction
    web = council_view(council=world.council_a, round=round_, kind="satisfaction")
    assert [(row.name, row.value) for row in web.headline] == [(r["name"], r["value"]) for r in body["headline"]]
    assert [b.title for b in web.breakdowns] == [b["title"] for b in body["breakdowns"]]
    assert [[v for _l, v in b.rows] for b in web.breakdowns] == [[r["values"] for r in b["rows"]] for b in body["breakdowns"]]


def test_exploitation_flags_only_in_the_council_headline(world, api_client):
    round_ = RoundFactory()
    _fill(ChannelCampaignFactory(council=world.council_a, round=round_), 12, employer_type="pa", exploitation="yes")
    body = api_client(world.users["analyst"]).get(results_url(round_) + "?kind=exit").json()
    assert "exploitation_flags" in {row["name"] for row in body["headline"]}
    labels = {row["measure"] for b in body["breakdowns"] for row in b["rows"]}
    assert not any("visa" in label for label in labels)


def test_results_refuse_a_bad_kind(world, api_client):
    round_ = RoundFactory()
    response = api_client(world.users["analyst"]).get(results_url(round_) + "?kind=gossip")
    assert response.status_code == 400 and codes(response) == ["invalid_choice"]
    assert response.json()["errors"][0]["field"] == "kind"


def test_workplace_bands_never_give_exact_counts(world, api_client):
    round_ = RoundFactory()
    campaign = CampaignFactory(workplace=world.workplace_a, round=round_)
    _fill(campaign, 3)
    CampaignFactory(workplace=world.workplace_b, round=round_)  # another council's contracted workplace
    response = api_client(world.users["contract_officer"]).get(bands_url(round_))
    assert response.status_code == 200
    assert response.json() == [{
        "workplace": world.workplace_a.pk, "name": world.workplace_a.name, "organisation": "org-a",
        "organisation_name": "Org A",
        "surveys": [{"id": campaign.pk, "kind": "satisfaction", "band": "1–9", "invited_count": None,
                     "distributed_on": None, "is_open": True}],
    }]  # fmt: skip


def test_workplace_bands_take_a_fixed_number_of_queries(world, api_client, django_assert_max_num_queries):
    round_ = RoundFactory()
    for _ in range(5):
        _fill(CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a), round=round_), 2)
    client = api_client(world.users["contract_officer"])
    with django_assert_max_num_queries(12):
        assert len(client.get(bands_url(round_)).json()) == 6


def test_refusals(world, api_client):
    round_ = RoundFactory()
    assert api_client().get(results_url(round_)).status_code == 401
    assert api_client().get(bands_url(round_)).status_code == 401
    refused = [
        ("contract_officer", results_url(round_)),  # results are for analysts and council admins
        ("provider_admin", results_url(round_)),
        ("provider_admin", bands_url(round_)),
        ("analyst", results_url(round_, "council-b")),
        ("council_admin", bands_url(round_, "council-b")),
        ("analyst", "/api/v1/councils/council-a/rounds/no-such-round/surveys/results/"),
    ]
    for role, url in refused:
        response = api_client(world.users[role]).get(url)
        assert response.status_code == 404 and codes(response) == ["not_found"], (role, url)
    for role in ("contract_officer", "analyst", "council_admin"):
        assert api_client(world.users[role]).get(bands_url(round_)).status_code == 200, role
