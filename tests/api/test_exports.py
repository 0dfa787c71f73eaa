"""Analyst workbooks through the API: request (202, once), status, download (logged); other councils' are 404."""

from __future__ import annotations

import pytest

from exports.models import ExportEvent, ExportFile
from tests.api.conftest import codes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def ready_export(world, round_):
    return ExportFile.objects.create(council=world.council_a, round=round_, status=ExportFile.Status.READY,
                                     content=b"PK\x03\x04 workbook", size=15, file_name="workforce.xlsx")


def test_an_analyst_asks_for_a_workbook_once(world, round_, api_client):
    client = api_client(world.users["analyst"])
    url = f"/api/v1/councils/council-a/rounds/{round_.slug}/exports/create/"
    first = client.post(url, {}, format="json")
    assert first.status_code == 202, first.json()
    assert first.json()["status"] == "queued" and first.json()["round"] == round_.slug
    again = client.post(url, {}, format="json")
    assert again.json()["id"] == first.json()["id"], "a double submit returns the same request"
    listed = client.get("/api/v1/councils/council-a/exports/").json()
    assert [e["id"] for e in listed] == [first.json()["id"]]
    assert client.get(f"/api/v1/councils/council-a/exports/{first.json()['id']}/").json()["status"] == "queued"


def test_a_bad_kind_is_refused(world, round_, api_client):
    response = api_client(world.users["analyst"]).post(
        f"/api/v1/councils/council-a/rounds/{round_.slug}/exports/create/", {"kind": "everything"}, format="json")
    assert response.status_code == 400 and codes(response) == ["invalid_choice"]


def test_a_ready_workbook_downloads_and_the_download_is_logged(world, ready_export, api_client):
    response = api_client(world.users["council_admin"]).get(
        f"/api/v1/councils/council-a/exports/{ready_export.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response.content.startswith(b"PK")
    assert ExportEvent.objects.filter(export=ready_export, action=ExportEvent.Action.DOWNLOADED).count() == 1


def test_a_workbook_not_ready_is_a_conflict(world, ready_export, api_client):
    ExportFile.objects.filter(pk=ready_export.pk).update(status=ExportFile.Status.RUNNING)
    response = api_client(world.users["analyst"]).get(
        f"/api/v1/councils/council-a/exports/{ready_export.pk}/download/", HTTP_ACCEPT=XLSX)
    assert response.status_code == 409 and codes(response) == ["invalid_state"]


@pytest.mark.parametrize("role", ["contract_officer", "provider_admin"])
def test_only_analysts_and_council_admins_reach_workbooks(world, ready_export, api_client, role):
    client = api_client(world.users[role])
    for url in ["/api/v1/councils/council-a/exports/", f"/api/v1/councils/council-a/exports/{ready_export.pk}/",
                f"/api/v1/councils/council-a/exports/{ready_export.pk}/download/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/api/v1/councils/council-a/rounds/{ready_export.round.slug}/exports/create/", {},
                       format="json").status_code == 404


def test_another_councils_workbooks_are_404(world, ready_export, api_client):
    ExportFile.objects.filter(pk=ready_export.pk).update(council=world.council_b)
    client = api_client(world.users["analyst"])
    assert client.get(f"/api/v1/councils/council-a/exports/{ready_export.pk}/download/").status_code == 404
    assert client.get(f"/api/v1/councils/council-b/exports/{ready_export.pk}/download/").status_code == 404
    assert client.get("/api/v1/councils/council-a/exports/").json() == []
    assert not ExportEvent.objects.exists()


def test_workbooks_need_credentials(world, ready_export, api_client):
    assert api_client().get(f"/api/v1/councils/council-a/exports/{ready_export.pk}/download/").status_code == 401
