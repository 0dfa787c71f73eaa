"""Bulk create/update of staff records: up to 1,000 in one request, one transaction, all or nothing."""

from __future__ import annotations

import pytest

from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from tests.api.conftest import base, codes, make_record, record_payload


def _records(n: int, **changes) -> list[dict]:
    return [record_payload(local_ref=f"W{i:04d}", **changes) for i in range(n)]


def test_a_thousand_records_are_validated_and_saved_in_one_request(world, round_, api_client):
    client = api_client(world.users["provider_editor"])
    response = client.post(base(world, round_) + "staff-records/bulk/", {"records": _records(1000)}, format="json")
    assert response.status_code == 200, response.json()["errors"][:3]
    assert (response.json()["created"], response.json()["updated"]) == (1000, 0)
    assert StaffRecord.objects.filter(workforce_return__workplace=world.workplace_a).count() == 1000
    workforce_return = WorkforceReturn.objects.get(workplace=world.workplace_a)
    assert workforce_return.state == "in_progress" and workforce_return.progress_percent is not None
    assert ChangeRecord.objects.filter(action="created", source="api").values("staff_ref").distinct().count() == 1000


def test_one_bad_record_rejects_the_whole_request(world, return_a, api_client):
    make_record(return_a, local_ref="KEEP")
    records = _records(1000)
    records[637]["job_role"] = "999"
    records[900]["pay_rate"] = "not a number"
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "staff-records/bulk/", {"records": records}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["index"], e["code"], e["field"]) for e in errors] == [(900, "invalid", "pay_rate")]
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "staff-records/bulk/",
        {"records": [*records[:900], *records[901:]]},
        format="json",
    )
    assert response.status_code == 400
    assert [(e["index"], e["code"], e["field"]) for e in response.json()["errors"]] == [(637, "invalid_code",
                                                                                          "job_role")]
    assert list(StaffRecord.objects.values_list("local_ref", flat=True)) == ["KEEP"], "nothing saved"
    assert not ChangeRecord.objects.exists()


def test_existing_records_are_updated_by_their_reference(world, return_a, api_client):
    make_record(return_a, local_ref="W0000")
    make_record(return_a, local_ref="W0001", pay_rate="13.00")
    records = [
        {"local_ref": "W0000", "pay_rate": "14.00", "version": 1},
        {"local_ref": "W0001", "pay_rate": "13.00"},  # unchanged
        record_payload(local_ref="W0002"),
    ]
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "staff-records/bulk/", {"records": records}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["created"], response.json()["updated"]) == (1, 1)
    first = StaffRecord.objects.get(local_ref="W0000")
    assert (str(first.pay_rate), first.version, first.job_role) == ("14.00", 2, "8"), "other fields kept"
    assert StaffRecord.objects.get(local_ref="W0001").version == 1
    audit = ChangeRecord.objects.get(action="updated")
    assert (audit.staff_ref, audit.field, audit.old_value, audit.new_value) == ("W0000", "pay_rate", "12.50", "14.00")


def test_a_stale_version_is_a_conflict(world, return_a, api_client):
    make_record(return_a, local_ref="W0000")
    StaffRecord.objects.update(version=3)
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "staff-records/bulk/",
        {"records": [{"local_ref": "W0000", "pay_rate": "14.00", "version": 2}]},
        format="json",
    )
    assert response.status_code == 409
    assert [(e["index"], e["code"]) for e in response.json()["errors"]] == [(0, "edit_conflict")]


@pytest.mark.parametrize(
    "records, expected",
    [
        ([record_payload(local_ref="A"), record_payload(local_ref="A")], [(1, "local_ref_taken", "local_ref")]),
        ([record_payload(local_ref="")], [(0, "local_ref_required", "local_ref")]),
        ([record_payload(contracted_hours="37.25")], [(0, "hours_not_half_hour", "contracted_hours")]),
        ([record_payload(pay_interval="999", pay_rate="99999999999")], [(0, "max_whole_digits", "pay_rate")]),
        ([{"job_role": "8"}], [(0, "required", "local_ref")]),
        ([record_payload(pay_interval="999", pay_rate="12345678.99")], [(0, "max_digits", "pay_rate")]),
    ],
)
def test_bulk_errors_name_the_record(world, round_, api_client, records, expected):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/bulk/", {"records": records}, format="json"
    )
    assert response.status_code == 400
    assert [(e["index"], e["code"], e["field"]) for e in response.json()["errors"]] == expected
    assert not StaffRecord.objects.exists()


@pytest.mark.parametrize("body, code", [({"records": []}, "empty"), ({}, "required"), ({"records": "x"}, "not_a_list")])
def test_bulk_needs_a_list_of_records(world, round_, api_client, body, code):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/bulk/", body, format="json"
    )
    assert response.status_code == 400 and codes(response) == [code]


def test_more_than_a_thousand_records_are_refused(world, round_, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "staff-records/bulk/", {"records": _records(1001)}, format="json"
    )
    assert response.status_code == 400 and codes(response) == ["max_length"]
    assert not StaffRecord.objects.exists()


def test_bulk_refusals(world, return_b, round_, api_client):
    url = base(world, round_) + "staff-records/bulk/"
    body = {"records": _records(2)}
    assert api_client().post(url, body, format="json").status_code == 401
    assert api_client(world.users["provider_viewer"]).post(url, body, format="json").status_code == 403
    assert api_client(world.users["contract_officer"]).post(url, body, format="json").status_code == 404
    other = base(world, round_, org="org-b", workplace=world.workplace_b.pk) + "staff-records/bulk/"
    assert api_client(world.users["provider_admin"]).post(other, body, format="json").status_code == 404
    assert not StaffRecord.objects.exists()


def test_sending_the_same_records_twice_changes_nothing_the_second_time(world, round_, api_client):
    client = api_client(world.users["provider_editor"])
    url = base(world, round_) + "staff-records/bulk/"
    first = client.post(url, {"records": _records(20)}, format="json").json()
    second = client.post(url, {"records": _records(20)}, format="json").json()
    assert (first["created"], second["created"], second["updated"]) == (20, 0, 0)
    assert StaffRecord.objects.count() == 20 and set(StaffRecord.objects.values_list("version", flat=True)) == {1}
    assert ChangeRecord.objects.filter(action="updated").count() == 0
