"""A provider's own survey results through the API: the same anonymity threshold as the web pages."""

from __future__ import annotations

import pytest

from tests.api.conftest import codes
from tests.factories.surveys import CampaignFactory, ResponseFactory


@pytest.fixture
def campaign_a(world):
    return CampaignFactory(workplace=world.workplace_a)


def test_survey_list_gives_bands_not_counts(world, campaign_a, api_client):
    ResponseFactory.create_batch(3, campaign=campaign_a)
    response = api_client(world.users["provider_viewer"]).get("/api/v1/organisations/org-a/surveys/")
    assert response.status_code == 200
    assert response.json() == [{"id": campaign_a.pk, "kind": "satisfaction", "workplace": world.workplace_a.pk,
                                "round": campaign_a.round.slug, "is_open": True, "band": "1–9"}]


def test_results_are_withheld_below_ten_responses(world, campaign_a, api_client):
    ResponseFactory.create_batch(9, campaign=campaign_a)
    body = api_client(world.users["provider_viewer"]).get(
        f"/api/v1/organisations/org-a/surveys/{campaign_a.pk}/results/").json()
    assert (body["shown"], body["responses"], body["indicators"]) == (False, None, [])
    assert "at least 10" in body["message"]


def test_results_are_shown_from_ten_responses(world, campaign_a, api_client):
    ResponseFactory.create_batch(10, campaign=campaign_a)
    body = api_client(world.users["provider_viewer"]).get(
        f"/api/v1/organisations/org-a/surveys/{campaign_a.pk}/results/").json()
    assert (body["shown"], body["responses"]) == (True, 10)
    assert "engagement_index" in {row["name"] for row in body["indicators"]}
    assert "exploitation_flags" not in {row["name"] for row in body["indicators"]}


def test_other_organisations_surveys_are_404(world, api_client):
    campaign_b = CampaignFactory(workplace=world.workplace_b)
    for role, url in [
        ("provider_admin", f"/api/v1/organisations/org-a/surveys/{campaign_b.pk}/results/"),
        ("provider_admin", f"/api/v1/organisations/org-b/surveys/{campaign_b.pk}/results/"),
        ("provider_admin", "/api/v1/organisations/org-b/surveys/"),
        ("analyst", "/api/v1/organisations/org-a/surveys/"),
    ]:
        response = api_client(world.users[role]).get(url)
        assert response.status_code == 404 and codes(response) == ["not_found"], url


def test_survey_results_need_credentials(world, campaign_a, api_client):
    assert api_client().get(f"/api/v1/organisations/org-a/surveys/{campaign_a.pk}/results/").status_code == 401
