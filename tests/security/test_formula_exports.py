"""Formula-looking text typed into a workplace name or a staff reference never becomes a formula in any file the
service writes: the upload report (.xlsx), the ASC-WDS download (CSV), the compliance desk (.xlsx) and the
analyst workbook (.xlsx). Spreadsheets hold it as text; CSV cells are prefixed with ' (Excel's text marker)."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from collection.models import StaffRecord
from providers.models import Workplace
from tests.integration.uploads.conftest import sample, with_cells

PAYLOADS = [
    '=HYPERLINK("http://evil.example","Payslip")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+1",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def post_files(client, capture, org: str, *files: tuple[str, bytes]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from collection.models import CollectionRound

    uploaded = [SimpleUploadedFile(name, data, content_type="text/csv") for name, data in files]
    with capture(execute=True):
        return client.post(reverse("uploads:index", kwargs={"org": org}),
                           {"round": CollectionRound.objects.get(slug="upload-2026").pk, "files": uploaded})


def _xlsx_cells(content: bytes) -> list[object]:
    """Every cell value of every sheet, after asserting no cell holds a formula."""
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=False)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                values.append(cell.value)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    return values


def _csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]


def _assert_csv_neutralised(cells: list[str], payload: str) -> None:
    assert not [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)], "a cell starts a formula"
    assert "'" + payload in cells, f"{payload!r} is written as text"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.fixture
def applied(client, world, django_capture_on_commit_callbacks):
    """A clean upload applied for org A's editor: returns the client signed in as them."""
    from tests.factories.uploads import UploadRoundFactory

    UploadRoundFactory()
    client.force_login(world.users["provider_editor"])
    workplace, staff = sample("clean")
    post_files(client, django_capture_on_commit_callbacks, world.org_a.slug, ("w.csv", workplace), ("s.csv", staff))
    from uploads.models import Upload

    upload = Upload.objects.order_by("-pk").first()
    assert upload.state == "passed", upload.result
    client.post(reverse("uploads:apply", kwargs={"org": world.org_a.slug, "upload": upload.pk}))
    return client


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_upload_report_holds_formula_text_as_text(payload, client, world, django_capture_on_commit_callbacks):
    from tests.factories.uploads import UploadRoundFactory
    from uploads.models import Upload

    UploadRoundFactory()
    client.force_login(world.users["provider_editor"])
    workplace, staff = sample("clean")
    workplace = with_cells(workplace, 2, ESTNAME=payload, MAINSERVICE=payload)
    staff = with_cells(staff, 2, UNIQUEWORKERID=payload, GENDER=payload)
    post_files(client, django_capture_on_commit_callbacks, world.org_a.slug, ("w.csv", workplace), ("s.csv", staff))
    upload = Upload.objects.order_by("-pk").first()
    report = client.get(reverse("uploads:report", kwargs={"org": world.org_a.slug, "upload": upload.pk}))
    assert report.status_code == 200
    assert payload in _xlsx_cells(report.content), "the hostile value is reported, as text"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_ascwds_download_neutralises_formula_text_and_reads_back_unchanged(
    payload, applied, world, django_capture_on_commit_callbacks
):
    place = Workplace.objects.filter(organisation=world.org_a).exclude(pk=world.workplace_a.pk).first()
    Workplace.objects.filter(pk=place.pk).update(name=payload)
    StaffRecord.objects.filter(pk=StaffRecord.objects.filter(workforce_return__workplace=place).first().pk).update(
        local_ref=payload)
    url = reverse("uploads:download", kwargs={"org": world.org_a.slug}) + "?round=upload-2026"
    archive = zipfile.ZipFile(io.BytesIO(applied.get(url).content))
    _assert_csv_neutralised(_csv_cells(archive.read("workplace.csv")), payload)
    _assert_csv_neutralised(_csv_cells(archive.read("staff.csv")), payload)
    # The files still go round: uploading them again changes nothing.
    post_files(applied, django_capture_on_commit_callbacks, world.org_a.slug, ("bundle.zip", archive.fp.getvalue()))
    from uploads.models import Upload

    result = Upload.objects.order_by("-pk").first().result
    assert result["workplaces"]["updated"] == 0 and result["staff"]["updated"] == 0, result


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_compliance_desk_export_holds_formula_text_as_text(payload, client, world):
    Workplace.objects.filter(pk=world.workplace_a.pk).update(name=payload)
    world.org_a.__class__.objects.filter(pk=world.org_a.pk).update(name=payload)
    from tests.integration.url_matrix import OWN

    round_slug = OWN["round"](world)  # a round of council A, with a return of workplace A
    client.force_login(world.users["contract_officer"])
    response = client.get(reverse("compliance-council:desk-export", kwargs={"council": world.council_a.slug}),
                          {"round": round_slug})
    assert response.status_code == 200
    assert payload in _xlsx_cells(response.content)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_analyst_workbook_holds_formula_text_as_text(payload, world):
    from exports.pipeline import make_workbook
    from providers.models import Council
    from tests.factories.exports import CollectionRoundFactory, submitted_return

    collection_round = CollectionRoundFactory(slug="round-2026")
    Council.objects.filter(pk=world.council_a.pk).update(name=payload)
    world.council_a.refresh_from_db()
    Workplace.objects.filter(pk=world.workplace_a.pk).update(name=payload)
    submitted_return(workplace=world.workplace_a, collection_round=collection_round, staff=30)
    built = make_workbook(council=world.council_a, collection_round=collection_round)
    cells = _xlsx_cells(built.content)
    assert any(isinstance(v, str) and payload in v for v in cells), "the council name is written, as text"
