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
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from exports.disclosure import rulebook
from exports.disclosure.notes import NOTES
from exports.disclosure.tables import CONFIDENTIAL, NOT_APPLICABLE, NOT_AVAILABLE, Kind, ProtectedTable, Rounding

AUTHOR = "Care Workforce Returns"
TABLE_FIRST_ROW = 4  # 0-based: A1 title, A2 description, A3 source, A4 shorthand line, table header on row 5
MAX_COLUMN_WIDTH = 40  # a dimension column (labels); longer labels wrap
MEASURE_WIDTH = (10, 16)  # a measure column: its header wraps onto at most 4 lines within these widths
DEFAULT_COLUMN_WIDTH = 8.43  # a column left at its default width (characters)
TEXT_WIDTH = 110  # cover, notes and descriptive lines: wrapped to fit a landscape A4 page
A4 = 9


@dataclass(frozen=True)
class ReleaseInfo:
    """What the cover says about the release."""

    number: int
    released_on: date
    revisions_note: str
    next_release: date | None
    data_version: str
    extract: bool = False  # an ad-hoc extract of chosen tables, not a release


def workbook_filename(council_name: str, round_label: str, release: int = 1) -> str:
    """Lower-case, hyphenated file name with the period in it: ("Leicestershire", "2026/27") ->
    "leicestershire-workforce-2026-27.xlsx"; a revision adds its release number ("...-2026-27-release-2.xlsx")."""
    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

    suffix = f"-release-{release}" if release > 1 else ""
    return f"{slug(council_name) or 'council'}-workforce-{slug(round_label) or 'round'}{suffix}.xlsx"


def write_workbook(
    *, tables: Sequence[ProtectedTable], council_name: str, round_label: str, snapshot_date: date,
    data_version: str | None = None, release: ReleaseInfo | None = None,
) -> bytes:
    """Write the workbook and return its bytes. Raises TypeError for anything that is not a ProtectedTable."""
    if release is None:
        release = ReleaseInfo(number=1, released_on=snapshot_date, revisions_note="", next_release=None,
                              data_version=data_version or "")
    data_version = release.data_version
    for table in tables:
        if not isinstance(table, ProtectedTable):
            raise TypeError(f"write_workbook accepts only ProtectedTable, not {type(table).__name__}")
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    title = f"{council_name} adult social care workforce, {round_label}" + (", ad-hoc extract" if release.extract
                                                                             else "")
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
    _cover(cover, formats, title=title, round_label=round_label, snapshot_date=snapshot_date, release=release,
           table_count=len(tables), release_note=_refs(("release",), note_numbers))
    _contents(book.add_worksheet("Contents"), formats, tables, sheet_names, note_numbers)
    _notes(book.add_worksheet("Notes"), formats, note_numbers)
    for number, table in enumerate(tables, start=1):
        sheet_name, chart_name = sheet_names[number - 1]
        sheet = book.add_worksheet(sheet_name)
        _table_sheet(sheet, formats, table, number=number, notes=note_numbers, round_label=round_label,
                     snapshot_date=snapshot_date)
        if chart_name:
            _chart_sheet(book, book.add_worksheet(chart_name), formats, table, sheet_name, note_numbers)
    cover.activate()
    book.close()
    return buffer.getvalue()


