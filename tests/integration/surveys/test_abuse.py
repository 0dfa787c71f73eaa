"""Abuse without identities: single-use codes work once; floods from one client are slowed with a 429 page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from surveys.models import Response, SingleUseCode
from surveys.services import single_use_codes_create
from tests.factories.surveys import CampaignFactory
from tests.integration.surveys.conftest import answer_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded_campaign():
    campaign = CampaignFactory()
    single_use_codes_create(campaign=campaign, count=3)
    campaign.refresh_from_db()
    return campaign


def test_a_campaign_with_codes_asks_for_one(client, coded_campaign):
    page = client.post(f"/s/{coded_campaign.code}/", {})
    assert page.status_code == 200 and "Enter the code you were given" in page.content.decode()


def test_a_single_use_code_used_twice_is_refused(coded_campaign):
    code = SingleUseCode.objects.filter(campaign=coded_campaign).first().code
    first = Client()
    check = answer_everything(first, coded_campaign, start_data={"single_use_code": code.lower()})
    assert first.post(check)["Location"].endswith("/done/")
    assert SingleUseCode.objects.get(code=code).used

    second = Client()
    page = second.post(f"/s/{coded_campaign.code}/", {"single_use_code": code})
    assert page.status_code == 200
    assert "already been used" in page.content.decode()
    assert Response.objects.count() == 1


def test_two_people_racing_with_one_code_store_one_response(coded_campaign):
    code = SingleUseCode.objects.filter(campaign=coded_campaign).first().code
    alice, bob = Client(), Client()
    alice_check = answer_everything(alice, coded_campaign, start_data={"single_use_code": code})
    refused = bob.post(f"/s/{coded_campaign.code}/", {"single_use_code": code})  # spent at Alice's start
    assert refused.status_code == 200 and "already been used" in refused.content.decode()
    assert alice.post(alice_check)["Location"].endswith("/done/")
    assert Response.objects.count() == 1


def test_codes_are_never_linked_to_responses():
    names = {field.name for field in SingleUseCode._meta.get_fields()}
    assert names == {"id", "campaign", "code", "used"}
    assert "single_use_code" not in {field.name for field in Response._meta.get_fields()}


def test_a_flood_of_submissions_from_one_client_is_slowed(settings):
    settings.SURVEY_RATE_LIMITS = {"submit": (2, 3600)}
    campaign = CampaignFactory()
    statuses = []
    for n in range(3):
        client = Client(REMOTE_ADDR="198.51.100.23")
        check = answer_everything(client, campaign, seed=n)
        statuses.append(client.post(check).status_code)
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.99")
    assert other.post(answer_everything(other, campaign, seed=9)).status_code == 302


def test_the_429_page_is_a_gov_uk_page_and_the_address_is_not_kept(settings):
    settings.SURVEY_RATE_LIMITS = {"answer": (3, 3600)}
    campaign = CampaignFactory()
    client = Client(REMOTE_ADDR="198.51.100.23")
    client.post(f"/s/{campaign.code}/")
    statuses = [client.post(f"/s/{campaign.code}/q/employer_type/", {"answer": "care_home"}).status_code
                for _ in range(3)]
    assert statuses[-1] == 429
    page = client.get(f"/s/{campaign.code}/")  # reading is not limited
    assert page.status_code == 200
    limited = client.post(f"/s/{campaign.code}/q/employer_type/", {"answer": "care_home"})
    text = limited.content.decode()
    assert limited.status_code == 429
    assert "govuk-heading-l" in text and "Too many attempts" in text
    assert all("198.51.100.23" not in str(key) for key in cache._cache)


def test_guessing_link_codes_counts_towards_the_limit(settings, client):
    settings.SURVEY_RATE_LIMITS = {"code": (2, 3600)}
    for guess in ("aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"):
        assert client.get(f"/s/{guess}/").status_code == 404
    from surveys.throttle import over_limit

    class Request:
        META = {"REMOTE_ADDR": "127.0.0.1"}

    assert over_limit(Request(), "code")
