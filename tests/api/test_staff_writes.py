"""Staff record create, update (optimistic locking) and delete (with a leaving reason), through the web's services."""

from __future__ import annotations

import pytest

from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from tests.api.conftest import base, codes, make_record, record_payload


def test_an_editor_adds_a_staff_record(world, round_, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/create/", record_payload(), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["record"]["local_ref"] == "CW-001" and body["record"]["pay_rate"] == "12.50"
    assert body["warnings"] == []
    record = StaffRecord.objects.get()
    assert record.workforce_return.state == WorkforceReturn.State.IN_PROGRESS
    audit = ChangeRecord.objects.filter(staff_ref="CW-001", action="created")
    assert audit.exists() and {row.source for row in audit} == {"api"}
    assert {row.actor for row in audit} == {world.users["provider_editor"]}


def test_warnings_are_accepted_and_reported(world, round_, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/create/", record_payload(contracted_hours="50"), format="json"
    )
    assert response.status_code == 201
    assert [w["code"] for w in response.json()["warnings"]] == ["contracted_hours_over_48"]


@pytest.mark.parametrize(
    "changes, code, field",
    [
        ({"job_role": "999"}, "invalid_code", "job_role"),
        ({"local_ref": ""}, "local_ref_required", "local_ref"),
        ({"local_ref": "AB123456C"}, "local_ref_looks_like_ni_number", "local_ref"),
        ({"contracted_hours": "37.25"}, "hours_not_half_hour", "contracted_hours"),
        ({"pay_rate": "1.00"}, "hourly_pay_out_of_range", "pay_rate"),
        ({"pay_rate": "lots"}, "invalid", "pay_rate"),
        ({"start_date": "31/12/2020"}, "invalid", "start_date"),
        ({"gender": "x" * 11}, "max_length", "gender"),
    ],
)
def test_bad_records_are_refused_with_the_rule_codes(world, round_, api_client, changes, code, field):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/create/", record_payload(**changes), format="json"
    )
    assert response.status_code == 400
    first = response.json()["errors"][0]
    assert (first["code"], first["field"], first["index"]) == (code, field, None)
    assert first["message"]
    assert not StaffRecord.objects.exists()


def test_a_staff_reference_cannot_be_used_twice(world, return_a, api_client):
    make_record(return_a)
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "staff-records/create/", record_payload(), format="json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "local_ref"
    assert "already used the staff reference CW-001" in response.json()["errors"][0]["message"]
    assert StaffRecord.objects.count() == 1


