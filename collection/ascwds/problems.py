"""What the bulk upload reports: one `Problem` per cell, or one `FileProblem` when a file cannot be read at all.

Errors reject the whole upload; warnings can be accepted. Codes are stable strings (tests, JSON and the xlsx
report rely on them); messages are plain English naming the file, line, column and value and what to do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
FileKind = Literal["workplace", "staff"]

ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    file: FileKind
    line: int
    column: str
    code: str
    message: str
    value: str = ""
    local_est_id: str = ""
    worker_id: str = ""
    severity: Severity = ERROR

    def to_json(self) -> dict[str, object]:
        """The PRODUCT.md section 6 problem shape (plus the value and severity)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "local_est_id": self.local_est_id,
            "worker_id": self.worker_id,
            "value": self.value,
            "severity": self.severity,
        }


@dataclass(frozen=True, slots=True)
class FileProblem:
    """The upload could not be read at all (too big, wrong header, empty, not a spreadsheet, unsafe zip...)."""

    code: str
    message: str
    filename: str = ""

    @property
    def status(self) -> str:
        return "failed"

    def to_json(self) -> dict[str, object]:
        """The PRODUCT.md section 6 shape, with the file-level problem as the only error (line 0)."""
        empty = {"new": 0, "updated": 0, "unchanged": 0, "deleted": 0}
        error = {
            "file": "staff" if "staff" in self.filename.lower() else "workplace",
            "line": 0,
            "column": "",
            "code": self.code,
            "message": self.message,
            "local_est_id": "",
            "worker_id": "",
            "value": self.filename,
            "severity": ERROR,
        }
        return {"status": "failed", "workplaces": dict(empty), "staff": dict(empty), "errors": [error], "warnings": []}


MAX_PER_CODE = 100  # problems of one code (in one file, of one severity) kept with their lines; the rest are counted


class ProblemLog(list):
    """The problems of one check, bounded: after MAX_PER_CODE of one (severity, file, code) the rest are only
    counted in `more` ("and 12,345 more like this"), so a 2,000,000-row file cannot fill memory with problems."""

    def __init__(self, *, per_code: int = MAX_PER_CODE):
        super().__init__()
        self.per_code = per_code
        self.seen: Counter[tuple[str, str, str]] = Counter()
        self.more: Counter[tuple[str, str, str]] = Counter()

    def append(self, problem: Problem) -> None:
        key = (problem.severity, problem.file, problem.code)
        self.seen[key] += 1
        if self.seen[key] > self.per_code:
            self.more[key] += 1
        else:
            super().append(problem)

    def extend(self, problems) -> None:  # type: ignore[override]
        for problem in problems:
            self.append(problem)

    def __iadd__(self, problems):  # type: ignore[override]
        self.extend(problems)
        return self
