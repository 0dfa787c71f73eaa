"""Hostile uploads: zip bombs, entity-expansion XML inside .xlsx, a CSV far too big to read, and formula-looking
text flowing into every file the service writes. Each is refused with a clear message, or written as text."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest
import xlsxwriter
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict

from collection.ascwds import read_upload
from collection.ascwds.problems import FileProblem
from tests.unit.ascwds.helpers import rows_of, valid_files

MEMORY_LIMIT = 200 * 1024 * 1024
BOMB_BYTES = 300 * 1024 * 1024  # what the bomb unpacks to


def _zip_of_zeros(member: str, size: int) -> bytes:
    """A small zip (a few hundred KB) holding `member`, which unpacks to `size` bytes; built in chunks."""
    out = io.BytesIO()
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(member, "w", force_zip64=False) as handle:
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zip_of_zeros("staff.csv", BOMB_BYTES)


def _lying(archive: bytes, claimed: int) -> bytes:
    """The zip with its headers claiming the member unpacks to only `claimed` bytes."""
    data = bytearray(archive)
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = struct.pack("<I", claimed)
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", claimed)
    return bytes(data)


def _xlsx(rows: list[list[str]], sheet: str = "Staff") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            worksheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


def _with_member(xlsx: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, content if info.filename == name else source.read(info))
        if name not in source.namelist():
            archive.writestr(name, content)
    return out.getvalue()


def _measured(function):
    """(result, peak bytes allocated, seconds) for function()."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1], time.monotonic() - started
    finally:
        tracemalloc.stop()


WORKPLACE, STAFF = valid_files()


# --- zip bombs -------------------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_with_bounded_memory(bomb):
    assert len(bomb) < 2 * 1024 * 1024, "a small file"
    result, peak, seconds = _measured(lambda: read_upload([("bundle.zip", bomb), ("workplace.csv", WORKPLACE)]))
    assert isinstance(result, FileProblem) and result.code == "zip_too_large"
    assert "unpacks to far more data than an ASC-WDS upload can hold" in result.message
    assert peak < MEMORY_LIMIT and seconds < 5, (peak, seconds)


def test_a_zip_bomb_that_lies_about_its_size_is_refused_with_bounded_memory(bomb):
    """Headers claim 1 KB; the reader never unpacks more than the per-file limit, then refuses it."""
    result, peak, _ = _measured(lambda: read_upload([("bundle.zip", _lying(bomb, 1024))]))
    assert isinstance(result, FileProblem)
    assert result.code in {"zip_unreadable", "file_too_large", "zip_too_large"}, result
    assert peak < MEMORY_LIMIT, peak


def test_an_xlsx_bomb_is_refused_with_bounded_memory(bomb):
    """A real workbook with one member that unpacks to 300 MB (the bomb's, appended without unpacking it)."""
    out = io.BytesIO(bomb)
    workbook = zipfile.ZipFile(io.BytesIO(_xlsx(rows_of(STAFF))))
    with zipfile.ZipFile(out, "a") as archive:
        for info in workbook.infolist():
            archive.writestr(info, workbook.read(info))
    result, peak, _ = _measured(lambda: read_upload([("staff.xlsx", out.getvalue()), ("workplace.csv", WORKPLACE)]))
    assert isinstance(result, FileProblem) and result.code == "zip_too_large", result
    assert "staff.xlsx unpacks to far more data" in result.message
    assert peak < MEMORY_LIMIT, peak


# --- entity expansion ("billion laughs") inside an .xlsx ----------------------------------------------------------

LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
) + "]>"


def _laughing(member: str, replace: tuple[str, str]) -> bytes:
    workbook = _xlsx(rows_of(STAFF))
    text = zipfile.ZipFile(io.BytesIO(workbook)).read(member).decode()
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    assert replace[0] in body
    return _with_member(workbook, member, (LAUGHS + body.replace(replace[0], replace[1], 1)).encode())


@pytest.mark.parametrize(
    ("member", "replace"),
    [
        ("xl/sharedStrings.xml", ("<t>", "<t>&lol9;")),
        ("xl/workbook.xml", ("<sheet ", '<sheet x="&lol9;" ')),
        ("xl/worksheets/sheet1.xml", ('<c r="A1"', '<c r="A1" x="&lol9;"')),
    ],
)
def test_entity_expansion_inside_an_xlsx_is_refused_with_bounded_memory(member, replace):
    hostile = _laughing(member, replace)
    result, peak, seconds = _measured(lambda: read_upload([("staff.xlsx", hostile), ("workplace.csv", WORKPLACE)]))
    assert isinstance(result, FileProblem) and result.code == "spreadsheet_unreadable", result
    assert "staff.xlsx" in result.message and "save it again as .xlsx" in result.message
    assert peak < MEMORY_LIMIT and seconds < 10, (peak, seconds)


def test_the_xml_parser_limits_entity_expansion():
    """The protection above comes from libexpat's amplification limit (2.4+) or defusedxml; a deployment on an
    older libexpat without defusedxml would be open to entity expansion."""
    import pyexpat

    from openpyxl.xml import DEFUSEDXML

    major, minor, _ = pyexpat.version_info
    assert DEFUSEDXML or (major, minor) >= (2, 4), pyexpat.EXPAT_VERSION


# --- a CSV far too big: refused by its size, never read ------------------------------------------------------------

ROW = b"WP07001,WP07001-S00001,NEW,Staff 00001,,LE11 3TU,02/10/1963,2,34,826,,826,,0,1,,1,,,19/11/2022,2018\r\n"


class TenMillionRowCsv(UploadedFile):
    """A 10-million-row CSV as the upload handler would present it: its size is known, its rows are made only if
    somebody reads it (which the test forbids)."""

    ROWS = 10_000_000

    def __init__(self):
        super().__init__(file=None, name="staff.csv", content_type="text/csv", size=len(ROW) * self.ROWS)
        self.reads = 0

    def _rows(self):
        self.reads += 1
        raise AssertionError("the 10-million-row file was read before its size was checked")

    def read(self, *args):
        return self._rows()

    def chunks(self, chunk_size=None):
        return self._rows()

    def __iter__(self):
        return self._rows()

    def open(self, mode=None):
        return self


def test_a_ten_million_row_csv_is_refused_by_its_size_in_the_web_form(world):
    from uploads.forms import UploadForm
    from uploads.selectors import rounds_for

    huge = TenMillionRowCsv()
    assert huge.size > 900 * 1024 * 1024
    form = UploadForm({}, MultiValueDict({"files": [huge]}), rounds=rounds_for(world.org_a))
    assert not form.is_valid()
    assert form.errors["files"] == ["staff.csv must be smaller than 20 MB"]
    assert huge.reads == 0


def test_a_ten_million_row_csv_is_refused_by_its_size_in_the_api(world):
    from api.apis.uploads import UploadCreateApi

    serializer_class = UploadCreateApi.InputSerializer
    huge = TenMillionRowCsv()
    serializer = serializer_class(data={"staff_file": huge})
    assert not serializer.is_valid()
    assert "20 MB" in str(serializer.errors)
    assert huge.reads == 0