def test_an_editor_changes_a_record_at_the_version_they_read(world, return_a, api_client):
    record = make_record(return_a)
    client = api_client(world.users["provider_editor"])
    url = base(world, return_a.round) + f"staff-records/{record.pk}/update/"
    response = client.post(url, {"pay_rate": "13.00", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["record"]["pay_rate"] == "13.00" and response.json()["record"]["version"] == 2
    stale = client.post(url, {"pay_rate": "14.00", "version": 1}, format="json")
    assert stale.status_code == 409 and codes(stale) == ["edit_conflict"]
    record.refresh_from_db()
    assert str(record.pay_rate) == "13.00"
    audit = ChangeRecord.objects.get(action="updated", field="pay_rate")
    assert (audit.old_value, audit.new_value, audit.source) == ("12.50", "13.00", "api")


def test_an_update_must_say_which_version_it_read(world, return_a, api_client):
    record = make_record(return_a)
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + f"staff-records/{record.pk}/update/", {"pay_rate": "13.00"}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "version"


def test_an_update_breaking_a_rule_saves_nothing(world, return_a, api_client):
    record = make_record(return_a)
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + f"staff-records/{record.pk}/update/",
        {"contract_type": "42", "version": 1},
        format="json",
    )
    assert response.status_code == 400 and codes(response) == ["invalid_code"]
    record.refresh_from_db()
    assert (record.contract_type, record.version) == ("1", 1)


def test_an_editor_removes_a_leaver_with_the_reason(world, return_a, api_client):
    record = make_record(return_a)
    client = api_client(world.users["provider_editor"])
    url = base(world, return_a.round) + f"staff-records/{record.pk}/delete/"
    response = client.post(url, {"leaving_reason": "1", "left_on": "2026-02-01", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["leaving_reason"] == "1"
    record.refresh_from_db()
    assert str(record.left_on) == "2026-02-01"
    again = client.post(url, {"leaving_reason": "1"}, format="json")
    assert again.status_code == 404, "a removed record is gone from the return"


def test_removing_needs_a_real_leaving_reason(world, return_a, api_client):
    record = make_record(return_a)
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + f"staff-records/{record.pk}/delete/", {"leaving_reason": "zzz"}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "leaving_reason"
    assert StaffRecord.objects.get().left_on is None


def test_a_submitted_return_cannot_be_changed(world, return_a, api_client):
    record = make_record(return_a)
    WorkforceReturn.objects.filter(pk=return_a.pk).update(state=WorkforceReturn.State.SUBMITTED)
    client = api_client(world.users["provider_editor"])
    url = base(world, return_a.round) + "staff-records/"
    responses = [
        client.post(url + "create/", record_payload(local_ref="NEW"), format="json"),
        client.post(url + f"{record.pk}/update/", {"pay_rate": "13", "version": 1}, format="json"),
        client.post(url + f"{record.pk}/delete/", {"leaving_reason": "1"}, format="json"),
    ]
    assert [(r.status_code, codes(r)) for r in responses] == [(409, ["invalid_state"])] * 3


def _writes(world, round_, record):
    url = base(world, round_) + "staff-records/"
    return [
        (url + "create/", record_payload(local_ref="NEW")),
        (url + f"{record.pk}/update/", {"pay_rate": "13.00", "version": 1}),
        (url + f"{record.pk}/delete/", {"leaving_reason": "1"}),
    ]


def test_viewers_cannot_write(world, return_a, api_client):
    record = make_record(return_a)
    client = api_client(world.users["provider_viewer"])
    for url, payload in _writes(world, return_a.round, record):
        response = client.post(url, payload, format="json")
        assert response.status_code == 403 and codes(response) == ["permission_denied"], url
    record.refresh_from_db()
    assert (record.version, record.left_on, StaffRecord.objects.count()) == (1, None, 1)


@pytest.mark.parametrize("role", ["contract_officer", "council_admin"])
def test_council_staff_cannot_write_to_provider_returns(world, return_a, api_client, role):
    record = make_record(return_a)
    client = api_client(world.users[role])
    for url, payload in _writes(world, return_a.round, record):
        assert client.post(url, payload, format="json").status_code == 404, url


def test_writes_need_credentials(world, return_a, api_client):
    record = make_record(return_a)
    for url, payload in _writes(world, return_a.round, record):
        response = api_client().post(url, payload, format="json")
        assert response.status_code == 401 and codes(response) == ["not_authenticated"], url


def test_another_organisations_records_are_404(world, return_a, return_b, api_client):
    record_b = make_record(return_b)
    client = api_client(world.users["provider_admin"])
    own_url = base(world, return_a.round) + "staff-records/"
    other_url = base(world, return_b.round, org="org-b", workplace=world.workplace_b.pk) + "staff-records/"
    mixed_url = base(world, return_b.round, workplace=world.workplace_b.pk) + "staff-records/"
    attempts = [
        (other_url + "create/", record_payload()),
        (mixed_url + "create/", record_payload()),
        (own_url + f"{record_b.pk}/update/", {"pay_rate": "13.00", "version": 1}),
        (other_url + f"{record_b.pk}/update/", {"pay_rate": "13.00", "version": 1}),
        (own_url + f"{record_b.pk}/delete/", {"leaving_reason": "1"}),
        (other_url + f"{record_b.pk}/delete/", {"leaving_reason": "1"}),
    ]
    for url, payload in attempts:
        response = client.post(url, payload, format="json")
        assert response.status_code == 404 and codes(response) == ["not_found"], url
    record_b.refresh_from_db()
    assert (record_b.version, record_b.left_on) == (1, None)
    assert StaffRecord.objects.count() == 1


def test_a_body_that_is_not_json_gets_the_error_shape(world, round_, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/create/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400 and codes(response) == ["parse_error"]