class _Formats:
    def __init__(self, book: Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.text = book.add_format({"text_wrap": False})
        self.wrapped = book.add_format({"text_wrap": True, "valign": "top"})
        self.label = book.add_format({"text_wrap": True, "valign": "top"})
        self.symbol = book.add_format({"align": "right"})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.link = book.add_format({"font_color": "#1D70B8", "underline": 1})
        self.number = {
            "count": book.add_format({"num_format": "#,##0"}),
            "int": book.add_format({"num_format": "0"}),
            "survey": book.add_format({"num_format": "0;-0;0"}),
            "one_dp": book.add_format({"num_format": "0.0"}),
            "penny": book.add_format({"num_format": "#,##0.00"}),
            "pounds": book.add_format({"num_format": "#,##0"}),
        }

    def for_value(self, kind: Kind | None, rounding: Rounding | None, value: float) -> object:
        if kind in (Kind.COUNT, Kind.SUM, Kind.UNITS):
            return self.number["count"]
        if kind == Kind.SURVEY and rounding is None:
            return self.number["survey"]
        if kind in (Kind.AVERAGE, Kind.PERCENTILE, Kind.SURVEY):
            return self.number[{Rounding.PENNY: "penny", Rounding.HUNDRED: "pounds"}.get(rounding, "one_dp")]
        return self.number["int"] if float(value).is_integer() else self.number["one_dp"]


def _note_numbers(tables: Sequence[ProtectedTable]) -> dict[str, int]:
    used = {key for table in tables for key in table.notes} | {"symbols", "release"}
    if any(_chart_rows(t) for t in tables):
        used.add("charts")
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
    return " ".join(f"[note {numbers[k]}]" for k in dict.fromkeys(keys) if k in numbers)


def _print_setup(sheet: Worksheet, title: str, *, repeat: int | None = None) -> None:
    """Landscape A4, fitted to one page wide, the sheet's title at the top of every page, header row repeated."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header("&L&8" + title.replace("&", "&&")[:200], {"margin": 0.3})
    sheet.set_footer("&R&8Page &P of &N", {"margin": 0.3})
    if repeat is not None:
        sheet.repeat_rows(repeat)


def _cover(sheet: Worksheet, f: _Formats, *, title: str, round_label: str, snapshot_date: date,
           release: ReleaseInfo, table_count: int, release_note: str) -> None:
    next_text = (f"Next release: {release.next_release:%-d %B %Y}." if release.next_release
                 else "No further release of this round is planned.")
    about = [
        ("Release", f.heading),
        (f"Release {release.number}, {release.released_on:%-d %B %Y}. {next_text} Every analyst gets this same file "
         "until the next release; the figures do not change in between. " + release_note, f.wrapped),
        *([(release.revisions_note, f.wrapped)] if release.revisions_note else []),
    ] if not release.extract else [
        ("Ad-hoc extract", f.heading),
        (f"Extract {release.number} of this round, made on {release.released_on:%-d %B %Y}: the tables an analyst "
         "chose, from the returns as they stood that day. It was checked together with every release and earlier "
         "extract of the round, and more figures were hidden where needed, so that nothing hidden in any of them "
         f"can be worked out. It is not a release: the round's releases stay the reference figures. {next_text}",
         f.wrapped),
    ]
    lines = [
        *about,
        ("About these statistics", f.heading),
        ("Aggregated statistics about the adult social care workforce employed by providers that hold contracts "
         "with the council, from the annual workforce returns those providers submitted.", f.wrapped),
        (f"Collection round: {round_label}. Snapshot date: {snapshot_date.isoformat()}.", f.wrapped),
        (f"Data version: {release.data_version}.", f.wrapped),
        (f"This workbook holds {table_count} tables, listed on the Contents sheet. The Notes sheet explains "
         "every note referred to as [note n].", f.wrapped),
        ("Confidentiality", f.heading),
        (f"Figures are protected so that no individual or single provider can be identified. {rulebook.summary()} "
         "Totals are rounded separately, so they may not add up. [x] means not available; [z] means not "
         "applicable.", f.wrapped),
        ("Source", f.heading),
        ("Annual workforce returns (ASC-WDS data items) submitted or accepted for this round, and the council's "
         "staff and exit surveys.", f.wrapped),
    ]
    sheet.write_string(0, 0, title, f.title)
    for row, (text, fmt) in enumerate(lines, start=2):
        sheet.write_string(row, 0, text, fmt)
        if fmt is f.wrapped:
            sheet.set_row(row, _wrapped_height(text, TEXT_WIDTH))
    sheet.set_column(0, 0, TEXT_WIDTH)
    _print_setup(sheet, title)


def _contents(sheet: Worksheet, f: _Formats, tables: Sequence[ProtectedTable], names: list[tuple[str, str | None]],
              notes: dict[str, int]) -> None:
    sheet.write_string(0, 0, "Contents", f.title)
    sheet.write_string(1, 0, "This worksheet contains one table. Each link opens the sheet it names.", f.text)
    rows: list[tuple[str, str, str]] = []
    for table, (sheet_name, chart_name) in zip(tables, names, strict=True):
        rows.append((sheet_name, table.title, _refs(table.notes, notes)))
        if chart_name and table.chart is not None:
            rows.append((chart_name, f"Chart: {table.chart.title}", _refs(("charts",), notes)))
    first = 2
    sheet.add_table(first, 0, first + len(rows), 2, {
        "name": "contents", "autofilter": False, "style": "Table Style Light 1",
        "columns": [{"header": "Sheet name"}, {"header": "Title"}, {"header": "Notes"}],
    })
    for i, (sheet_name, text, refs) in enumerate(rows, start=first + 1):
        sheet.write_url(i, 0, f"internal:'{sheet_name}'!A1", f.link, string=sheet_name)
        sheet.write_string(i, 1, text, f.wrapped)
        sheet.write_string(i, 2, refs, f.wrapped)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 85)
    sheet.set_column(2, 2, 24)
    sheet.freeze_panes(first + 1, 0)
    _print_setup(sheet, "Contents", repeat=first)


def _notes(sheet: Worksheet, f: _Formats, notes: dict[str, int]) -> None:
    sheet.write_string(0, 0, "Notes", f.title)
    sheet.write_string(1, 0, "This worksheet contains one table. Tables refer to these notes as [note n].", f.text)
    first = 2
    sheet.add_table(first, 0, first + len(notes), 1, {
        "name": "notes", "autofilter": False, "style": "Table Style Light 1",
        "columns": [{"header": "Note number"}, {"header": "Note text"}],
    })
    for i, (key, number) in enumerate(notes.items(), start=first + 1):
        sheet.write_string(i, 0, f"note {number}", f.wrapped)
        sheet.write_string(i, 1, NOTES[key], f.wrapped)
        sheet.set_row(i, _wrapped_height(NOTES[key], TEXT_WIDTH))
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, TEXT_WIDTH)
    sheet.freeze_panes(first + 1, 0)
    _print_setup(sheet, "Notes", repeat=first)


def _wrapped_height(text: str, width: int) -> float:
    """Row height (points) for wrapped text in a column `width` characters wide: spreadsheet programs do not grow
    a row for wrapped text written to a file, so each wrapped line would otherwise overprint the next row."""
    return 15.0 * max(1, math.ceil(len(text) / max(width * 1.15, 1)))


def _widths(table: ProtectedTable) -> list[int]:
    """Dimension columns fit their longest label (up to MAX_COLUMN_WIDTH, then wrap); measure columns are wide
    enough for their header to wrap onto at most four lines and for their numbers."""
    widths = []
    for j, header in enumerate(table.headers):
        longest = max([len(str(row[j])) for row in table.rows] + [0])
        if table.kinds[j] is None:
            words = max((len(w) for w in header.split()), default=8)
            widths.append(min(MAX_COLUMN_WIDTH, max(longest, words, 12) + 2))
        else:
            low, high = MEASURE_WIDTH
            words = max((len(w) for w in header.split()), default=0)  # no word is broken across lines
            widths.append(max(low, min(high, math.ceil(len(header) / 4) + 3, ), longest + 2, words + 2))
    return widths


def _table_sheet(sheet: Worksheet, f: _Formats, table: ProtectedTable, *, number: int, notes: dict[str, int],
                 round_label: str, snapshot_date: date) -> None:
    title = f"Table {number}: {table.title}"
    sheet.write_string(0, 0, f"{title} {_refs((*table.notes, 'symbols'), notes)}", f.title)
    sheet.write_string(1, 0, table.description, f.text)
    sheet.write_string(2, 0, f"Source: annual workforce returns, round {round_label}, snapshot "
                             f"{snapshot_date.isoformat()}.", f.text)
    sheet.write_string(3, 0, "This worksheet contains one table. Some cells hold shorthand: [c] confidential, "
                             "[x] not available, [z] not applicable.", f.text)
    first = TABLE_FIRST_ROW
    last_row = first + max(len(table.rows), 1)
    widths = _widths(table)
    sheet.add_table(first, 0, last_row, len(table.headers) - 1, {
        "name": f"table_{table.key}", "autofilter": False, "style": "Table Style Light 1",
        "description": table.title,
        "columns": [{"header": h, "header_format": f.header} for h in table.headers],
    })
    for i, row in enumerate(table.rows, start=first + 1):
        for j, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(i, j, value, f.symbol if value in (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE)
                                   else f.label)
            else:
                sheet.write_number(i, j, value, f.for_value(table.kinds[j], table.roundings[j], value))
    for j, width in enumerate(widths):
        sheet.set_column(j, j, width)
    lines = max(math.ceil(len(h) / max(w - 1, 1)) for h, w in zip(table.headers, widths, strict=True))
    sheet.set_row(first, 15 * max(2, min(lines, 6)))
    dims = sum(1 for k in table.kinds if k is None)
    sheet.freeze_panes(first + 1, dims)
    _print_setup(sheet, title, repeat=first)
    # A narrow table's print area reaches past its last column far enough for the title and lines above it
    # (which run on to the right in column A), so they are not cut off on paper.
    text = max(len(title) + 12, len(table.description), 120)
    last_column, reach = len(table.headers) - 1, sum(widths)
    while reach < text and last_column < 30:
        last_column += 1
        reach += DEFAULT_COLUMN_WIDTH
    sheet.print_area(0, 0, last_row, last_column)


def _chart_rows(table: ProtectedTable) -> list[int]:
    """Row indexes of the chart's categories (rows where every other dimension is at its total)."""
    chart = table.chart
    if chart is None or chart.category not in table.dimension_keys:
        return []
    column = table.dimension_keys.index(chart.category)
    return [
        i for i, row in enumerate(table.rows)
        if row[column] != table.totals[column]
        and all(row[j] == table.totals[j] for j in range(len(table.dimension_keys)) if j != column)
    ]


def _chart_sheet(book: Workbook, sheet: Worksheet, f: _Formats, table: ProtectedTable, table_sheet: str,
                 notes: dict[str, int]) -> None:
    """A bar chart of the figures shown in the table. The chart draws from a small table on its own sheet that
    holds only the categories with a figure; hidden ([c]) and unavailable categories get no bar, and the note
    under the chart names them."""
    spec = table.chart
    assert spec is not None
    category_col = table.dimension_keys.index(spec.category)
    value_col = len(table.dimension_keys) + table.measure_names.index(spec.value)
    rows = [table.rows[i] for i in _chart_rows(table)]
    drawn = [(str(r[category_col]), r[value_col]) for r in rows if not isinstance(r[value_col], str)]
    missing = [f"{r[category_col]} {r[value_col]}" for r in rows if isinstance(r[value_col], str)]
    sheet.write_string(0, 0, f"{spec.title} (chart of the table on sheet {table_sheet}) {_refs(('charts',), notes)}",
                       f.title)
    sheet.write_string(1, 0, spec.description, f.text)
    sheet.write_string(2, 0, "This worksheet contains one chart and the table of the figures it draws.", f.text)
    first = 4
    sheet.add_table(first, 0, first + max(len(drawn), 1), 1, {
        "name": f"chart_{table.key}", "autofilter": False, "style": "Table Style Light 1",
        "description": f"Figures drawn in the chart: {spec.title}",
        "columns": [{"header": table.headers[category_col], "header_format": f.header},
                    {"header": spec.y_axis, "header_format": f.header}],
    })
    kind, rounding = table.kinds[value_col], table.roundings[value_col]
    for i, (label, value) in enumerate(drawn, start=first + 1):
        sheet.write_string(i, 0, label, f.label)
        sheet.write_number(i, 1, value, f.for_value(kind, rounding, value))
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 18)
    at = first + max(len(drawn), 1) + 2
    if drawn:
        chart = book.add_chart({"type": "bar"})
        chart.add_series({
            "name": spec.y_axis,
            "categories": [sheet.name, first + 1, 0, first + len(drawn), 0],
            "values": [sheet.name, first + 1, 1, first + len(drawn), 1],
            "data_labels": {"value": True},
        })
        chart.set_title({"name": spec.title})
        chart.set_x_axis({"name": spec.y_axis, "min": 0})  # bars start at zero: lengths compare truly
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        sheet.insert_chart(at, 0, chart, {"x_scale": 1.6, "y_scale": 1.3, "description": spec.description})
    note_row = at + 21
    sheet.write_string(note_row, 0, "Not drawn: " + ("; ".join(missing) if missing else "none, every category has a "
                                                                 "figure") + ".", f.text)
    _print_setup(sheet, spec.title)
