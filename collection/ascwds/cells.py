"""Reading one cell at a time from a row, recording a Problem for each cell that is not acceptable.

Rules shared by every column:
- A blank cell means "not answered" (None), never zero.
- Whole numbers may be written "12" or "12.0" (as spreadsheets save them); anything else is not a whole number.
- Codes are compared as written after trimming, so "01" is not the code "1".
- Dates are DD/MM/YYYY (D/M/YYYY accepted too).
- A value that breaks a rule marked as a warning is ignored (treated as not answered) and the row is still kept.
- Messages state the rule, not the line: the file, line, column and value travel with the problem, so problems
  can be grouped by message.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from collection.ascwds.problems import ERROR, WARNING, FileKind, Problem, Severity

FILE_LABELS: dict[str, str] = {"workplace": "workplace file", "staff": "staff file"}


class Row:
    """One data row: its cells by column name, its line number and the problems found in it so far."""

    __slots__ = ("file", "line", "cells", "index", "problems", "local_est_id", "worker_id", "flagged")

    def __init__(
        self, *, file: FileKind, line: int, cells: tuple[str, ...], index: dict[str, int], problems: list[Problem]
    ) -> None:
        self.file = file
        self.line = line
        self.cells = cells
        self.index = index
        self.problems = problems
        self.local_est_id = ""
        self.worker_id = ""
        self.flagged: set[str] = set()  # columns that already have a problem on this row

    def get(self, column: str) -> str:
        i = self.index.get(column)
        if i is None or i >= len(self.cells):
            return ""
        return self.cells[i]

    def add(
        self, column: str, code: str, message: str, *, severity: Severity = ERROR, value: str | None = None
    ) -> None:
        """Record a problem on this row. `value` defaults to the cell's text."""
        self.flagged.add(column)
        self.problems.append(
            Problem(
                file=self.file,
                line=self.line,
                column=column,
                code=code,
                message=message,
                value=(self.get(column) if value is None else value)[:200],
                local_est_id=self.local_est_id,
                worker_id=self.worker_id,
                severity=severity,
            )
        )

    # -- typed readers -------------------------------------------------------------------------------------

    def text(self, column: str, *, max_len: int, required: bool = False, code: str = "") -> str:
        """Free text: required when asked, and no longer than max_len characters (errors)."""
        value = self.get(column)
        stem = code or column.lower()
        if required and not value:
            self.add(column, f"{stem}_missing", f"{column} is required. Fill it in.")
        elif len(value) > max_len:
            self.add(column, f"{stem}_too_long", f"{column} must be {max_len} characters or fewer. Shorten it.")
        return value

    def code(
        self,
        column: str,
        *,
        allowed: frozenset[str],
        describe: str,
        required: bool = False,
        severity: Severity = ERROR,
        code: str = "",
    ) -> str | None:
        """A single code from a list. Blank is None (an error when required); an unknown code is a problem."""
        value = self.get(column)
        stem = code or column.lower()
        if not value:
            if required:
                self.add(column, f"{stem}_missing", f"{column} is required. Enter {describe}.")
            return None
        if value in allowed:
            return value
        whole = _whole(value)
        if whole is not None and str(whole) in allowed:
            return str(whole)
        self.add(column, f"{stem}_invalid", f"{column} must be {describe}. Correct the code.", severity=severity)
        return None

    def integer(
        self, column: str, *, low: int, high: int, severity: Severity = ERROR, code: str = "", required: bool = False
    ) -> int | None:
        """A whole number between low and high inclusive."""
        value = self.get(column)
        stem = code or column.lower()
        if not value:
            if required:
                self.add(column, f"{stem}_missing", f"{column} is required. Enter a whole number from {low} to {high}.")
            return None
        number = _whole(value)
        if number is None or not low <= number <= high:
            self.add(
                column, f"{stem}_invalid", f"{column} must be a whole number from {low} to {high}.", severity=severity
            )
            return None
        return number

    def decimal(
        self,
        column: str,
        *,
        low: Decimal,
        high: Decimal,
        severity: Severity,
        half_steps: bool = False,
        dont_know: str | None = None,
        code: str = "",
    ) -> Decimal | None:
        """A number between low and high (optionally in steps of 0.5). `dont_know` (e.g. 999) reads as None."""
        value = self.get(column)
        if not value or value == dont_know:
            return None
        stem = code or column.lower()
        number = to_decimal(value)
        if number is not None and dont_know is not None and number == Decimal(dont_know):
            return None
        steps = " in steps of 0.5" if half_steps else ""
        if number is None or not low <= number <= high or (half_steps and (number * 2) % 1 != 0):
            extra = f", or {dont_know} for don't know" if dont_know else ""
            self.add(
                column,
                f"{stem}_invalid",
                f"{column} must be a number from {low} to {high}{steps}{extra}.",
                severity=severity,
            )
            return None
        return number

    def day(self, column: str, *, severity: Severity, code: str = "", show_value: bool = True) -> date | None:
        """A date written DD/MM/YYYY."""
        value = self.get(column)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.add(
                column,
                f"{code or column.lower()}_invalid",
                f"{column} must be a real date written DD/MM/YYYY, for example 31/03/2026.",
                severity=severity,
                value=None if show_value else "",
            )
        return parsed

    def items(self, column: str) -> list[str]:
        """The ;-separated items of a list cell (none for a blank cell); items are trimmed but kept when blank."""
        value = self.get(column)
        if not value:
            return []
        return [item.strip() for item in value.split(";")]


def _whole(value: str) -> int | None:
    text = value.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text or len(text) > 12:
        return None
    sign = text[0] == "-"
    digits = text[1:] if sign else text
    if not digits.isdigit() or not digits.isascii():
        return None
    number = int(digits)
    return -number if sign else number


def whole_number(value: str) -> int | None:
    """The whole number a cell holds, or None ("12" and "12.0" are 12; "12.5", "1e3" and "" are None)."""
    return _whole(value)


def to_decimal(value: str) -> Decimal | None:
    """A plain decimal number ("12.5", "£12.50", "1,200" are accepted; "NaN", "1e3" are not)."""
    text = value.strip().lstrip("£").replace(",", "")
    if not text or len(text) > 20 or any(c not in "0123456789.-" for c in text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_date(value: str) -> date | None:
    """DD/MM/YYYY (one-digit day and month accepted); None when it is not a real date."""
    parts = value.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts) or len(parts[2]) != 4:
        return None
    if len(parts[0]) > 2 or len(parts[1]) > 2:
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def warn(row: Row, column: str, code: str, message: str, *, value: str | None = None) -> None:
    row.add(column, code, message, severity=WARNING, value=value)
