"""The workplace section of a return (staff numbers and pay) and submitting it, through the web's services."""

from __future__ import annotations

import pytest

from collection.models import ChangeRecord, WorkforceReturn
from tests.api.conftest import base, codes, make_record

NUMBERS = {
    "total_staff": 2,
    "starters_declared": "with_jobs",
    "leavers_declared": "none",
    "vacancies_declared": "dont_know",
    "job_roles": [{"job_role": "8", "starters": 1}],
    "leaver_reasons": [],
}


def test_an_editor_updates_the_staff_numbers(world, round_, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "numbers/update/", NUMBERS, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["total_staff"], body["starters_declared"], body["state"]) == (2, "with_jobs", "in_progress")
    assert body["job_roles"] == [{"job_role": "8", "starters": 1, "leavers": 0, "vacancies": 0}]
    assert ChangeRecord.objects.filter(action="numbers_updated", source="api").exists()


@pytest.mark.parametrize(
    "changes, code, field",
    [
        ({"total_staff": 1000}, "total_staff_out_of_range", "total_staff"),
        ({"starters_declared": "maybe"}, "invalid_code", "starters_declared"),
        ({"job_roles": [{"job_role": "8", "starters": 1}, {"job_role": "8"}]}, "job_role_repeated", "job_roles"),
        ({"job_roles": [{"job_role": "8", "starters": -1}]}, "min_value", "job_roles.starters"),
        ({"total_staff": "many"}, "invalid", "total_staff"),
    ],
)
def test_bad_numbers_are_refused(world, round_, api_client, changes, code, field):
    response = api_client(world.users["provider_editor"]).post(
        base(world, round_) + "numbers/update/", {**NUMBERS, **changes}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert (response.json()["errors"][0]["code"], response.json()["errors"][0]["field"]) == (code, field)
    assert not WorkforceReturn.objects.filter(total_staff__isnull=False).exists()


def test_a_stale_return_version_is_a_conflict(world, return_a, api_client):
    client = api_client(world.users["provider_editor"])
    assert client.post(base(world, return_a.round) + "pay/update/", {"holiday_days": 28, "version": 1},
                       format="json").status_code == 200
    stale = client.post(base(world, return_a.round) + "numbers/update/", {**NUMBERS, "version": 1}, format="json")
    assert stale.status_code == 409 and codes(stale) == ["edit_conflict"]


def test_an_editor_updates_pay_and_conditions(world, return_a, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "pay/update/", {"holiday_days": 28, "sleep_ins": "2"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["holiday_days"], response.json()["sleep_ins"]) == (28, "2")


def test_bad_pay_is_refused(world, return_a, api_client):
    response = api_client(world.users["provider_editor"]).post(
        base(world, return_a.round) + "pay/update/", {"holiday_days": 400}, format="json"
    )
    assert response.status_code == 400 and codes(response) == ["holiday_days_out_of_range"]


def test_an_editor_submits_once(world, return_a, api_client, mailoutbox, django_capture_on_commit_callbacks):
    make_record(return_a)
    client = api_client(world.users["provider_editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(base(world, return_a.round) + "submit/", format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "submitted" and body["submission_reference"].startswith("WR-")
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(base(world, return_a.round) + "submit/", format="json")
    assert again.status_code == 409 and codes(again) == ["invalid_state"]
    assert ChangeRecord.objects.filter(action="submitted", source="api", field="state").count() == 1
    assert len(mailoutbox) == 1, "one receipt"


@pytest.mark.parametrize("path", ["numbers/update/", "pay/update/", "submit/"])
def test_section_and_submit_refusals(world, return_a, api_client, path):
    payload = NUMBERS if path.startswith("numbers") else {"holiday_days": 28}
    url = base(world, return_a.round) + path
    assert api_client().post(url, payload, format="json").status_code == 401
    viewer = api_client(world.users["provider_viewer"]).post(url, payload, format="json")
    assert viewer.status_code == 403 and codes(viewer) == ["permission_denied"]
    assert api_client(world.users["council_admin"]).post(url, payload, format="json").status_code == 404
    other = base(world, return_a.round, org="org-b", workplace=world.workplace_b.pk) + path
    mixed = base(world, return_a.round, workplace=world.workplace_b.pk) + path
    admin = api_client(world.users["provider_admin"])
    assert [admin.post(u, payload, format="json").status_code for u in (other, mixed)] == [404, 404]
    assert WorkforceReturn.objects.get(pk=return_a.pk).version == 1
    assert not WorkforceReturn.objects.filter(workplace=world.workplace_b).exists()
