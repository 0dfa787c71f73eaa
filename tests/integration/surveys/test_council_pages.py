"""Council pages: PA channel links, response bands for contract officers, results with thresholds for analysts,
exploitation flags at council level only, and the council's own local questions."""

from __future__ import annotations

import pytest

from surveys.models import Campaign, LocalQuestionSet
from tests.factories.providers import WorkplaceFactory
from tests.factories.surveys import (
    CampaignFactory,
    ChannelCampaignFactory,
    ResponseFactory,
    RoundFactory,
    make_answers,
)

pytestmark = pytest.mark.django_db


def _base(world):
    return f"/council/{world.council_a.slug}/surveys/"


def test_a_council_admin_creates_a_pa_channel_link(client, world):
    round_ = RoundFactory()
    client.force_login(world.users["council_admin"])
    data = {"channel": "payroll", "kind": "exit", "round": round_.pk}
    response = client.post(_base(world) + "channels/new/", data)
    campaign = Campaign.objects.get()
    assert response["Location"] == _base(world) + f"channels/{campaign.pk}/"
    assert campaign.council == world.council_a and campaign.workplace is None and campaign.channel == "payroll"
    again = client.post(_base(world) + "channels/new/", data)
    assert again.status_code == 200 and "already a link" in again.content.decode()
    page = client.get(response["Location"]).content.decode()
    assert f"/s/{campaign.code}/" in page and "qr.png" in page and "poster" in page


@pytest.mark.parametrize("role", ["contract_officer", "analyst"])
def test_only_council_admins_create_channel_links_and_local_questions(client, world, role):
    client.force_login(world.users[role])
    assert client.get(_base(world) + "channels/new/").status_code == 404
    assert client.get(_base(world) + "questions/").status_code == 404
    assert client.post(_base(world) + "workplace-links/", {}).status_code == 404


def test_channel_links_of_another_council_are_not_found(client, world):
    theirs = ChannelCampaignFactory(council=world.council_b)
    client.force_login(world.users["council_admin"])
    for suffix in ("", "qr.png", "qr.svg", "poster/"):
        assert client.get(_base(world) + f"channels/{theirs.pk}/{suffix}").status_code == 404


def test_links_for_every_contracted_workplace(client, world):
    round_ = RoundFactory()
    client.force_login(world.users["council_admin"])
    client.post(_base(world) + "workplace-links/", {"round": round_.pk})
    client.post(_base(world) + "workplace-links/", {"round": round_.pk})  # twice: nothing more
    assert list(Campaign.objects.values_list("workplace", flat=True)) == [world.workplace_a.pk]


def test_contract_officers_see_response_counts_only_as_ranges(client, world, django_assert_max_num_queries):
    round_ = RoundFactory()
    busy = CampaignFactory(workplace=world.workplace_a, round=round_, invited_count=30)
    quiet = CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a, name="Quiet House"), round=round_)
    ResponseFactory.create_batch(12, campaign=busy)
    ResponseFactory.create_batch(3, campaign=quiet)
    CampaignFactory(workplace=world.workplace_b, round=round_)  # another council's provider
    client.force_login(world.users["contract_officer"])
    with django_assert_max_num_queries(20):  # +5 since issue 16: role kinds for MFA, short-session check, last-seen session write
        page = client.get(_base(world)).content.decode()
    assert "10+" in page and "1–9" in page
    assert ">12<" not in page and ">3<" not in page
    assert world.workplace_b.name not in page
    assert "See survey results" not in page  # officers do not see results


def test_contract_officers_cannot_open_results(client, world):
    client.force_login(world.users["contract_officer"])
    assert client.get(_base(world) + "results/").status_code == 404


def _fill(campaign, n, **overrides):
    for i in range(n):
        ResponseFactory(campaign=campaign, answers=make_answers(campaign.kind, seed=i, **overrides))


