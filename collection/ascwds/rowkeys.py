"""Reading the reference and STATUS cells every row starts with, shared by the workplace and staff passes.

Rules: LOCALESTID and UNIQUEWORKERID are required and under 50 characters, and are matched with all whitespace
removed (as ASC-WDS does). STATUS is NEW, UPDATE, NOCHANGE, UNCHECKED or DELETE (any letter case); NEW must not
exist yet, the others must exist. A line with more cells than the header is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collection.ascwds.cells import Row
from collection.ascwds.result import WorkplacePlan
from collection.rules.records import WorkplaceData, WorkplaceSectionData

STATUSES = ("NEW", "UPDATE", "NOCHANGE", "UNCHECKED", "DELETE")
MAX_REF = 50


def ref(value: str) -> str:
    """A reference as matched: all whitespace removed."""
    return "".join(value.split())


@dataclass
class WorkplaceRow:
    """What the staff pass and the cross-file rules need to know about one workplace row."""

    row: Row
    status: str
    workplace: WorkplaceData | None
    section: WorkplaceSectionData | None
    staff_rows: int = 0
    has_registered_manager: bool = False
    plan: WorkplacePlan | None = field(default=None)


def key_columns(row: Row, column: str, *, what: str) -> str:
    """Check a reference cell (required, under 50 characters); return its matching key or "" when unusable."""
    key = ref(row.get(column))
    if not key:
        row.add(column, f"{column.lower()}_missing", f"{column} is required. Enter the {what} reference.")
        return ""
    if len(key) >= MAX_REF:
        row.add(
            column, f"{column.lower()}_too_long", f"{column} must be under {MAX_REF} characters. Shorten the reference."
        )
        return ""
    return key


def status_of(row: Row) -> str:
    value = row.get("STATUS").upper()
    if value in STATUSES:
        return value
    row.add(
        "STATUS",
        "status_missing" if not value else "status_invalid",
        "STATUS must be NEW, UPDATE, NOCHANGE, UNCHECKED or DELETE.",
    )
    return ""


def check_width(row: Row, header_width: int) -> None:
    if len(row.cells) > header_width:
        row.add(
            "LOCALESTID",
            "row_too_many_cells",
            "This line has more cells than the header line. Check for a comma inside a value that is not in quote "
            "marks, or a missing closing quote mark.",
            value=f"{len(row.cells)} cells",
        )


def existence(row: Row, *, status: str, exists: bool, what: str) -> None:
    if status == "NEW" and exists:
        row.add(
            "STATUS",
            "status_new_exists",
            f"STATUS is NEW but this {what} already exists. Use UPDATE to change it or NOCHANGE to keep it.",
        )
    elif status != "NEW" and not exists:
        row.add(
            "STATUS",
            "status_not_found",
            f"STATUS is {status} but there is no such {what} yet. Use NEW to add it, or check the reference.",
        )
