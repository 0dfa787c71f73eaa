"""The desk's list as an Excel file (xlsxwriter; text never becomes a formula)."""

from __future__ import annotations

import io

import xlsxwriter

from compliance.selectors.desk import EXPORT_HEADERS, DeskRow


def desk_workbook(rows: list[DeskRow], *, title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet("Compliance")
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "d mmmm yyyy"})
    sheet.write(0, 0, title, bold)
    sheet.write_row(2, 0, EXPORT_HEADERS, bold)
    for index, row in enumerate(rows, start=3):
        for column, value in enumerate(row.as_export_row()):
            if value is None or value == "":
                continue
            if hasattr(value, "isoformat"):
                sheet.write_datetime(index, column, value, day)
            else:
                sheet.write(index, column, value)
    sheet.set_column(0, len(EXPORT_HEADERS) - 1, 20)
    sheet.freeze_panes(3, 0)
    book.close()
    return buffer.getvalue()