@pytest.mark.parametrize(("responses", "shown"), [(9, False), (10, True)])
def test_council_results_need_10_responses(client, world, responses, shown):
    round_ = RoundFactory()
    _fill(CampaignFactory(workplace=world.workplace_a, round=round_), responses)
    client.force_login(world.users["analyst"])
    page = client.get(_base(world) + f"results/?round={round_.slug}&kind=satisfaction").content.decode()
    assert ("Headline figures" in page) is shown
    assert ("answers have been released" in page) is (not shown)


def test_breakdowns_hide_small_groups_with_secondary_suppression(client, world):
    round_ = RoundFactory()
    big = CampaignFactory(workplace=world.workplace_a, round=round_)
    small = CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a, district="South"), round=round_)
    _fill(big, 15)
    _fill(small, 4)
    client.force_login(world.users["analyst"])
    page = client.get(_base(world) + f"results/?round={round_.slug}").content.decode()
    assert "About 20 responses" in page  # 19, rounded to 5
    district = page[page.index("By district"):page.index("By channel")]
    assert ">15<" not in district  # North alone would reveal South by subtraction, so it is hidden too
    assert "Fewer than 10, or hidden" in district


def test_exploitation_flags_are_counted_at_council_level_only(client, world):
    round_ = RoundFactory()
    channel = ChannelCampaignFactory(council=world.council_a, round=round_)
    _fill(channel, 12, employer_type="pa", exploitation="yes")
    client.force_login(world.users["analyst"])
    page = client.get(_base(world) + f"results/?round={round_.slug}&kind=exit").content.decode()
    headline = page[page.index("Headline figures"):page.index("By service type")]
    assert "threatened about their visa" in headline
    breakdowns = page[page.index("By service type"):]
    assert "threatened about their visa" not in breakdowns


def test_results_include_only_contracted_workplaces_and_own_channels(client, world):
    round_ = RoundFactory()
    _fill(CampaignFactory(workplace=world.workplace_b, round=round_), 12)
    _fill(ChannelCampaignFactory(council=world.council_b, round=round_, kind="satisfaction"), 12)
    client.force_login(world.users["council_admin"])
    page = client.get(_base(world) + f"results/?round={round_.slug}").content.decode()
    assert "answers have been released" in page


@pytest.mark.parametrize("query", ["?kind=bogus", "?round=no-such-round"])
def test_bad_results_filters_are_not_found(client, world, query):
    RoundFactory()
    client.force_login(world.users["analyst"])
    assert client.get(_base(world) + "results/" + query).status_code == 404


def test_a_council_admin_adds_and_removes_local_questions(client, world):
    client.force_login(world.users["council_admin"])
    url = _base(world) + "questions/"
    added = client.post(url, {"kind": "exit", "text": "Did you use our PA support line?", "type": "yes_no"})
    assert added.status_code == 302
    local = LocalQuestionSet.objects.get(council=world.council_a, kind="exit")
    (question,) = local.questions
    assert question["key"].startswith("local_") and question["type"] == "yes_no"
    page = client.get(url + "?kind=exit").content.decode()
    assert "Did you use our PA support line?" in page
    client.post(url, {"kind": "exit", "remove": question["key"]})
    local.refresh_from_db()
    assert local.questions == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "type": "yes_no"}, "Enter the question"),
        ({"text": "Pick one", "type": "single_choice", "options": "Only one"}, "at least 2 answers"),
        ({"text": "Anything?", "type": "scale_0_10"}, "Select a valid choice"),
    ],
)
def test_local_question_bad_input(client, world, data, message):
    client.force_login(world.users["council_admin"])
    page = client.post(_base(world) + "questions/", {"kind": "satisfaction", **data})
    assert page.status_code == 200 and message in page.content.decode()
    assert not LocalQuestionSet.objects.exists()


def test_core_questions_cannot_be_replaced_by_local_ones():
    from django.core.exceptions import ValidationError

    from surveys.services import local_questions_save

    council = ChannelCampaignFactory().council
    with pytest.raises(ValidationError, match="core question"):
        local_questions_save(council=council, kind="exit", questions=[
            {"key": "main_reason", "type": "yes_no", "text": "Replace the core question"},
        ])
    assert not LocalQuestionSet.objects.exists()
