"""A provider's bulk uploads listed through the API, scoped to the caller's organisations."""

from __future__ import annotations

from uploads.models import Upload


def test_uploads_are_listed_for_my_organisation_only(world, round_, api_client):
    mine = Upload.objects.create(organisation=world.org_a, round=round_, state=Upload.State.QUEUED)
    Upload.objects.create(organisation=world.org_b, round=round_)
    response = api_client(world.users["provider_viewer"]).get("/api/v1/organisations/org-a/uploads/")
    assert response.status_code == 200
    assert [(u["id"], u["state"], u["round"]) for u in response.json()] == [(mine.pk, "queued", round_.slug)]


def test_uploads_refusals(world, api_client):
    assert api_client().get("/api/v1/organisations/org-a/uploads/").status_code == 401
    assert api_client(world.users["provider_admin"]).get("/api/v1/organisations/org-b/uploads/").status_code == 404
    assert api_client(world.users["contract_officer"]).get("/api/v1/organisations/org-a/uploads/").status_code == 404
