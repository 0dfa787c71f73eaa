"""read_upload: encodings, line ends, quoting, spreadsheets, zips, and one clear FileProblem per bad file."""

import io
import zipfile

import openpyxl
import pytest

from collection.ascwds import FileProblem, UploadFiles, read_upload
from collection.ascwds.reader import MAX_FILE_BYTES
from tests.unit.ascwds.helpers import check, found, rows_of, to_csv, valid_files, with_cells

WP, ST = valid_files()


def _read(*files):
    return read_upload(list(files))


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("cp1252"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\r\n", "\n").encode("utf-8"),
        lambda t: t.replace("\r\n", "\r").encode("utf-8"),
        lambda t: (t + "\r\n\r\n,,,\r\n\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom", "lf", "cr", "trailing-blank-lines"],
)
def test_encodings_and_line_ends_read_the_same_rows(encode):
    workplace = with_cells(WP, 2, ESTNAME="Café Rosé, Hinckley")
    files = _read(("w.csv", encode(_text(workplace))), ("s.csv", encode(_text(ST))))
    assert isinstance(files, UploadFiles)
    assert files.workplace.rows[0][2] == "Café Rosé, Hinckley"
    assert files.workplace.lines == (2, 3)
    assert len(files.staff.rows) == 6


def test_stray_spaces_around_cells_and_header_are_ignored():
    rows = rows_of(WP)
    rows[0] = [f" {c} " for c in rows[0]]
    rows[1] = [f"  {c} " for c in rows[1]]
    result = check(to_csv(rows), ST)
    assert result.errors == ()


def test_quoted_cell_with_line_break_keeps_physical_line_numbers():
    workplace = with_cells(WP, 2, ESTNAME="Rose Court\nAnnexe, East")
    files = _read(("w.csv", workplace), ("s.csv", ST))
    assert files.workplace.lines == (2, 4)
    broken = with_cells(workplace, 3, ESTNAME="")
    result = check(broken, ST)
    assert ("workplace", 4, "ESTNAME", "estname_missing") in found(result)


def test_header_line_decides_the_file_kind_not_the_name_or_order():
    files = _read(("staff.csv", WP), ("workplace.csv", ST))
    assert isinstance(files, UploadFiles)
    assert files.workplace.source == "staff.csv"


def _xlsx(sheets: dict[str, bytes]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, data in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows_of(data):
            sheet.append([int(c) if c.isdigit() and len(c) < 6 else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_sheets_are_read_like_csv():
    files = _read(("upload.xlsx", _xlsx({"Workplace": WP, "Staff": ST})))
    assert isinstance(files, UploadFiles)
    from_csv = _read(("w.csv", WP), ("s.csv", ST))
    assert files.staff.rows == from_csv.staff.rows
    assert files.workplace.rows == from_csv.workplace.rows


def test_separate_xlsx_files_validate_cleanly():
    files = _read(("w.xlsx", _xlsx({"Sheet1": WP})), ("s.xlsx", _xlsx({"Sheet1": ST})))
    assert isinstance(files, UploadFiles)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_holding_both_files():
    files = _read(("upload.zip", _zip({"workplace.csv": WP, "staff.csv": ST, "__MACOSX/._x": b"junk"})))
    assert isinstance(files, UploadFiles)
    assert len(files.staff.rows) == 6


def _problem(*files) -> FileProblem:
    outcome = _read(*files)
    assert isinstance(outcome, FileProblem), outcome
    assert outcome.message
    return outcome


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([("w.csv", b"x" * (MAX_FILE_BYTES + 1)), ("s.csv", ST)], "file_too_large"),
        ([("w.csv", b""), ("s.csv", ST)], "file_empty"),
        ([("w.csv", b"\xef\xbb\xbf\r\n  \r\n"), ("s.csv", ST)], "file_empty"),
        ([("w.csv", b"\r\nLOCALESTID,STATUS\r\n"), ("s.csv", ST)], "header_missing"),
        ([("w.csv", b"NAME,ADDRESS\r\nA,B\r\n"), ("s.csv", ST)], "header_wrong"),
        ([("w.csv", WP.replace(b"ESTNAME", b"NAME", 1)), ("s.csv", ST)], "header_wrong"),
        ([("w.csv", WP)], "staff_file_missing"),
        ([("s.csv", ST)], "workplace_file_missing"),
        ([("w.csv", WP), ("w2.csv", WP), ("s.csv", ST)], "file_duplicate"),
        ([("w.csv", WP.split(b"\r\n")[0]), ("s.csv", ST)], "file_no_rows"),
        ([("w.xlsx", b"this is not a workbook"), ("s.csv", ST)], "spreadsheet_not_xlsx"),
        ([("w.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), ("s.csv", ST)], "spreadsheet_old_format"),
        ([("w.xlsx", b"%PDF-1.4 ..."), ("s.csv", ST)], "spreadsheet_not_xlsx"),
        ([("w.csv", b"\x00\x01\x02binary\x00"), ("s.csv", ST)], "file_not_text"),
        (
            [("t.csv", b"LOCALESTID,UNIQUEWORKERID,CATEGORY,TRAININGNAME\r\n"), ("w.csv", WP), ("s.csv", ST)],
            "training_file_not_collected",
        ),
        ([], "files_missing"),
    ],
)
def test_bad_files_give_one_clear_problem(files, code):
    assert _problem(*files).code == code


def test_fake_xlsx_zip_is_refused():
    fake = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
    assert _problem(("w.xlsx", fake), ("s.csv", ST)).code == "spreadsheet_not_xlsx"


def test_damaged_xlsx_is_refused():
    fake = _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<not really/>"})
    assert _problem(("w.xlsx", fake), ("s.csv", ST)).code == "spreadsheet_unreadable"


def test_zip_bomb_is_refused_before_unpacking():
    bomb = _zip({"workplace.csv": WP, "staff.csv": b"0" * (25 * 1024 * 1024)})
    assert len(bomb) < 100_000
    assert _problem(("upload.zip", bomb)).code == "zip_too_large"


def test_zip_with_too_many_files_is_refused():
    members = {f"f{i}.csv": WP for i in range(11)}
    assert _problem(("upload.zip", _zip(members))).code == "zip_too_many_files"


def test_zip_inside_zip_is_refused():
    inner = _zip({"workplace.csv": WP})
    assert _problem(("upload.zip", _zip({"inner.zip": inner, "staff.csv": ST}))).code == "zip_nested"


def test_wrong_header_message_names_the_column():
    problem = _problem(("w.csv", WP.replace(b"ESTNAME", b"NAME", 1)), ("s.csv", ST))
    assert "column 3 should be ESTNAME" in problem.message


def test_staff_header_accepts_optional_and_extra_qualification_columns():
    rows = rows_of(ST)
    at = rows[0].index("UNIQUEWORKERID") + 1
    rows = [r[:at] + [""] + r[at:] + ["", ""] for r in rows]
    rows[0][at] = "CHGUNIQUEWRKID"
    rows[0][-2:] = ["QUALACH04", "QUALACH04NOTES"]
    files = _read(("w.csv", WP), ("s.csv", to_csv(rows)))
    assert isinstance(files, UploadFiles)
