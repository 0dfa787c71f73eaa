"""Read a produced workbook back with openpyxl, the way an analyst (or an attacker) would."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import load_workbook


@dataclass
class SheetTable:
    sheet: str
    name: str
    title: str
    headers: list[str]
    rows: list[list[object]]


def read_tables(data: bytes) -> tuple[object, list[SheetTable]]:
    book = load_workbook(io.BytesIO(data))
    tables = []
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            name = table.name
            cells = [[c.value for c in row] for row in sheet[table.ref]]
            tables.append(SheetTable(sheet.title, name, str(sheet["A1"].value), [str(h) for h in cells[0]], cells[1:]))
    return book, tables


def is_people_count(header: str) -> bool:
    """Columns that count people (rule 1) or sum a quantity about them (FTE)."""
    return header.endswith(("(headcount)", "(count)", "(FTE)"))


def dimension_columns(table: SheetTable) -> list[int]:
    return [j for j, header in enumerate(table.headers) if not header.endswith(")")]
