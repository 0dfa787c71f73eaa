"""Provider pages: survey links per workplace, QR codes, distribution, single-use codes and results behind the
10-response threshold. Providers see only their own campaigns (404 otherwise)."""

from __future__ import annotations

import pytest

from providers.models import Membership
from surveys.models import Campaign
from tests.dates import date_input
from tests.factories.providers import MembershipFactory, WorkplaceFactory
from tests.factories.surveys import CampaignFactory, ResponseFactory, RoundFactory, make_answers

pytestmark = pytest.mark.django_db


def _url(world, campaign, suffix=""):
    return f"/org/{world.org_a.slug}/surveys/{campaign.pk}/{suffix}"


def test_an_editor_creates_a_link_for_a_workplace(client, world):
    round_ = RoundFactory()
    client.force_login(world.users["provider_editor"])
    data = {"workplace": world.workplace_a.pk, "round": round_.pk, "kind": "satisfaction"}
    response = client.post(f"/org/{world.org_a.slug}/surveys/new/", data)
    campaign = Campaign.objects.get()
    assert response["Location"] == _url(world, campaign)
    assert campaign.workplace == world.workplace_a and campaign.council == world.council_a  # the contracting council
    assert len(campaign.code) == 10
    again = client.post(f"/org/{world.org_a.slug}/surveys/new/", data)  # double submit
    assert again.status_code == 200 and "already has a link" in again.content.decode()
    assert Campaign.objects.count() == 1


def test_an_editor_cannot_create_a_link_for_another_organisations_workplace(client, world):
    round_ = RoundFactory()
    client.force_login(world.users["provider_editor"])
    data = {"workplace": world.workplace_b.pk, "round": round_.pk, "kind": "satisfaction"}
    response = client.post(f"/org/{world.org_a.slug}/surveys/new/", data)
    assert response.status_code == 200 and "Select a workplace" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_viewer_cannot_create_links(client, world):
    client.force_login(world.users["provider_viewer"])
    assert client.get(f"/org/{world.org_a.slug}/surveys/new/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "results/", "qr.png", "qr.svg", "poster/", "codes/"])
def test_another_organisations_campaign_is_not_found(client, world, suffix):
    theirs = CampaignFactory(workplace=world.workplace_b)
    client.force_login(world.users["provider_admin"])
    assert client.get(f"/org/{world.org_a.slug}/surveys/{theirs.pk}/{suffix}").status_code == 404
    assert client.get(f"/org/{world.org_b.slug}/surveys/{theirs.pk}/{suffix}").status_code == 404


def test_qr_codes_and_poster(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["provider_viewer"])
    png = client.get(_url(world, campaign, "qr.png") + "?download=1")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert "attachment" in png["Content-Disposition"]
    svg = client.get(_url(world, campaign, "qr.svg"))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    poster = client.get(_url(world, campaign, "poster/")).content.decode()
    assert f"/s/{campaign.code}/" in poster and "<svg" in poster


def test_the_detail_page_shows_the_link_and_only_a_band(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    ResponseFactory.create_batch(3, campaign=campaign)
    client.force_login(world.users["provider_viewer"])
    page = client.get(_url(world, campaign)).content.decode()
    assert f"/s/{campaign.code}/" in page
    assert "1–9" in page
    assert "Tell us when you gave out the link" not in page  # viewers cannot edit


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"invited_count": "lots", **date_input("distributed_on", "2026-04-14")}, "whole number"),
        ({"invited_count": "-1", **date_input("distributed_on", "2026-04-14")}, "0 or more"),
        ({"invited_count": "20", **date_input("distributed_on", ("31", "2", "2026"))},
         "The date you gave out the link must be a real date"),
        ({"invited_count": "20", **date_input("distributed_on", ("14", "", "2026"))},
         "The date you gave out the link must include a month"),
        ({"invited_count": "20", **date_input("distributed_on", ("14", "4", "26"))}, "Year must include 4 numbers"),
        ({"invited_count": "20", **date_input("distributed_on", ("", "", ""))}, "Enter the date you gave out the link"),
    ],
)
def test_distribution_details_bad_input(client, world, data, message):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["provider_editor"])
    page = client.post(_url(world, campaign, "distribution/"), data)
    assert page.status_code == 200 and message in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.distributed_on is None


