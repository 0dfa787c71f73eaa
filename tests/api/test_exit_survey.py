"""Issue 20 through the API: removing a leaver answers with the exit survey to offer them."""

from __future__ import annotations

from collection.models import StaffRecord
from surveys.models import Campaign
from tests.api.conftest import base, make_record
from tests.factories.surveys import CampaignFactory


def test_removing_a_leaver_by_the_api_returns_the_exit_survey(world, return_a, api_client):
    record = make_record(return_a)
    client = api_client(world.users["provider_editor"])
    url = base(world, return_a.round) + f"staff-records/{record.pk}/delete/"
    response = client.post(url, {"leaving_reason": "1", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    campaign = Campaign.objects.get(kind="exit", workplace=world.workplace_a, round=return_a.round)
    offer = response.json()["exit_survey"]
    assert offer["link"].endswith(f"/s/{campaign.code}/") and offer["leavers"] == 1
    assert offer["card_url"].endswith(f"/org/{world.org_a.slug}/surveys/{campaign.pk}/card/")
    assert StaffRecord.objects.get(pk=record.pk).left_on is not None


def test_a_closed_exit_link_is_opened_again_for_a_new_leaver(world, return_a, api_client):
    closed = CampaignFactory(workplace=world.workplace_a, round=return_a.round, kind="exit", is_open=False)
    record = make_record(return_a)
    url = base(world, return_a.round) + f"staff-records/{record.pk}/delete/"
    api_client(world.users["provider_editor"]).post(url, {"leaving_reason": "1"}, format="json")
    closed.refresh_from_db()
    assert closed.is_open
