"""Turning the bytes of one CSV or XLSX file into rows of text cells, each with the line it starts on.

Rules:
- CSV text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252;
  lines may end CRLF, LF or CR; quoted cells may hold commas and line breaks; a tab-separated file is accepted too.
- Line 1 is the header. A row's line number is the physical line it starts on, so a quoted cell holding a line
  break pushes the following rows down, exactly as a text editor counts them.
- Blank lines, and rows whose cells are all empty, are skipped (they keep their line numbers for the others).
- Every cell is stripped of surrounding spaces, and of a leading ' before = + - @ (the text marker downloads
  add so spreadsheets never run a cell as a formula). In a spreadsheet, whole numbers are written without ".0"
  and dates as DD/MM/YYYY, as they would appear in a CSV file saved from it.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time

from collection.ascwds.columns import WORKPLACE_COLUMNS, staff_header_ok

# Rows one upload may hold, per file: refused while reading, before anything heavy is done with the rows
MAX_STAFF_ROWS = 100_000
MAX_WORKPLACE_ROWS = 20_000

csv.field_size_limit(1_000_000)


class UnreadableFile(Exception):
    """Raised inside the reader; `read_upload` turns it into a FileProblem."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class RawTable:
    """One sheet or CSV file: its header cells and its data rows with the line each starts on."""

    source: str  # file name, "name.zip > member.csv" or "book.xlsx, sheet Staff"
    header: tuple[str, ...]
    lines: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]


def decode_text(data: bytes, *, name: str) -> str:
    """Decode CSV bytes: BOM-marked UTF-8/UTF-16 first, then strict UTF-8, then Windows-1252, then Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return _single_byte(body)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("file_not_text", f"{name} could not be read as text. Save it again as CSV.") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _single_byte(data)
    if "\x00" in text:
        raise UnreadableFile(
            "file_not_text",
            f"{name} is not a CSV text file (it contains binary data). Upload the ASC-WDS files saved as CSV, "
            "as an Excel .xlsx workbook, or both in one .zip file.",
        )
    return text


def _single_byte(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_csv_text(text: str, *, name: str) -> RawTable:
    """Split CSV text into header and rows, numbering each row by the physical line it starts on."""
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    _refuse_too_many_rows(text, delimiter=delimiter, name=name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: tuple[str, ...] | None = None
    lines: list[int] = []
    rows: list[tuple[str, ...]] = []
    previous_end = 0
    limit = 0
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if header is None:
                if not cells or not any(c.strip() for c in cells):
                    raise UnreadableFile("header_missing", _header_missing(name))
                header = tuple(c.strip() for c in cells)
                limit = row_limit(header)[0]
                continue
            stripped = tuple(map(str.strip, cells))
            if "\x00'" in "\x00" + "\x00".join(stripped):  # some cell starts with ' (else none can)
                stripped = tuple([c if c[:1] != "'" else _without_text_marker(c) for c in stripped])
            if not any(stripped):
                continue
            if len(rows) >= limit:
                raise too_many_rows(name, header)
            lines.append(start)
            rows.append(stripped)
    except csv.Error as exc:
        raise UnreadableFile(
            "file_not_csv",
            f"{name} could not be read as CSV near line {previous_end + 1} ({exc}). Check for a missing closing "
            "quote mark, then save the file again as CSV.",
        ) from exc
    if header is None:
        raise UnreadableFile("file_empty", f"{name} is empty. Upload the ASC-WDS file with its header line and rows.")
    return RawTable(source=name, header=header, lines=tuple(lines), rows=tuple(rows))


def _refuse_too_many_rows(text: str, *, delimiter: str, name: str) -> None:
    """Count the rows first, keeping none of them, and refuse a file over its row limit before it is read. A file
    with no more lines than its limit after the header cannot hold more rows than that (a row is at least one line),
    so only a file with more lines is counted row by row."""
    try:
        first = tuple(next(csv.reader([text.split("\n", 1)[0]], delimiter=delimiter), ()))
    except csv.Error:
        first = None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if first is not None and lines - 1 <= row_limit(first)[0]:  # the header takes a line
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header, limit, count = None, 0, 0
    try:
        for cells in reader:
            if header is None:
                header = tuple(c.strip() for c in cells)
                limit = row_limit(header)[0]
            elif any(c.strip() for c in cells):
                count += 1
                if count > limit:
                    raise too_many_rows(name, header)
    except csv.Error:
        return  # the reading pass says what is wrong with it


def row_limit(header: tuple[str, ...]) -> tuple[int, str]:
    """How many rows a file with this header may hold, and what they are called."""
    normalised = tuple(cell.strip().strip("\ufeff").strip().upper() for cell in header)
    if normalised == WORKPLACE_COLUMNS:
        return MAX_WORKPLACE_ROWS, "workplace"
    if staff_header_ok(normalised):
        return MAX_STAFF_ROWS, "staff"
    return max(MAX_STAFF_ROWS, MAX_WORKPLACE_ROWS), "data"


def too_many_rows(name: str, header: tuple[str, ...]) -> UnreadableFile:
    limit, what = row_limit(header)
    return UnreadableFile(
        "file_too_many_rows",
        f"{name} has more than {limit:,} {what} rows. One upload can hold at most {limit:,} {what} rows: split "
        "the file (for example by workplace) and upload each part separately. Nothing from this upload was saved.",
    )


def _without_text_marker(cell: str) -> str:
    """'=... -> =...: the ' our own downloads put before text that would otherwise start a formula."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
        return cell[1:]
    return cell


