"""The analyst workbook: protected tables in, XLSX bytes out (EXPORTS.md rules 10-13). No Django.

Layout (Analysis Function "Releasing statistics in spreadsheets"): Cover, Contents, Notes, then one sheet per table
("Table 1", ...), each with its title in A1 (with its `[note n]` references), short descriptive lines in column A,
and one named Excel table (one header row, units in the headers, no merged cells, no blank rows or columns);
a chart sheet ("Chart 1", ...) follows a table that has a chart. Shorthand `[c]`, `[x]`, `[z]` is written as text.

Safety: only `ProtectedTable`s are accepted (built by exports.disclosure only). Every string is written with
`write_string`, and the workbook is opened with `strings_to_formulas=False` and `strings_to_urls=False`, so no
formula or hyperlink is ever made from data (the only links are the contents sheet's links to our own sheet
names). Deterministic: the document's created date is the round's snapshot date and XlsxWriter fixes the zip
timestamps, so the same input gives byte-identical output.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime, time

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from exports.disclosure.notes import NOTES
from exports.disclosure.tables import CONFIDENTIAL, NOT_APPLICABLE, NOT_AVAILABLE, Kind, ProtectedTable, Rounding

AUTHOR = "Care Workforce Returns"
TABLE_FIRST_ROW = 4  # 0-based: A1 title, A2 description, A3 source, A4 shorthand line, table header on row 5
MAX_COLUMN_WIDTH = 60


def workbook_filename(council_name: str, round_label: str) -> str:
    """Lower-case, hyphenated file name with the period in it: ("Leicestershire", "2026/27") ->
    "leicestershire-workforce-2026-27.xlsx"."""
    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

    return f"{slug(council_name) or 'council'}-workforce-{slug(round_label) or 'round'}.xlsx"


def write_workbook(
    *, tables: Sequence[ProtectedTable], council_name: str, round_label: str, snapshot_date: date, data_version: str
) -> bytes:
    """Write the workbook and return its bytes. Raises TypeError for anything that is not a ProtectedTable."""
    for table in tables:
        if not isinstance(table, ProtectedTable):
            raise TypeError(f"write_workbook accepts only ProtectedTable, not {type(table).__name__}")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    title = f"{council_name} adult social care workforce, {round_label}"
    created = datetime.combine(snapshot_date, time(0, 0))
    book.set_properties({
        "title": title, "subject": "Aggregated, disclosure-controlled workforce statistics", "author": AUTHOR,
        "company": council_name, "category": "Statistics", "keywords": "adult social care, workforce, statistics",
        "comments": f"Round {round_label}; snapshot {snapshot_date.isoformat()}; data version {data_version}",
        "created": created,
    })
    book.set_custom_property("Language", "en-GB")
    book.set_custom_property("Data version", data_version)
    book.set_custom_property("Round", round_label)
    formats = _Formats(book)
    note_numbers = _note_numbers(tables)
    sheet_names = _sheet_names(tables)
    cover = book.add_worksheet("Cover")
    _cover(cover, formats, title=title, round_label=round_label, snapshot_date=snapshot_date,
           data_version=data_version, table_count=len(tables))
    _contents(book.add_worksheet("Contents"), formats, tables, sheet_names, note_numbers)
    _notes(book.add_worksheet("Notes"), formats, note_numbers)
    for number, table in enumerate(tables, start=1):
        sheet_name, chart_name = sheet_names[number - 1]
        sheet = book.add_worksheet(sheet_name)
        _table_sheet(sheet, formats, table, number=number, notes=note_numbers, round_label=round_label,
                     snapshot_date=snapshot_date)
        if chart_name:
            _chart_sheet(book, book.add_worksheet(chart_name), formats, table, sheet_name)
    cover.activate()
    book.close()
    return buffer.getvalue()


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.text = book.add_format({"text_wrap": False})
        self.symbol = book.add_format({"align": "right"})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.link = book.add_format({"font_color": "#1D70B8", "underline": 1})
        self.number = {
            "count": book.add_format({"num_format": "#,##0"}),
            "int": book.add_format({"num_format": "0"}),
            "one_dp": book.add_format({"num_format": "0.0"}),
            "penny": book.add_format({"num_format": "#,##0.00"}),
            "pounds": book.add_format({"num_format": "#,##0"}),
        }

    def for_value(self, kind: Kind | None, rounding: Rounding | None, value: float) -> object:
        if kind in (Kind.COUNT, Kind.SUM, Kind.UNITS):
            return self.number["count"]
        if kind in (Kind.AVERAGE, Kind.PERCENTILE):
            return self.number[{Rounding.PENNY: "penny", Rounding.HUNDRED: "pounds"}.get(rounding, "one_dp")]
        return self.number["int"] if float(value).is_integer() else self.number["one_dp"]


def _note_numbers(tables: Sequence[ProtectedTable]) -> dict[str, int]:
    used = {key for table in tables for key in table.notes} | {"symbols"}
    return {key: i for i, key in enumerate((k for k in NOTES if k in used), start=1)}


def _sheet_names(tables: Sequence[ProtectedTable]) -> list[tuple[str, str | None]]:
    names = []
    charts = 0
    for number, table in enumerate(tables, start=1):
        chart = None
        if table.chart is not None and _chart_rows(table):
            charts += 1
            chart = f"Chart {charts}"
        names.append((f"Table {number}", chart))
    return names


def _refs(keys: Sequence[str], numbers: dict[str, int]) -> str:
    return " ".join(f"[note {numbers[k]}]" for k in keys if k in numbers)


def _cover(sheet: Worksheet, f: _Formats, *, title: str, round_label: str, snapshot_date: date, data_version: str,
           table_count: int) -> None:
    lines = [
        ("About these statistics", f.heading),
        ("Aggregated statistics about the adult social care workforce employed by providers that hold contracts "
         "with the council, from the annual workforce returns those providers submitted.", f.text),
        (f"Collection round: {round_label}. Snapshot date: {snapshot_date.isoformat()}.", f.text),
        (f"Data version: {data_version}. The same data always gives the same file.", f.text),
        (f"This workbook holds {table_count} tables, listed on the Contents sheet. The Notes sheet explains "
         "every note referred to as [note n].", f.text),
        ("Confidentiality", f.heading),
        ("Figures are protected so that no individual or single provider can be identified. [c] means the figure "
         "is hidden to protect confidentiality. Counts from 1 to 7 are hidden and all other counts are rounded to "
         "the nearest 5, so totals may not add up. [x] means not available; [z] means not applicable.", f.text),
        ("Source", f.heading),
        ("Annual workforce returns (ASC-WDS data items) submitted or accepted for this round.", f.text),
    ]
    sheet.write_string(0, 0, title, f.title)
    for row, (text, fmt) in enumerate(lines, start=2):
        sheet.write_string(row, 0, text, fmt)
    sheet.set_column(0, 0, 120)


def _contents(sheet: Worksheet, f: _Formats, tables: Sequence[ProtectedTable], names: list[tuple[str, str | None]],
              notes: dict[str, int]) -> None:
    sheet.write_string(0, 0, "Contents", f.title)
    sheet.write_string(1, 0, "This worksheet contains one table. Each link opens the sheet it names.", f.text)
    rows: list[tuple[str, str, str]] = []
    for table, (sheet_name, chart_name) in zip(tables, names, strict=True):
        rows.append((sheet_name, table.title, _refs(table.notes, notes)))
        if chart_name and table.chart is not None:
            rows.append((chart_name, f"Chart: {table.chart.title}", ""))
    first = 2
    sheet.add_table(first, 0, first + len(rows), 2, {
        "name": "contents", "autofilter": False, "style": "Table Style Light 1",
        "columns": [{"header": "Sheet name"}, {"header": "Title"}, {"header": "Notes"}],
    })
    for i, (sheet_name, text, refs) in enumerate(rows, start=first + 1):
        sheet.write_url(i, 0, f"internal:'{sheet_name}'!A1", f.link, string=sheet_name)
        sheet.write_string(i, 1, text, f.text)
        sheet.write_string(i, 2, refs, f.text)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 90)
    sheet.set_column(2, 2, 30)


def _notes(sheet: Worksheet, f: _Formats, notes: dict[str, int]) -> None:
    sheet.write_string(0, 0, "Notes", f.title)
    sheet.write_string(1, 0, "This worksheet contains one table. Tables refer to these notes as [note n].", f.text)
    first = 2
    sheet.add_table(first, 0, first + len(notes), 1, {
        "name": "notes", "autofilter": False, "style": "Table Style Light 1",
        "columns": [{"header": "Note number"}, {"header": "Note text"}],
    })
    for i, (key, number) in enumerate(notes.items(), start=first + 1):
        sheet.write_string(i, 0, f"note {number}", f.text)
        sheet.write_string(i, 1, NOTES[key], f.text)
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 150)


def _table_sheet(sheet: Worksheet, f: _Formats, table: ProtectedTable, *, number: int, notes: dict[str, int],
                 round_label: str, snapshot_date: date) -> None:
    sheet.write_string(0, 0, f"Table {number}: {table.title} {_refs((*table.notes, 'symbols'), notes)}", f.title)
    sheet.write_string(1, 0, table.description, f.text)
    sheet.write_string(2, 0, f"Source: annual workforce returns, round {round_label}, snapshot "
                             f"{snapshot_date.isoformat()}.", f.text)
    sheet.write_string(3, 0, "This worksheet contains one table. Some cells hold shorthand: [c] confidential, "
                             "[x] not available, [z] not applicable.", f.text)
    first = TABLE_FIRST_ROW
    last_row = first + max(len(table.rows), 1)
    sheet.add_table(first, 0, last_row, len(table.headers) - 1, {
        "name": f"table_{table.key}", "autofilter": False, "style": "Table Style Light 1",
        "description": table.title,
        "columns": [{"header": h} for h in table.headers],
    })
    widths = [len(h) for h in table.headers]
    for i, row in enumerate(table.rows, start=first + 1):
        for j, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(i, j, value, f.symbol if value in (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE)
                                   else f.text)
                widths[j] = max(widths[j], len(value))
            else:
                sheet.write_number(i, j, value, f.for_value(table.kinds[j], table.roundings[j], value))
    for j, width in enumerate(widths):
        is_dimension = table.kinds[j] is None
        sheet.set_column(j, j, min(MAX_COLUMN_WIDTH, width + 2) if is_dimension else min(24, max(12, width // 2 + 2)))
    sheet.set_row(first, 45)


def _chart_rows(table: ProtectedTable) -> tuple[int, int] | None:
    """First and last row index of the chart's categories (contiguous rows where every other dimension is at its
    total), or None when there are none."""
    chart = table.chart
    if chart is None or chart.category not in table.dimension_keys:
        return None
    column = table.dimension_keys.index(chart.category)
    rows = [
        i for i, row in enumerate(table.rows)
        if row[column] != table.totals[column]
        and all(row[j] == table.totals[j] for j in range(len(table.dimension_keys)) if j != column)
    ]
    if not rows or rows != list(range(rows[0], rows[-1] + 1)):
        return None
    return rows[0], rows[-1]


def _chart_sheet(book: Workbook, sheet: Worksheet, f: _Formats, table: ProtectedTable, table_sheet: str) -> None:
    chart_spec = table.chart
    span = _chart_rows(table)
    assert chart_spec is not None and span is not None
    category_col = table.dimension_keys.index(chart_spec.category)
    value_col = len(table.dimension_keys) + table.measure_names.index(chart_spec.value)
    first, last = (TABLE_FIRST_ROW + 1 + span[0], TABLE_FIRST_ROW + 1 + span[1])
    chart = book.add_chart({"type": "bar"})
    chart.add_series({
        "name": chart_spec.y_axis,
        "categories": [table_sheet, first, category_col, last, category_col],
        "values": [table_sheet, first, value_col, last, value_col],
        "data_labels": {"value": True},
    })
    chart.set_title({"name": chart_spec.title})
    chart.set_x_axis({"name": chart_spec.y_axis})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    sheet.write_string(0, 0, f"{chart_spec.title} (chart of the table on sheet {table_sheet})", f.title)
    sheet.write_string(1, 0, chart_spec.description, f.text)
    sheet.insert_chart(3, 0, chart, {"x_scale": 2, "y_scale": 1.6, "description": chart_spec.description})
