"""ASC-WDS bulk uploads through the API: start (multipart) -> status -> report (JSON and .xlsx) -> apply, with the
check running in-process on commit; validation errors, roles, other organisations' uploads."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from collection.models import ChangeRecord, StaffRecord
from providers.models import Workplace
from surveys.models import Campaign
from tests.api.conftest import codes
from tests.factories.uploads import UploadFactory
from tests.integration.uploads.conftest import rows_of, sample, unchecked, with_cells, without_lines
from uploads.models import Upload

CLEAN_W, CLEAN_S = sample("clean")
ORG = "/api/v1/organisations/org-a"


def start_url(round_, org="org-a") -> str:
    return f"/api/v1/organisations/{org}/rounds/{round_.slug}/uploads/create/"


def start(client, round_, capture, *, workplace=CLEAN_W, staff=CLEAN_S, org="org-a", **extra):
    files = {"workplace_file": SimpleUploadedFile("workplace.csv", workplace, content_type="text/csv"),
             "staff_file": SimpleUploadedFile("staff.csv", staff, content_type="text/csv"), **extra}  # fmt: skip
    with capture(execute=True):  # the request's commit queues the check; in tests it runs in-process
        return client.post(start_url(round_, org), files, format="multipart")


@pytest.fixture
def editor(world, api_client):
    return api_client(world.users["provider_editor"])


def test_start_status_report_apply_end_to_end(world, round_, editor, django_capture_on_commit_callbacks):
    response = start(editor, round_, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    body = response.json()
    upload = Upload.objects.get(pk=body["id"])
    assert upload.organisation == world.org_a and upload.uploaded_by == world.users["provider_editor"]
    assert body["status_url"] == f"http://testserver{ORG}/uploads/{upload.pk}/" == response["Location"]
    assert body["report_url"].endswith(f"/uploads/{upload.pk}/report/")

    status = editor.get(body["status_url"]).json()
    assert (status["state"], status["progress"], status["checking"], status["can_apply"]) == ("passed", 100, False, True)

    report = editor.get(body["report_url"]).json()
    assert report["status"] == "passed" and report["errors"] == [] and report["missing_staff"] == []
    assert report["workplaces"]["new"] == 3 and report["staff"]["new"] == 34 and report["applied"] is None
    assert not Workplace.objects.filter(organisation=world.org_a, local_ref__in=[r[0] for r in rows_of(CLEAN_W)[1:]])

    applied = editor.post(f"{ORG}/uploads/{upload.pk}/apply/", {}, format="json")
    assert applied.status_code == 200, applied.content
    assert applied.json()["state"] == "applied" and applied.json()["counts"]["staff"]["new"] == 34
    assert StaffRecord.objects.filter(workforce_return__workplace__organisation=world.org_a).count() == 34
    assert ChangeRecord.objects.filter(source=ChangeRecord.Source.UPLOAD, actor=world.users["provider_editor"]).exists()
    assert editor.get(body["report_url"]).json()["applied"]["staff"]["new"] == 34

    again = editor.post(f"{ORG}/uploads/{upload.pk}/apply/", {}, format="json")  # a double submit
    assert again.status_code == 409 and codes(again) == ["invalid_state"]
    assert "already been applied" in again.json()["errors"][0]["message"]
    assert StaffRecord.objects.count() == 34


def test_one_zip_holding_both_files_is_enough(world, round_, editor, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("workplace.csv", CLEAN_W)
        archive.writestr("staff.csv", CLEAN_S)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(start_url(round_), {"zip_file": SimpleUploadedFile("both.zip", buffer.getvalue())},
                               format="multipart")  # fmt: skip
    assert response.status_code == 202
    assert Upload.objects.get(pk=response.json()["id"]).state == "passed"


def test_errors_are_reported_as_json_and_xlsx_and_block_apply(world, round_, editor, django_capture_on_commit_callbacks):
    workplace, staff = sample("with-errors")
    upload_id = start(editor, round_, django_capture_on_commit_callbacks, workplace=workplace, staff=staff).json()["id"]
    report = editor.get(f"{ORG}/uploads/{upload_id}/report/").json()
    assert report["status"] == "failed" and report["errors"]
    assert set(report["errors"][0]) == {"file", "line", "column", "code", "message", "local_est_id", "worker_id",
                                        "value", "severity"}  # fmt: skip
    assert ("workplace", 2) in {(p["file"], p["line"]) for p in report["errors"]}
    download = editor.get(f"{ORG}/uploads/{upload_id}/report/download/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('bulk_upload_report.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    assert {sheet.title for sheet in book} >= {"Workplace", "Staff records"}
    refused = editor.post(f"{ORG}/uploads/{upload_id}/apply/", {}, format="json")
    assert refused.status_code == 409 and codes(refused) == ["invalid_state"]
    assert not StaffRecord.objects.exists()


def test_personal_values_are_not_in_the_report(world, round_, editor, django_capture_on_commit_callbacks):
    bad = with_cells(with_cells(CLEAN_S, 2, NINUMBER="QQ12345"), 3, POSTCODE="NOT A POSTCODE")
    upload_id = start(editor, round_, django_capture_on_commit_callbacks, staff=bad).json()["id"]
    body = editor.get(f"{ORG}/uploads/{upload_id}/report/").content.decode()
    assert '"status":"passed"' in body  # the staff file's NI numbers and home postcodes are never read
    assert "QQ12345" not in body and "NOT A POSTCODE" not in body


def test_missing_staff_need_a_decision_each_all_or_nothing(world, round_, editor, django_capture_on_commit_callbacks):
    first = start(editor, round_, django_capture_on_commit_callbacks).json()["id"]
    assert editor.post(f"{ORG}/uploads/{first}/apply/", {}, format="json").status_code == 200
    rows = rows_of(CLEAN_S)
    est, gone, stays = rows[3][0], rows[3][1], rows[4][1]
    upload_id = start(editor, round_, django_capture_on_commit_callbacks, workplace=unchecked(CLEAN_W),
                      staff=unchecked(without_lines(CLEAN_S, 4, 5))).json()["id"]  # fmt: skip
    report = editor.get(f"{ORG}/uploads/{upload_id}/report/").json()
    assert [m["worker_id"] for m in report["missing_staff"]] == [gone, stays]
    apply_url = f"{ORG}/uploads/{upload_id}/apply/"

    cases = [
        ({"missing_staff": [{"local_est_id": est, "worker_id": gone, "decision": "left"}]},
         [("leaving_reason_required", "leaving_reason", 0)]),
        ({"missing_staff": [{"local_est_id": est, "worker_id": gone, "decision": "left", "leaving_reason": "6"}]},
         [("decision_required", "missing_staff", None)]),
        ({"missing_staff": [{"local_est_id": est, "worker_id": gone, "decision": "gone"}]},
         [("invalid_choice", "decision", 0)]),
        ({"missing_staff": [{"local_est_id": est, "worker_id": "NOBODY", "decision": "stays"},
                            {"local_est_id": est, "worker_id": gone, "decision": "stays"},
                            {"local_est_id": est, "worker_id": gone, "decision": "stays"},
                            {"local_est_id": est, "worker_id": stays, "decision": "stays"}]},
         [("not_missing", "worker_id", 0), ("duplicate_decision", "worker_id", 2)]),
        ({"missing_staff": "nope"}, [("not_a_list", "missing_staff", None)]),
    ]  # fmt: skip
    for payload, expected in cases:
        response = editor.post(apply_url, payload, format="json")
        assert response.status_code == 400, payload
        assert [(e["code"], e["field"], e["index"]) for e in response.json()["errors"]] == expected, payload
    assert Upload.objects.get(pk=upload_id).state == "passed"
    assert StaffRecord.objects.get(local_ref=gone).left_on is None

    decisions = [{"local_est_id": est, "worker_id": gone, "decision": "left", "leaving_reason": "6"},
                 {"local_est_id": est, "worker_id": stays, "decision": "stays"}]  # fmt: skip
    response = editor.post(apply_url, {"missing_staff": decisions}, format="json")
    assert response.status_code == 200, response.content
    assert StaffRecord.objects.get(local_ref=gone).leaving_reason == "6"
    assert StaffRecord.objects.get(local_ref=stays).left_on is None
    # issue 20: the answer offers the exit survey of the leaver's workplace for the round
    offers = response.json()["exit_surveys"]
    exit_campaign = Campaign.objects.get(kind="exit", round=round_)
    assert [(o["local_ref"], o["leavers"]) for o in offers] == [(est, 1)]
    assert offers[0]["link"].endswith(f"/s/{exit_campaign.code}/") and offers[0]["card_url"].endswith(
        f"/org/{world.org_a.slug}/surveys/{exit_campaign.pk}/card/")


def test_warnings_must_be_accepted(world, round_, editor, django_capture_on_commit_callbacks):
    upload_id = start(editor, round_, django_capture_on_commit_callbacks,
                      workplace=with_cells(CLEAN_W, 2, TOTALPERMTEMP="13")).json()["id"]  # fmt: skip
    assert Upload.objects.get(pk=upload_id).state == "warnings"
    refused = editor.post(f"{ORG}/uploads/{upload_id}/apply/", {}, format="json")
    assert refused.status_code == 400 and codes(refused) == ["warnings_not_accepted"]
    assert refused.json()["errors"][0]["field"] == "accept_warnings"
    assert not StaffRecord.objects.exists()
    assert editor.post(f"{ORG}/uploads/{upload_id}/apply/", {"accept_warnings": True}, format="json").status_code == 200
    assert StaffRecord.objects.count() == 34


def test_staff_changed_since_the_check_applies_nothing(world, round_, editor, django_capture_on_commit_callbacks):
    upload_id = start(editor, round_, django_capture_on_commit_callbacks).json()["id"]
    other = start(editor, round_, django_capture_on_commit_callbacks).json()["id"]
    assert editor.post(f"{ORG}/uploads/{other}/apply/", {}, format="json").status_code == 200
    response = editor.post(f"{ORG}/uploads/{upload_id}/apply/", {}, format="json")
    assert response.status_code == 409 and codes(response) == ["upload_changed"]
    assert Upload.objects.get(pk=upload_id).state == "failed"  # the new report was kept, not rolled back
    assert StaffRecord.objects.count() == 34


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({}, "required", None),
        ({"staff_file": SimpleUploadedFile("staff.csv", b"")}, "empty", "staff_file"),
        ({"staff_file": "not a file"}, "invalid", "staff_file"),
    ],
)
def test_start_refuses_bad_input(world, round_, editor, data, code, field):
    response = editor.post(start_url(round_), data, format="multipart")
    assert response.status_code == 400
    assert (codes(response)[0], response.json()["errors"][0]["field"]) == (code, field)
    assert not Upload.objects.exists()


def test_start_refuses_json_bodies(world, round_, editor):
    response = editor.post(start_url(round_), {"staff_file": "x"}, format="json")
    assert response.status_code == 415 and codes(response) == ["unsupported_media_type"]


def test_report_before_the_check_is_a_conflict(world, round_, editor):
    upload = UploadFactory(organisation=world.org_a, round=round_, state=Upload.State.QUEUED, result=None)
    for url in (f"{ORG}/uploads/{upload.pk}/report/", f"{ORG}/uploads/{upload.pk}/report/download/"):
        response = editor.get(url)
        assert response.status_code == 409 and codes(response) == ["invalid_state"], url
    assert editor.get(f"{ORG}/uploads/{upload.pk}/").json()["checking"] is True


def test_refusals_unauthenticated_wrong_role_and_other_organisations(world, round_, api_client):
    mine = UploadFactory(organisation=world.org_a, round=round_)
    theirs = UploadFactory(organisation=world.org_b, round=round_)
    reads = ["/", "/report/", "/report/download/"]
    anonymous = api_client()
    assert anonymous.get(f"{ORG}/uploads/{mine.pk}/").status_code == 401
    assert anonymous.post(start_url(round_), {}, format="multipart").status_code == 401
    assert anonymous.post(f"{ORG}/uploads/{mine.pk}/apply/", {}, format="json").status_code == 401
    viewer = api_client(world.users["provider_viewer"])
    assert all(viewer.get(f"{ORG}/uploads/{mine.pk}{tail}").status_code == 200 for tail in reads)
    files = {"staff_file": SimpleUploadedFile("staff.csv", CLEAN_S)}
    for response in (viewer.post(start_url(round_), files, format="multipart"),
                     viewer.post(f"{ORG}/uploads/{mine.pk}/apply/", {}, format="json")):  # fmt: skip
        assert response.status_code == 403 and codes(response) == ["permission_denied"]
    for role in ("provider_admin", "contract_officer", "analyst"):
        client = api_client(world.users[role])
        urls = [f"{ORG}/uploads/{theirs.pk}{tail}" for tail in reads] + [
            f"/api/v1/organisations/org-b/uploads/{theirs.pk}{tail}" for tail in reads]  # fmt: skip
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
        for url in (f"{ORG}/uploads/{theirs.pk}/apply/", f"/api/v1/organisations/org-b/uploads/{theirs.pk}/apply/"):
            assert client.post(url, {}, format="json").status_code == 404, (role, url)
        assert client.post(start_url(round_, "org-b"), files, format="multipart").status_code == 404
    admin = api_client(world.users["provider_admin"])
    assert admin.post(f"{ORG}/rounds/no-such-round/uploads/create/", files, format="multipart").status_code == 404
    assert not Upload.objects.exclude(pk__in=[mine.pk, theirs.pk]).exists()