def _header_missing(name: str) -> str:
    return (
        f"The first line of {name} is blank. Line 1 must be the ASC-WDS header line (the column names), "
        "with the data starting on line 2."
    )


def spreadsheet_cell(value: object) -> str:
    """The text a spreadsheet cell would have in a CSV file saved from it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(data: bytes, *, name: str) -> list[RawTable]:
    """Every non-empty sheet of an .xlsx workbook as a table; the caller decides which sheets are ASC-WDS files."""
    import openpyxl  # imported here: CSV-only uploads never pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or fake workbook
        raise UnreadableFile(
            "spreadsheet_unreadable",
            f"{name} looks like an Excel file but could not be opened. Open it in Excel and save it again as "
            ".xlsx or as CSV.",
        ) from exc
    tables: list[RawTable] = []
    try:
        for sheet in book.worksheets:
            table = _sheet_table(sheet, source=f"{name}, sheet {sheet.title}")
            if table is not None:
                tables.append(table)
    except UnreadableFile:
        raise
    except Exception as exc:
        raise UnreadableFile(
            "spreadsheet_unreadable",
            f"{name} could not be read ({type(exc).__name__}). Open it in Excel and save it again as .xlsx or CSV.",
        ) from exc
    finally:
        book.close()
    if not tables:
        raise UnreadableFile("file_empty", f"{name} has no rows. Upload the ASC-WDS file with its header and rows.")
    return tables


def _sheet_table(sheet: object, *, source: str) -> RawTable | None:
    header: tuple[str, ...] | None = None
    lines: list[int] = []
    rows: list[tuple[str, ...]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        cells = tuple(spreadsheet_cell(v) for v in values)
        if header is None:
            if any(cells):
                header = _trim(cells)
            continue
        if not any(cells):
            continue
        if len(rows) >= row_limit(header)[0]:
            raise too_many_rows(source, header)
        lines.append(number)
        rows.append(_trim(cells, keep=len(header)))
    if header is None:
        return None
    return RawTable(source=source, header=header, lines=tuple(lines), rows=tuple(rows))


def _trim(cells: tuple[str, ...], *, keep: int = 0) -> tuple[str, ...]:
    """Drop empty cells from the right, but never below `keep` cells (spreadsheets pad rows with empties)."""
    end = len(cells)
    while end > keep and not cells[end - 1]:
        end -= 1
    return cells[:end]
