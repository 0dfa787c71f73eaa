"""Read endpoints: organisations, workplaces, rounds, returns and staff records, each scoped to the caller."""

from __future__ import annotations

import pytest

from tests.api.conftest import base, codes, make_record


def test_workplaces_of_my_organisation(world, api_client):
    response = api_client(world.users["provider_viewer"]).get("/api/v1/organisations/org-a/workplaces/")
    assert response.status_code == 200
    assert [w["id"] for w in response.json()] == [world.workplace_a.pk]


def test_rounds_my_organisation_takes_part_in(world, round_, api_client):
    response = api_client(world.users["provider_viewer"]).get("/api/v1/organisations/org-a/rounds/")
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()] == ["r2026"]


def test_returns_of_a_workplace(world, return_a, api_client):
    make_record(return_a)
    url = f"/api/v1/organisations/org-a/workplaces/{world.workplace_a.pk}/returns/"
    response = api_client(world.users["provider_viewer"]).get(url)
    assert response.status_code == 200
    assert response.json()[0] | {"submitted_at": None} == {
        "id": return_a.pk, "round": "r2026", "state": "not_started", "version": 1, "completeness_percent": None,
        "progress_percent": None, "records_complete_percent": None,
        "is_complete": False, "submitted_at": None, "staff_record_count": 1,
    }


def test_a_return_not_started_yet_reads_as_not_started(world, round_, api_client):
    response = api_client(world.users["provider_viewer"]).get(base(world, round_))
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["state"], body["staff_record_count"], body["job_roles"]) == (None, "not_started", 0, [])


def test_a_return_in_detail(world, return_a, api_client):
    return_a.total_staff = 3
    return_a.save()
    return_a.job_role_counts.create(job_role="8", starters=1)
    body = api_client(world.users["provider_viewer"]).get(base(world, return_a.round)).json()
    assert body["total_staff"] == 3
    assert body["job_roles"] == [{"job_role": "8", "starters": 1, "leavers": 0, "vacancies": 0}]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["A-1", "A-2", "B-1"]),
        ("?job_role=8", ["A-1", "B-1"]),
        ("?contract_type=2", ["A-2"]),
        ("?search=a-", ["A-1", "A-2"]),
        ("?job_role=8&search=B", ["B-1"]),
        ("?job_role=99", []),
    ],
)
def test_staff_records_filtered(world, return_a, api_client, query, expected):
    make_record(return_a, local_ref="A-1", job_role="8", contract_type="1")
    make_record(return_a, local_ref="A-2", job_role="7", contract_type="2")
    make_record(return_a, local_ref="B-1", job_role="8", contract_type="1")
    make_record(return_a, local_ref="A-3", job_role="8", contract_type="1").__class__.objects.filter(
        local_ref="A-3").update(left_on="2026-01-01", leaving_reason="1")
    response = api_client(world.users["provider_viewer"]).get(base(world, return_a.round) + "staff-records/" + query)
    assert response.status_code == 200
    assert [r["local_ref"] for r in response.json()["results"]] == expected


def test_staff_records_are_paginated_in_a_fixed_number_of_queries(
    world, return_a, api_client, django_assert_max_num_queries
):
    for n in range(30):
        make_record(return_a, local_ref=f"P-{n:03d}")
    client = api_client(world.users["provider_viewer"])
    url = base(world, return_a.round) + "staff-records/?page_size=10&page=2"
    with django_assert_max_num_queries(13):  # 3 of them check the token: its owner's roles and MFA, and count the use
        response = client.get(url)
    body = response.json()
    assert body["count"] == 30 and len(body["results"]) == 10
    assert body["results"][0]["local_ref"] == "P-010" and "page=3" in body["next"]


def test_a_bad_filter_gets_the_error_shape(world, return_a, api_client):
    response = api_client(world.users["provider_viewer"]).get(base(world, return_a.round) + "staff-records/?page=x")
    assert response.status_code == 404 and codes(response) == ["not_found"]
    response = api_client(world.users["provider_viewer"]).get(
        base(world, return_a.round) + "staff-records/?job_role=" + "9" * 20
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "job_role"
    assert codes(response) == ["max_length"]


def test_one_staff_record(world, return_a, api_client):
    record = make_record(return_a)
    response = api_client(world.users["provider_viewer"]).get(base(world, return_a.round) + f"staff-records/{record.pk}/")
    assert response.status_code == 200
    assert response.json()["local_ref"] == "CW-001" and response.json()["version"] == 1


def _read_urls(world, round_, record_b, record_a):
    a, b = base(world, round_), base(world, round_, org="org-b", workplace=world.workplace_b.pk)
    mixed = base(world, round_, workplace=world.workplace_b.pk)  # org A's URL with org B's workplace
    return [
        "/api/v1/organisations/org-b/workplaces/",
        "/api/v1/organisations/org-b/rounds/",
        f"/api/v1/organisations/org-b/workplaces/{world.workplace_b.pk}/returns/",
        f"/api/v1/organisations/org-a/workplaces/{world.workplace_b.pk}/returns/",
        b,
        mixed,
        b + "staff-records/",
        mixed + "staff-records/",
        b + f"staff-records/{record_b.pk}/",
        a + f"staff-records/{record_b.pk}/",
        a.replace("r2026", "no-such-round"),
    ]


def test_other_organisations_objects_are_404(world, return_a, return_b, api_client):
    record_b, record_a = make_record(return_b), make_record(return_a)
    client = api_client(world.users["provider_admin"])
    for url in _read_urls(world, return_a.round, record_b, record_a):
        response = client.get(url)
        assert response.status_code == 404, url
        assert codes(response) == ["not_found"]


@pytest.mark.parametrize("role", ["contract_officer", "analyst", "council_admin"])
def test_council_staff_see_no_provider_data(world, return_a, api_client, role):
    record = make_record(return_a)
    client = api_client(world.users[role])
    assert client.get("/api/v1/organisations/").json() == []
    assert client.get(base(world, return_a.round) + f"staff-records/{record.pk}/").status_code == 404
    assert client.get(base(world, return_a.round) + "staff-records/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/",
        "/api/v1/organisations/org-a/workplaces/",
        "/api/v1/organisations/org-a/rounds/",
        "/api/v1/organisations/org-a/workplaces/1/returns/",
        "/api/v1/organisations/org-a/workplaces/1/returns/r2026/",
        "/api/v1/organisations/org-a/workplaces/1/returns/r2026/staff-records/",
        "/api/v1/organisations/org-a/workplaces/1/returns/r2026/staff-records/1/",
    ],
)
def test_reads_need_credentials(db, api_client, url):
    response = api_client().get(url)
    assert response.status_code == 401 and codes(response) == ["not_authenticated"]


@pytest.mark.parametrize("count", [1, 20])
def test_organisation_and_workplace_lists_cost_the_same_for_many(world, api_client, django_assert_max_num_queries,
                                                                 count):
    from tests.factories.providers import WorkplaceFactory

    WorkplaceFactory.create_batch(count, organisation=world.org_a)
    client = api_client(world.users["provider_viewer"])
    with django_assert_max_num_queries(10):  # 3 of them check the token: its owner's roles and MFA, and count the use
        assert len(client.get("/api/v1/organisations/org-a/workplaces/").json()) == count + 1
