"""The workbook read back with openpyxl: structure, no formulas, no small counts, notes, deterministic bytes."""

import io
import re
import zipfile
from datetime import date, datetime

import pytest

from exports.aggregation import EarlierRound, build_tables
from exports.disclosure import protect_all
from exports.synthetic import make_council, make_earlier
from exports.workbook import workbook_filename, write_workbook
from tests.unit.exports.readback import dimension_columns, is_people_count, read_tables

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@cmd", "\t=1+1", "http://example.com"]


@pytest.fixture(scope="module")
def workbook_bytes():
    council = make_council(workplaces=120, staff=3000, seed=7)
    workplaces = council.workplaces.copy()
    # hostile district names (free text from the database) must stay text
    workplaces.loc[workplaces.index[: len(HOSTILE)], "district"] = HOSTILE
    workplaces.loc[workplaces.index[: len(HOSTILE)], "return_status"] = "accepted"
    label, before = make_earlier(base=council, years_back=1)
    tables = build_tables(
        staff=council.staff, workplaces=workplaces, job_roles=council.job_roles,
        leaver_reasons=council.leaver_reasons, compliance=council.compliance, snapshot_date=council.snapshot_date,
        round_label="2025-26",
        earlier=[EarlierRound(label, before.snapshot_date, before.staff, before.workplaces, before.job_roles)],
    )
    protected = protect_all(tables)
    return write_workbook(tables=protected, council_name="Demo County", round_label="2025-26",
                          snapshot_date=council.snapshot_date, data_version="v42"), protected


def test_sheets_and_named_tables(workbook_bytes):
    data, protected = workbook_bytes
    book, tables = read_tables(data)
    names = book.sheetnames
    assert names[:3] == ["Cover", "Contents", "Notes"]
    table_sheets = [n for n in names if n.startswith("Table ")]
    assert len(table_sheets) == len(protected)
    charts = {n for n in names if n.startswith("Chart ")}
    assert charts == {"Chart 1", "Chart 2", "Chart 3"}
    per_sheet = {}
    for table in tables:
        per_sheet.setdefault(table.sheet, []).append(table.name)
    assert all(len(v) == 1 for v in per_sheet.values())  # one table per sheet
    assert set(per_sheet) == {"Contents", "Notes", *table_sheets, *charts}  # a chart sheet holds its figures
    for sheet in book.worksheets:
        assert sheet["A1"].value, f"{sheet.title} has no title in A1"
        assert not sheet.merged_cells.ranges
    assert book.active.title == "Cover"


def test_no_formulas_and_no_links_from_data(workbook_bytes):
    data, _ = workbook_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name
    book, tables = read_tables(data)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if cell.hyperlink is not None:
                    assert sheet.title == "Contents" and cell.hyperlink.location
    districts = {row[0] for t in tables if t.headers[0] == "District" for row in t.rows}
    assert {h.strip() for h in HOSTILE} <= districts  # written verbatim (trimmed), as text


def test_no_count_cell_from_1_to_7(workbook_bytes):
    data, _ = workbook_bytes
    _, tables = read_tables(data)
    checked = 0
    for table in tables:
        for j, header in enumerate(table.headers):
            if not is_people_count(header):
                continue
            for row in table.rows:
                value = row[j]
                assert isinstance(value, str) and value in ("[c]", "[x]", "[z]") or (
                    isinstance(value, (int, float)) and (value == 0 or (value >= 10 and value % 5 == 0))
                ), (table.title, header, value)
                checked += 1
    assert checked > 1000


def test_no_blank_cells_and_symbols_are_text(workbook_bytes):
    data, _ = workbook_bytes
    _, tables = read_tables(data)
    for table in tables:
        measures = [j for j in range(len(table.headers)) if j not in dimension_columns(table)]
        for row in table.rows:
            for j in measures:
                assert row[j] is not None and row[j] != "", (table.title, table.headers[j])
                if isinstance(row[j], str):
                    assert row[j] in ("[c]", "[x]", "[z]")


def test_notes_are_referenced_and_defined(workbook_bytes):
    data, _ = workbook_bytes
    book, tables = read_tables(data)
    notes = next(t for t in tables if t.name == "notes")
    defined = {row[0] for row in notes.rows}
    referenced = set()
    for sheet in book.worksheets:
        if sheet.title.startswith(("Table ", "Chart ")):
            refs = set(re.findall(r"\[(note \d+)\]", str(sheet["A1"].value)))
            assert refs, sheet.title
            referenced |= refs
        if sheet.title == "Cover":
            referenced |= {ref for row in sheet.iter_rows() for cell in row
                           for ref in re.findall(r"\[(note \d+)\]", str(cell.value or ""))}
    assert referenced == defined


def test_document_properties(workbook_bytes):
    data, _ = workbook_bytes
    book, _ = read_tables(data)
    assert book.properties.title == "Demo County adult social care workforce, 2025-26"
    assert book.properties.creator == "Care Workforce Returns"
    assert book.properties.created == datetime(2026, 3, 31)


def test_deterministic_bytes(workbook_bytes):
    data, protected = workbook_bytes
    again = write_workbook(tables=protected, council_name="Demo County", round_label="2025-26",
                           snapshot_date=date(2026, 3, 31), data_version="v42")
    assert again == data


@pytest.mark.parametrize(("council", "round_label", "name"), [
    ("Leicestershire", "2026-27", "leicestershire-workforce-2026-27.xlsx"),
    ("Leicestershire", "2026/27", "leicestershire-workforce-2026-27.xlsx"),
    ("Bath & North East Somerset", "2025-26", "bath-north-east-somerset-workforce-2025-26.xlsx"),
    ("../etc", "=1+1", "etc-workforce-1-1.xlsx"),
])
def test_workbook_filename(council, round_label, name):
    assert workbook_filename(council, round_label) == name