def test_distribution_details_are_saved_for_compliance(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["provider_editor"])
    response = client.post(_url(world, campaign, "distribution/"), {"invited_count": "24", **date_input("distributed_on", "2026-04-14")})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.invited_count == 24 and str(campaign.distributed_on) == "2026-04-14"


def test_a_viewer_cannot_record_distribution(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["provider_viewer"])
    assert client.post(_url(world, campaign, "distribution/"), {"invited_count": "1"}).status_code == 404


def test_single_use_codes_are_made_and_listed_without_saying_which_are_used(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["provider_editor"])
    assert client.post(_url(world, campaign, "codes/"), {"count": "0"}).status_code == 200
    assert client.post(_url(world, campaign, "codes/"), {"count": "5"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.uses_single_use_codes and campaign.single_use_codes.count() == 5
    used = campaign.single_use_codes.first()
    used.used = True
    used.save()
    page = client.get(_url(world, campaign, "codes/")).content.decode()
    assert used.code in page  # still listed: the employer cannot tell who has answered


@pytest.mark.parametrize(("responses", "shown"), [(0, False), (9, False), (10, True), (11, True)])
def test_results_need_at_least_10_responses(client, world, responses, shown):
    campaign = CampaignFactory(workplace=world.workplace_a)
    for n in range(responses):
        ResponseFactory(campaign=campaign, answers=make_answers(seed=n, stay_change="My manager Dave is unfair"))
    client.force_login(world.users["provider_viewer"])
    page = client.get(_url(world, campaign, "results/")).content.decode()
    assert ("Headline figures" in page) is shown
    assert ("answers have been released" in page) is (not shown)
    assert "Dave" not in page  # free text never shown to providers
    assert "What is your age?" not in page  # nor demographics


def test_exit_results_never_show_the_exploitation_question_to_providers(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a, kind="exit")
    for n in range(12):
        ResponseFactory(campaign=campaign, answers=make_answers("exit", seed=n, exploitation="yes"))
    client.force_login(world.users["provider_admin"])
    page = client.get(_url(world, campaign, "results/")).content.decode()
    assert "Headline figures" in page
    assert "passport" not in page


def test_the_list_shows_only_own_campaigns_in_a_few_queries(client, world, django_assert_max_num_queries):
    round_ = RoundFactory()
    for _ in range(5):
        CampaignFactory(workplace=WorkplaceFactory(organisation=world.org_a), round=round_)
    CampaignFactory(workplace=world.workplace_b, round=round_)
    client.force_login(world.users["provider_viewer"])
    with django_assert_max_num_queries(17):  # +5 since issue 16: role kinds for MFA, short-session check, last-seen session write
        page = client.get(f"/org/{world.org_a.slug}/surveys/")
    assert page.content.decode().count("/surveys/") >= 5
    assert world.workplace_b.name not in page.content.decode()


def test_council_staff_cannot_open_provider_survey_pages(client, world):
    campaign = CampaignFactory(workplace=world.workplace_a)
    client.force_login(world.users["council_admin"])
    assert client.get(_url(world, campaign, "results/")).status_code == 404


def test_a_member_of_both_organisations_still_gets_each_only_under_its_own_slug(client, world):
    theirs = CampaignFactory(workplace=world.workplace_b)
    MembershipFactory(user=world.users["provider_viewer"], organisation=world.org_b, role=Membership.Role.VIEWER)
    client.force_login(world.users["provider_viewer"])
    assert client.get(f"/org/{world.org_b.slug}/surveys/{theirs.pk}/").status_code == 200
    assert client.get(f"/org/{world.org_a.slug}/surveys/{theirs.pk}/").status_code == 404
