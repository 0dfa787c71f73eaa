"""The upload report: problems grouped by message for the screen, and the same rows as an .xlsx download.

Rules: errors come before warnings, the workplace file before the staff file, and groups keep the order in
which their first problem appears. The workbook never turns a cell into a formula or a link, whatever it holds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import xlsxwriter

from collection.ascwds.problems import Problem
from collection.ascwds.result import UploadResult

REPORT_COLUMNS = ("Type", "Workplace reference", "Staff reference", "Column", "Line", "Value", "Message")
SHEETS = (("workplace", "Workplace"), ("staff", "Staff records"))


@dataclass(frozen=True)
class ProblemGroup:
    severity: str
    file: str
    code: str
    message: str
    problems: tuple[Problem, ...]
    more: int = 0  # more problems like these, not listed (see ProblemLog)

    @property
    def count(self) -> int:
        return len(self.problems)


def grouped(result: UploadResult) -> list[ProblemGroup]:
    """Problems grouped by (severity, file, code, message), each group with its rows in line order."""
    groups: dict[tuple[str, str, str, str], list[Problem]] = {}
    for problem in result.errors + result.warnings:
        key = (problem.severity, problem.file, problem.code, problem.message)
        groups.setdefault(key, []).append(problem)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0] != "error", item[0][1] != "workplace"))
    told: set[tuple[str, str, str]] = set()
    found = []
    for (s, f, c, m), rows in ordered:
        more = 0 if (s, f, c) in told else result.more_of(s, f, c)  # told once, on the code's first group
        told.add((s, f, c))
        found.append(ProblemGroup(severity=s, file=f, code=c, message=m,
                                  problems=tuple(sorted(rows, key=lambda p: p.line)), more=more))
    return found


def report_xlsx(result: UploadResult) -> bytes:
    """An .xlsx workbook with a Workplace sheet and a Staff records sheet, one row per problem."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    bold = book.add_format({"bold": True})
    for file, title in SHEETS:
        sheet = book.add_worksheet(title)
        for col, name in enumerate(REPORT_COLUMNS):
            sheet.write_string(0, col, name, bold)
        widths = [9, 20, 20, 16, 6, 24, 90]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        rows = [p for p in result.errors + result.warnings if p.file == file]
        rows.sort(key=lambda p: (p.line, p.severity != "error"))
        for r, problem in enumerate(rows, start=1):
            sheet.write_string(r, 0, problem.severity.upper())
            sheet.write_string(r, 1, problem.local_est_id)
            sheet.write_string(r, 2, problem.worker_id)
            sheet.write_string(r, 3, problem.column)
            sheet.write_number(r, 4, problem.line)
            sheet.write_string(r, 5, problem.value)
            sheet.write_string(r, 6, problem.message)
        sheet.freeze_panes(1, 0)
        if rows:
            sheet.autofilter(0, 0, len(rows), len(REPORT_COLUMNS) - 1)
    book.close()
    return buffer.getvalue()
