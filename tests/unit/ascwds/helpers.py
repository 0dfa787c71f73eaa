"""Small helpers for the ASC-WDS upload tests: valid synthetic files, and editing one cell of them."""

from __future__ import annotations

import csv
import io
from datetime import date

from collection.ascwds import ExistingData, UploadResult, read_upload, validate_upload
from collection.ascwds.problems import FileProblem
from collection.ascwds.synthetic import synthetic_files

SNAPSHOT = date(2026, 3, 31)


def valid_files(*, workplaces: int = 2, staff: int = 6, seed: int = 7) -> tuple[bytes, bytes]:
    return synthetic_files(workplaces=workplaces, staff=staff, seed=seed)


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def with_cells(data: bytes, line: int, **cells: str) -> bytes:
    """The file with some cells of one line (line 2 = first data row) replaced."""
    rows = rows_of(data)
    header = rows[0]
    for column, value in cells.items():
        rows[line - 1][header.index(column)] = value
    return to_csv(rows)


def check(workplace: bytes, staff: bytes, *, existing: ExistingData | None = None, rules=None) -> UploadResult:
    files = read_upload([("workplace.csv", workplace), ("staff.csv", staff)])
    assert not isinstance(files, FileProblem), files
    return validate_upload(files, existing=existing or ExistingData(), snapshot_date=SNAPSHOT, rules=rules)


def found(result: UploadResult) -> set[tuple[str, int, str, str]]:
    return {(p.file, p.line, p.column, p.code) for p in result.errors + result.warnings}
