"""`read_upload`: from the uploaded (filename, bytes) pairs to one workplace table and one staff table.

Rules:
- Each uploaded file may be a CSV file, an .xlsx workbook (every sheet is looked at) or a .zip holding them.
  The content decides, not the file name: a file named .xlsx that is not a workbook is refused.
- Each file must be under 20 MB. A zip may hold at most 10 files, none bigger than 20 MB once unpacked, and
  none packed more than 100 times smaller than its real size (a "zip bomb"); zips inside zips are refused.
- The exact ASC-WDS header line (ASCWDS.md 3.2, 3.3) decides which file is the workplace file and which the
  staff file. Exactly one of each is needed. Training files are not collected by this service.
- Anything that stops a file being read gives one FileProblem with one clear message, and nothing else.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from collection.ascwds.columns import (
    STAFF_COLUMNS,
    TRAINING_FIRST_COLUMNS,
    WORKPLACE_COLUMNS,
    first_difference,
    staff_header_ok,
)
from collection.ascwds.problems import FileKind, FileProblem
from collection.ascwds.tables import RawTable, UnreadableFile, decode_text, read_csv_text, read_xlsx

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 10
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_ZIP_RATIO = 100
MAX_XLSX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_XLSX_RATIO = 200

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Table:
    """One ASC-WDS file, recognised by its header."""

    kind: FileKind
    source: str
    header: tuple[str, ...]
    lines: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class UploadFiles:
    workplace: Table
    staff: Table


def read_upload(files: Sequence[tuple[str, bytes]]) -> UploadFiles | FileProblem:
    """Read the uploaded files into one workplace table and one staff table, or say why they cannot be read."""
    tables: list[RawTable] = []
    try:
        if not files:
            raise UnreadableFile(
                "files_missing", "No files were uploaded. Upload the ASC-WDS workplace and staff files."
            )
        for name, data in files:
            tables.extend(_read_one(name or "the uploaded file", data, inside_zip=False))
        return _classify(tables)
    except UnreadableFile as exc:
        return FileProblem(code=exc.code, message=exc.message, filename=_name_hint(exc, files))


def _name_hint(exc: UnreadableFile, files: Sequence[tuple[str, bytes]]) -> str:
    for name, _ in files:
        if name and name in exc.message:
            return name
    return ""


def _read_one(name: str, data: bytes, *, inside_zip: bool) -> list[RawTable]:
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            "file_too_large",
            f"{name} is {len(data) / 1024 / 1024:.1f} MB. Each file must be under 20 MB. Split the staff file "
            "by workplace, or upload the files inside a .zip.",
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableFile("file_empty", f"{name} is empty. Upload the ASC-WDS file with its header line and rows.")
    lower = name.lower()
    if data.startswith(_ZIP_MAGIC) or data.startswith(_EMPTY_ZIP_MAGIC):
        archive = _open_zip(name, data)
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            _check_members(name, archive, limit=MAX_XLSX_UNPACKED_BYTES, ratio=MAX_XLSX_RATIO, per_file=False)
            return read_xlsx(data, name=name)
        if lower.endswith((".xlsx", ".xlsm")) or "[Content_Types].xml" in names:
            raise UnreadableFile("spreadsheet_not_xlsx", _not_a_spreadsheet(name, "a different kind of document"))
        if inside_zip:
            raise UnreadableFile("zip_nested", f"{name} is a zip inside a zip. Put the CSV files directly in one zip.")
        return _read_zip(name, archive)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            "spreadsheet_old_format",
            f"{name} is an old-style Excel 97-2003 (.xls) file or another Office document. Open it in Excel and "
            "save it as .xlsx (Excel Workbook) or CSV, then upload it again.",
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFile("spreadsheet_not_xlsx", _not_a_spreadsheet(name, "a PDF document"))
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods", ".zip")):
        raise UnreadableFile("spreadsheet_not_xlsx", _not_a_spreadsheet(name, "not the file type its name says"))
    return [read_csv_text(decode_text(data, name=name), name=name)]


def _not_a_spreadsheet(name: str, what: str) -> str:
    return (
        f"{name} is {what}, not an ASC-WDS file. Upload the workplace and staff files as CSV, as an Excel "
        ".xlsx workbook, or both in one .zip file."
    )


def _open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableFile(
            "zip_unreadable", f"{name} is a damaged zip file. Make the zip again, or upload the CSV files directly."
        ) from exc


def _check_members(name: str, archive: zipfile.ZipFile, *, limit: int, ratio: int, per_file: bool) -> None:
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise UnreadableFile("zip_encrypted", f"{name} is password-protected. Upload it without a password.")
        total += info.file_size
        too_big = info.file_size > MAX_MEMBER_BYTES if per_file else total > limit
        packed_hard = info.file_size > 1024 * 1024 and info.file_size > ratio * max(info.compress_size, 1)
        if too_big or packed_hard:
            raise UnreadableFile(
                "zip_too_large",
                f"{name} unpacks to far more data than an ASC-WDS upload can hold ({info.filename} alone is "
                f"{info.file_size / 1024 / 1024:.0f} MB). Upload the CSV files themselves, each under 20 MB.",
            )


def _read_zip(name: str, archive: zipfile.ZipFile) -> list[RawTable]:
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not info.filename.split("/")[-1].startswith(".")
    ]
    if not members:
        raise UnreadableFile("file_empty", f"{name} is an empty zip file. Put the workplace and staff files in it.")
    if len(members) > MAX_ZIP_MEMBERS:
        raise UnreadableFile(
            "zip_too_many_files",
            f"{name} holds {len(members)} files. A zip may hold at most {MAX_ZIP_MEMBERS}: the workplace and staff files.",
        )
    _check_members(name, archive, limit=MAX_MEMBER_BYTES, ratio=MAX_ZIP_RATIO, per_file=True)
    tables: list[RawTable] = []
    for info in members:
        member_name = f"{name} > {info.filename}"
        try:
            with archive.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
            raise UnreadableFile(
                "zip_unreadable", f"{member_name} could not be unpacked. Make the zip again with standard settings."
            ) from exc
        tables.extend(_read_one(member_name, data, inside_zip=True))
    return tables


def _normalise(header: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(cell.strip().strip("\ufeff").strip().upper() for cell in header)


def _classify(tables: list[RawTable]) -> UploadFiles:
    found: dict[str, Table] = {}
    unrecognised: list[tuple[RawTable, str]] = []
    for raw in tables:
        header = _normalise(raw.header)
        kind: FileKind | None = None
        if header == WORKPLACE_COLUMNS:
            kind = "workplace"
        elif staff_header_ok(header):
            kind = "staff"
        elif header[:3] == TRAINING_FIRST_COLUMNS:
            raise UnreadableFile(
                "training_file_not_collected",
                f"{raw.source} is an ASC-WDS training file. This service does not collect training records: "
                "upload only the workplace and staff files.",
            )
        if kind is None:
            unrecognised.append((raw, _header_message(raw.source, header)))
            continue
        if kind in found:
            raise UnreadableFile(
                "file_duplicate",
                f"{found[kind].source} and {raw.source} are both {kind} files. Upload one workplace file and one "
                "staff file.",
            )
        found[kind] = Table(kind=kind, source=raw.source, header=header, lines=raw.lines, rows=raw.rows)
    for raw, message in unrecognised:
        if "sheet" not in raw.source or not found:
            raise UnreadableFile("header_wrong", message)
    if "workplace" not in found:
        raise UnreadableFile(
            "workplace_file_missing",
            "The workplace file is missing. Upload both the ASC-WDS workplace file and the staff file.",
        )
    if "staff" not in found:
        raise UnreadableFile(
            "staff_file_missing",
            "The staff file is missing. Upload both the ASC-WDS workplace file and the staff file.",
        )
    if not found["workplace"].rows:
        raise UnreadableFile(
            "file_no_rows", f"{found['workplace'].source} has a header line but no workplaces below it."
        )
    return UploadFiles(workplace=found["workplace"], staff=found["staff"])


def _header_message(source: str, header: tuple[str, ...]) -> str:
    if header[:2] == ("LOCALESTID", "STATUS"):
        expected, kind = WORKPLACE_COLUMNS, "workplace"
    elif header[:2] == ("LOCALESTID", "UNIQUEWORKERID"):
        expected, kind = STAFF_COLUMNS, "staff"
    else:
        workplace_overlap = len(set(header) & set(WORKPLACE_COLUMNS))
        staff_overlap = len(set(header) & set(STAFF_COLUMNS))
        if max(workplace_overlap, staff_overlap) < 3:
            return (
                f"The first line of {source} is not an ASC-WDS header line. Line 1 must be the column names of "
                "the ASC-WDS workplace file (starting LOCALESTID,STATUS) or staff file (starting "
                "LOCALESTID,UNIQUEWORKERID), exactly as in the ASC-WDS bulk upload format."
            )
        expected, kind = (
            (WORKPLACE_COLUMNS, "workplace") if workplace_overlap >= staff_overlap else (STAFF_COLUMNS, "staff")
        )
    return (
        f"The header line of {source} does not match the ASC-WDS {kind} file: {first_difference(header, expected)}. "
        "Use the header line exactly as ASC-WDS gives it (download the current files to get a correct copy)."
    )
