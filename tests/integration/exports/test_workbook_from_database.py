"""The workbook made from the DATABASE path, read back with openpyxl the way an analyst would."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from collection.models import StaffRecord
from exports.extraction import round_inputs
from exports.pipeline import make_workbook
from tests.unit.exports.readback import is_people_count, read_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(synthetic):
    return make_workbook(council=synthetic.council, collection_round=synthetic.rounds[-1])


def test_sheets_and_named_tables_are_present(built):
    book, tables = read_tables(built.content)
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    table_sheets = [name for name in book.sheetnames if name.startswith("Table ")]
    assert len(table_sheets) == built.table_count >= 25
    names = {t.name for t in tables}
    assert {"contents", "notes", "table_workforce_service_role", "table_coverage_district", "table_series"} <= names
    for sheet in book.worksheets:
        assert sheet["A1"].value, sheet.title
        assert not sheet.merged_cells.ranges
    assert built.file_name == "synthetic-county-council-workforce-2026-27.xlsx"


def test_no_formula_cells(built):
    with zipfile.ZipFile(io.BytesIO(built.content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name
    book = load_workbook(io.BytesIO(built.content))
    assert not [c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]


def test_no_count_cell_from_1_to_7(built):
    _, tables = read_tables(built.content)
    checked = 0
    for table in tables:
        for j, header in enumerate(table.headers):
            if not is_people_count(header):
                continue
            for row in table.rows:
                value = row[j]
                if isinstance(value, (int, float)):
                    assert value == 0 or value >= 10 and value % 5 == 0, (table.title, header, value)
                else:
                    assert value in ("[c]", "[x]", "[z]"), (table.title, header, value)
                checked += 1
    assert checked > 500


def test_every_note_is_referenced_and_defined(built):
    book, tables = read_tables(built.content)
    defined = {row[0] for row in next(t for t in tables if t.name == "notes").rows}
    referenced = set()
    for sheet in book.worksheets:
        if sheet.title.startswith(("Table ", "Chart ")):
            found = set(re.findall(r"\[(note \d+)\]", str(sheet["A1"].value)))
            assert found, sheet.title
            referenced |= found
        if sheet.title == "Cover":  # the release note is referenced from the cover's release line
            referenced |= {ref for row in sheet.iter_rows() for cell in row
                           for ref in re.findall(r"\[(note \d+)\]", str(cell.value or ""))}
    assert referenced == defined


def test_same_request_on_same_data_gives_identical_bytes(synthetic, built):
    again = make_workbook(council=synthetic.council, collection_round=synthetic.rounds[-1])
    assert again.content == built.content and again.data_version == built.data_version


def test_a_changed_record_changes_the_data_version_and_the_file(synthetic, built):
    record = StaffRecord.objects.filter(workforce_return__round=synthetic.rounds[-1],
                                        workforce_return__state__in=["submitted", "accepted"]).first()
    record.gender = "1" if record.gender != "1" else "2"
    record.save()
    again = make_workbook(council=synthetic.council, collection_round=synthetic.rounds[-1])
    assert again.data_version != built.data_version
    assert again.content != built.content


def test_no_staff_level_rows_in_the_download(synthetic, built):
    """Nothing that identifies a record (its reference) is in the file, and no table is as long as the staff list."""
    refs = set(StaffRecord.objects.values_list("local_ref", flat=True)[:200])
    with zipfile.ZipFile(io.BytesIO(built.content)) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert not [ref for ref in refs if f">{ref}<" in text]
    _, tables = read_tables(built.content)
    assert max(len(t.rows) for t in tables) < synthetic.staff_per_round / 4


def test_year_on_year_series_covers_the_earlier_rounds(built):
    _, tables = read_tables(built.content)
    series = next(t for t in tables if t.name == "table_series")
    assert {row[0] for row in series.rows} == {"2024-25", "2025-26", "2026-27"}


def test_extraction_selects_exactly_the_required_columns_in_few_queries(synthetic, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        inputs = round_inputs(council=synthetic.council, collection_round=synthetic.rounds[-1])
    from exports.aggregation import required_columns

    wanted = required_columns()
    assert tuple(inputs.staff.columns) == wanted["staff"]
    assert tuple(inputs.workplaces.columns) == wanted["workplaces"]
    assert tuple(inputs.job_roles.columns) == wanted["job_roles"]
    assert tuple(inputs.leaver_reasons.columns) == wanted["leaver_reasons"]
    assert set(inputs.workplaces["return_status"]) <= {"submitted", "accepted"}
    assert 0 < len(inputs.staff) < synthetic.staff_per_round


def test_contract_requirements_by_compliance_status_are_included(built):
    _, tables = read_tables(built.content)
    compliance = next(t for t in tables if t.name == "table_compliance")
    assert compliance.headers[:2] == ["Contract requirement", "Compliance status"]
    assert any(str(row[0]).startswith("Annual workforce return") for row in compliance.rows)
