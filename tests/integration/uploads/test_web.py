"""The web upload: start, check (in-process task), report, decide about missing staff, apply; bad files; access."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from collection.models import StaffRecord
from providers.models import Membership, Workplace
from retention.services import retention_run
from surveys.models import Campaign
from tests.factories.providers import MembershipFactory, OrganisationFactory
from tests.factories.uploads import UploadFactory
from tests.integration.uploads.conftest import rows_of, sample, unchecked, with_cells, without_lines
from uploads.models import Upload, UploadFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(upload_round):
    organisation = OrganisationFactory(slug="web-org")
    return MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user


@pytest.fixture
def client_in(client, editor):
    client.force_login(editor)
    return client


def index_url() -> str:
    return reverse("uploads:index", kwargs={"org": "web-org"})


def post_files(client, django_capture_on_commit_callbacks, *files: tuple[str, bytes], round="upload-2026"):
    uploaded = [SimpleUploadedFile(name, data, content_type="text/csv") for name, data in files]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(index_url(), {"round": _round_pk(round), "files": uploaded})


def _round_pk(slug):
    from collection.models import CollectionRound

    return CollectionRound.objects.get(slug=slug).pk


def latest() -> Upload:
    return Upload.objects.order_by("-pk").first()


def test_viewers_and_other_organisations_cannot_open_the_upload_pages(client, upload_round, editor):
    viewer = MembershipFactory(organisation=editor.memberships.get().organisation, role=Membership.Role.VIEWER).user
    client.force_login(viewer)
    assert client.get(index_url()).status_code == 404
    client.force_login(editor)
    other = UploadFactory(organisation=OrganisationFactory(slug="someone-else"))
    url = reverse("uploads:detail", kwargs={"org": "web-org", "upload": other.pk})
    assert client.get(url).status_code == 404


def test_clean_upload_is_checked_previewed_and_applied_once(client_in, django_capture_on_commit_callbacks):
    workplace, staff = sample("clean")
    response = post_files(
        client_in, django_capture_on_commit_callbacks, ("workplace.csv", workplace), ("staff.csv", staff)
    )
    upload = latest()
    assert response.status_code == 302 and response["Location"].endswith(f"/uploads/{upload.pk}/")
    assert upload.state == "passed" and upload.progress == 100
    page = client_in.get(response["Location"]).content.decode()
    assert "Your files are ready to apply" in page and "What applying the upload will do" in page
    assert "Created" in page and not Workplace.objects.filter(organisation__slug="web-org").exists()
    status = client_in.get(reverse("uploads:status", kwargs={"org": "web-org", "upload": upload.pk})).json()
    assert status == {
        "state": "passed",
        "label": "Ready to apply",
        "progress": 100,
        "stage": "Checked",
        "checking": False,
    }
    apply_url = reverse("uploads:apply", kwargs={"org": "web-org", "upload": upload.pk})
    assert client_in.post(apply_url).status_code == 302
    assert StaffRecord.objects.filter(workforce_return__workplace__organisation__slug="web-org").count() == 34
    upload.refresh_from_db()
    assert upload.state == "applied" and upload.files_deleted_at is not None
    assert not UploadFile.objects.filter(upload=upload).exists()
    # a double submit changes nothing and says so
    response = client_in.post(apply_url, follow=True)
    assert "already been applied" in response.content.decode()
    assert StaffRecord.objects.count() == 34


def test_errors_are_grouped_downloadable_and_block_apply(client_in, django_capture_on_commit_callbacks):
    workplace, staff = sample("with-errors")
    post_files(client_in, django_capture_on_commit_callbacks, ("workplace.csv", workplace), ("staff.csv", staff))
    upload = latest()
    assert upload.state == "failed"
    page = client_in.get(reverse("uploads:detail", kwargs={"org": "web-org", "upload": upload.pk})).content.decode()
    assert "Your files have errors" in page and "Nothing has been changed" in page
    assert "LOCALESTID is not a workplace in the workplace file" in page
    assert "Apply the upload" not in page
    report = client_in.get(reverse("uploads:report", kwargs={"org": "web-org", "upload": upload.pk}))
    assert report["Content-Disposition"].endswith('bulk_upload_report.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(report.content))
    lines = {(sheet.title, row[4]) for sheet in book for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ("Workplace", 2) in lines and ("Staff records", 43) in lines
    response = client_in.post(reverse("uploads:apply", kwargs={"org": "web-org", "upload": upload.pk}), follow=True)
    assert "cannot be applied" in response.content.decode()
    assert not Workplace.objects.filter(organisation__slug="web-org").exists()


PDF = b"%PDF-1.4 a letter"
CLEAN_W, CLEAN_S = sample("clean")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("workplace.csv", CLEAN_W)], "The staff file is missing"),
        ([("staff.csv", CLEAN_S)], "The workplace file is missing"),
        ([("workplace.pdf", PDF), ("staff.csv", CLEAN_S)], "is a PDF document, not an ASC-WDS file"),
        ([("workplace.csv", b"NAME,ADDRESS\r\nA,B\r\n"), ("staff.csv", CLEAN_S)], "is not an ASC-WDS header line"),
        ([("workplace.csv", CLEAN_W), ("staff.xlsx", b"not really a workbook")], "not the file type its name says"),
        ([("workplace.csv", CLEAN_W), ("copy.csv", CLEAN_W), ("staff.csv", CLEAN_S)], "are both workplace files"),
        ([("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100), ("staff.csv", CLEAN_S)], "Excel 97-2003"),
    ],
)
def test_each_bad_file_gives_one_clear_message_and_changes_nothing(
    client_in, django_capture_on_commit_callbacks, files, message
):
    post_files(client_in, django_capture_on_commit_callbacks, *files)
    upload = latest()
    assert upload.state == "failed"
    assert len(upload.result["errors"]) == 1 and message in upload.result["errors"][0]["message"]
    page = client_in.get(reverse("uploads:detail", kwargs={"org": "web-org", "upload": upload.pk})).content.decode()
    assert "We could not read your files" in page and page.count("govuk-error-summary__body") == 1
    assert not Workplace.objects.filter(organisation__slug="web-org").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select your ASC-WDS workplace file and staff file"),
        ({"files": [SimpleUploadedFile("w.csv", b"")]}, "w.csv is empty"),
        ({"files": [SimpleUploadedFile(f"{n}.csv", b"x") for n in range(4)]}, "Select at most 3 files"),
    ],
)
def test_the_form_refuses_no_files_empty_files_and_too_many(client_in, upload_round, data, message):
    response = client_in.post(index_url(), {"round": upload_round.pk, **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Upload.objects.exists()


def test_missing_staff_need_a_decision_and_leavers_need_a_reason(client_in, django_capture_on_commit_callbacks):
    workplace, staff = sample("clean")
    post_files(client_in, django_capture_on_commit_callbacks, ("workplace.csv", workplace), ("staff.csv", staff))
    client_in.post(reverse("uploads:apply", kwargs={"org": "web-org", "upload": latest().pk}))
    rows = rows_of(staff)
    gone, stays = rows[3][1], rows[4][1]
    post_files(
        client_in,
        django_capture_on_commit_callbacks,
        ("w.csv", unchecked(workplace)),
        ("s.csv", unchecked(without_lines(staff, 4, 5))),
    )
    upload = latest()
    assert upload.state == "passed" and [w for _e, w in upload.result["missing_staff"]] == [gone, stays]
    apply_url = reverse("uploads:apply", kwargs={"org": "web-org", "upload": upload.pk})
    response = client_in.post(apply_url, {"staff_0": "left"})
    page = response.content.decode()
    assert response.status_code == 200 and f"Choose why {gone} left" in page
    assert f"Say whether {stays} still works at" in page
    response = client_in.post(apply_url, {"staff_0": "left", "reason_0": "6", "staff_1": "stays"})
    assert response.status_code == 302
    assert StaffRecord.objects.get(local_ref=gone).leaving_reason == "6"
    assert StaffRecord.objects.get(local_ref=stays).left_on is None

    # issue 20: the leaver's workplace is offered the exit survey, from the applied upload's page
    page = client_in.get(response["Location"]).content.decode()
    leavers_url = reverse("surveys:leavers", kwargs={"org": "web-org"}) + f"?round={upload.round.slug}"
    assert f'href="{leavers_url}"' in page
    exit_campaign = Campaign.objects.get(kind="exit", round=upload.round)
    assert exit_campaign.workplace == StaffRecord.objects.get(local_ref=gone).workforce_return.workplace
    page = client_in.get(leavers_url).content.decode()
    card_url = reverse("surveys:campaign-card", kwargs={"org": "web-org", "campaign": exit_campaign.pk})
    assert card_url in page and f"/s/{exit_campaign.code}/" in page
    assert "Leavers recorded this round" in page and "None published yet" in page


def test_warnings_must_be_accepted_before_apply(client_in, django_capture_on_commit_callbacks):
    workplace, staff = sample("clean")
    post_files(
        client_in,
        django_capture_on_commit_callbacks,
        ("w.csv", with_cells(workplace, 2, TOTALPERMTEMP="13")),
        ("s.csv", staff),
    )
    upload = latest()
    assert upload.state == "warnings"
    apply_url = reverse("uploads:apply", kwargs={"org": "web-org", "upload": upload.pk})
    response = client_in.post(apply_url)
    assert "Confirm that you accept the warnings" in response.content.decode()
    assert not Workplace.objects.filter(organisation__slug="web-org").exists()
    assert client_in.post(apply_url, {"accept_warnings": "on"}).status_code == 302
    assert Workplace.objects.filter(organisation__slug="web-org").count() == 3


def test_no_ni_number_or_home_postcode_is_kept_in_the_report(client_in, django_capture_on_commit_callbacks):
    workplace, staff = sample("clean")
    bad = with_cells(with_cells(staff, 2, NINUMBER="QQ12345"), 3, POSTCODE="NOT A POSTCODE")
    post_files(client_in, django_capture_on_commit_callbacks, ("w.csv", workplace), ("s.csv", bad))
    stored = str(latest().result)
    assert "QQ12345" not in stored and "NOT A POSTCODE" not in stored


def test_download_gives_both_files_and_uploading_them_again_changes_nothing(
    client_in, django_capture_on_commit_callbacks
):
    workplace, staff = sample("clean")
    post_files(client_in, django_capture_on_commit_callbacks, ("w.csv", workplace), ("s.csv", staff))
    client_in.post(reverse("uploads:apply", kwargs={"org": "web-org", "upload": latest().pk}))
    response = client_in.get(reverse("uploads:download", kwargs={"org": "web-org"}) + "?round=upload-2026")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["staff.csv", "workplace.csv"]
    post_files(client_in, django_capture_on_commit_callbacks, ("bundle.zip", response.content))
    upload = latest()
    assert upload.state == "passed"
    assert upload.result["workplaces"] == {"new": 0, "updated": 0, "unchanged": 3, "deleted": 0}
    assert upload.result["staff"] == {"new": 0, "updated": 0, "unchanged": 34, "deleted": 0}
    assert client_in.get(reverse("uploads:download", kwargs={"org": "web-org"}) + "?round=nope").status_code == 404


def test_the_upload_list_takes_a_fixed_number_of_queries(client_in, editor, django_assert_max_num_queries):
    organisation = editor.memberships.get().organisation
    for _ in range(15):
        UploadFactory(organisation=organisation, uploaded_by=editor)
    with django_assert_max_num_queries(20):  # +5 since issue 16: role kinds for MFA, short-session check, last-seen session write
        response = client_in.get(index_url())
    assert response.content.decode().count("Rejected: errors to fix") == 15


def test_raw_files_are_deleted_after_30_days(upload_round):
    old = UploadFactory(files=[("w.csv", b"a"), ("s.csv", b"b")])
    recent = UploadFactory(files=[("w.csv", b"a")])
    Upload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert retention_run().removed == {"upload_files": 2}
    assert not UploadFile.objects.filter(upload=old).exists() and UploadFile.objects.filter(upload=recent).exists()
    old.refresh_from_db()
    assert old.files_deleted_at is not None
