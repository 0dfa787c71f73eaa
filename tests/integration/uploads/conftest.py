"""Shared pieces for the bulk-upload tests: the sample files, a round, and files with one cell changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.uploads import UploadRoundFactory
from tests.unit.ascwds.helpers import rows_of, to_csv, with_cells  # noqa: F401  (re-exported for the tests)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ascwds"


def sample(name: str) -> tuple[bytes, bytes]:
    folder = FIXTURES / name
    return (folder / "workplace.csv").read_bytes(), (folder / "staff.csv").read_bytes()


def without_lines(data: bytes, *lines: int) -> bytes:
    """The file without some lines (line 2 = first data row)."""
    return to_csv([row for number, row in enumerate(rows_of(data), start=1) if number not in lines])


@pytest.fixture
def upload_round(db):
    return UploadRoundFactory()


def unchecked(data: bytes) -> bytes:
    """The file with STATUS UNCHECKED on every line (what a download gives)."""
    rows = rows_of(data)
    column = rows[0].index("STATUS")
    for row in rows[1:]:
        row[column] = "UNCHECKED"
    return to_csv(rows)
