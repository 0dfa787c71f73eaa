"""Compliance statuses: a provider's own; a council's for its contracted units (contract officers, council admins)."""

from __future__ import annotations

import pytest

from tests.api.conftest import codes


def test_a_provider_reads_its_compliance(world, round_, api_client):
    response = api_client(world.users["provider_viewer"]).get("/api/v1/organisations/org-a/compliance/")
    assert response.status_code == 200
    rows = [row for row in response.json() if row["round"] == round_.slug]
    assert [(r["council"], r["organisation"], r["workplace"], r["requirement"]) for r in rows] == [
        ("council-a", "org-a", world.workplace_a.pk, "annual_return")
    ]
    assert rows[0]["status"] in {"not_due", "due", "overdue", "escalated"}


def test_the_councils_i_work_for(world, api_client):
    assert api_client(world.users["analyst"]).get("/api/v1/councils/").json() == [
        {"slug": "council-a", "name": "Council A"}
    ]
    assert api_client(world.users["provider_admin"]).get("/api/v1/councils/").json() == []


@pytest.mark.parametrize("role", ["contract_officer", "council_admin"])
def test_a_council_pulls_statuses_for_a_round(world, round_, api_client, role):
    response = api_client(world.users[role]).get(f"/api/v1/councils/council-a/rounds/{round_.slug}/compliance/")
    assert response.status_code == 200
    assert {(row["organisation"], row["workplace"]) for row in response.json()} == {("org-a", world.workplace_a.pk)}


def test_a_council_filters_by_status(world, round_, api_client):
    client = api_client(world.users["contract_officer"])
    url = f"/api/v1/councils/council-a/rounds/{round_.slug}/compliance/"
    status = client.get(url).json()[0]["status"]
    assert len(client.get(url + f"?status={status}").json()) == 1
    assert client.get(url + "?status=exempt" if status != "exempt" else url + "?status=due").json() == []


@pytest.mark.parametrize(
    "role, url",
    [
        ("analyst", "/api/v1/councils/council-a/rounds/r2026/compliance/"),
        ("provider_admin", "/api/v1/councils/council-a/rounds/r2026/compliance/"),
        ("contract_officer", "/api/v1/councils/council-b/rounds/r2026/compliance/"),
        ("contract_officer", "/api/v1/councils/council-a/rounds/no-such-round/compliance/"),
        ("contract_officer", "/api/v1/organisations/org-a/compliance/"),
        ("provider_admin", "/api/v1/organisations/org-b/compliance/"),
    ],
)
def test_compliance_outside_reach_is_404(world, round_, api_client, role, url):
    response = api_client(world.users[role]).get(url)
    assert response.status_code == 404 and codes(response) == ["not_found"]


@pytest.mark.parametrize("url", ["/api/v1/organisations/org-a/compliance/", "/api/v1/councils/",
                                 "/api/v1/councils/council-a/rounds/r2026/compliance/"])
def test_compliance_needs_credentials(db, api_client, url):
    assert api_client().get(url).status_code == 401
