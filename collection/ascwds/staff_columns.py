"""The staff file's cell checks column by column, for many rows at once (the NEW and UPDATE rows of an upload).

Each `Step` of `collection.ascwds.staff` reads only its own cells and the answers of earlier steps. Here the cells
of each column are numbered by distinct value (pandas `factorize`), each step's inputs are combined into one number
per row, and the step runs once per distinct combination, on a scratch row holding just those cells. Its answer and
the problems it recorded (column, code, message, severity, value) are shared by every row with that combination,
so a row gets exactly what `parse_staff` would give it, in the same order, and a file of 100,000 rows costs about
as much Python as its distinct values. Rows with a problem are then replayed onto their real `Row` one by one.

Not here: a DOB of "Admin" keeps the birth year already held, which depends on more than the cells; the caller
parses those rows with `parse_staff` (see `staff_rows`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

import numpy as np
import pandas as pd

from collection.ascwds.cells import Row
from collection.ascwds.problems import ERROR
from collection.ascwds.staff import RECORD_FIELDS, STEPS, Context
from collection.rules.records import StaffRecordData

_COMBINE_LIMIT = 1 << 40  # renumber a combined key before it could overflow int64


@dataclass(frozen=True, slots=True)
class Recorded:
    """A problem a step recorded, without its row (Row.add fills file, line and references)."""

    column: str
    code: str
    message: str
    severity: str
    value: str | None  # None: the cell's own text (the step may not read that cell)


class _Scratch(Row):
    """A row of just the cells one step reads, noting for each problem whether its value is the cell's text."""

    __slots__ = ("defaulted",)

    def add(self, column, code, message, *, severity=ERROR, value=None) -> None:
        super().add(column, code, message, severity=severity, value=value)
        self.defaulted.append(value is None)


@dataclass
class _Outcome:
    codes: np.ndarray  # per row: which combination of inputs it has
    problems: list[tuple[Recorded, ...]]  # per combination
    answer_codes: np.ndarray  # per row: which distinct answer it has
    answers: list  # the distinct answers (37.5 and 37.50 are two: a later step or the record may show either)


class StaffColumns:
    """Every step's answer and problems for each of `cells` (rows of one staff table with `index`)."""

    def __init__(self, cells: Sequence[tuple[str, ...]], *, index: dict[str, int], snapshot_date: date) -> None:
        self.size = len(cells)
        self._cells = cells
        self._narrowest = min(map(len, cells), default=0)
        self._index = index
        self._columns: dict[str, tuple[np.ndarray, int]] = {}
        self.outcomes: dict[str, _Outcome] = {}
        context = Context(snapshot_date=snapshot_date, existing=None)
        with_problems = np.zeros(self.size, dtype=bool)
        for step in STEPS:
            outcome = self._run(step, context)
            self.outcomes[step.name] = outcome
            flags = np.fromiter((bool(p) for p in outcome.problems), dtype=bool, count=len(outcome.problems))
            with_problems |= flags[outcome.codes]
        self._columns.clear()
        self.with_problems = with_problems

    def _column(self, name: str) -> tuple[np.ndarray, int]:
        """The column's cells numbered by distinct value, and how many distinct values there are."""
        if name not in self._columns:
            i = self._index.get(name)
            if i is None:
                values = [""] * self.size
            elif i < self._narrowest:
                values = list(map(itemgetter(i), self._cells))
            else:
                values = [cells[i] if i < len(cells) else "" for cells in self._cells]
            codes, uniques = pd.factorize(np.array(values, dtype=object))
            self._columns[name] = (codes.astype(np.int64, copy=False), len(uniques))
        return self._columns[name]

    def _run(self, step, context: Context) -> _Outcome:
        inputs = [self._column(name) for name in step.reads]
        inputs += [(self.outcomes[name].answer_codes, len(self.outcomes[name].answers)) for name in step.uses]
        combined, span = np.zeros(self.size, dtype=np.int64), 1
        for codes, count in inputs:
            combined = combined * count + codes
            span *= count
            if span > _COMBINE_LIMIT:
                combined, uniques = pd.factorize(combined)
                combined, span = combined.astype(np.int64, copy=False), len(uniques)
        codes, uniques = pd.factorize(combined)
        firsts = np.unique(codes, return_index=True)[1]
        scratch_index = {name: k for k, name in enumerate(step.reads)}
        answers, problems = [], []
        for first in firsts.tolist():
            row_cells = self._cells[first]
            values = tuple(self._get(row_cells, name) for name in step.reads)
            scratch = _Scratch(file="staff", line=0, cells=values, index=scratch_index, problems=[])
            scratch.defaulted = []
            earlier = [self.outcomes[name].answers[self.outcomes[name].answer_codes[first]] for name in step.uses]
            answers.append(step.run(scratch, context, *earlier))
            problems.append(
                tuple(
                    Recorded(p.column, p.code, p.message, p.severity, None if default else p.value)
                    for p, default in zip(scratch.problems, scratch.defaulted, strict=True)
                )
            )
        distinct, spellings = pd.factorize(np.array([repr(answer) for answer in answers], dtype=object))
        firsts = np.unique(distinct, return_index=True)[1].tolist()
        codes = codes.astype(np.int64, copy=False)
        return _Outcome(
            codes=codes,
            problems=problems,
            answer_codes=distinct.astype(np.int64, copy=False)[codes],
            answers=[answers[k] for k in firsts],
        )

    def _get(self, cells: tuple[str, ...], name: str) -> str:
        i = self._index.get(name)
        return "" if i is None or i >= len(cells) else cells[i]

    def records(self, local_refs: Sequence[str]) -> list[StaffRecordData]:
        """The record of each row, with its reference."""
        columns = []
        for step_name, item in RECORD_FIELDS:
            outcome = self.outcomes[step_name]
            per_combination = np.empty(len(outcome.answers), dtype=object)
            for k, answer in enumerate(outcome.answers):
                per_combination[k] = answer if item is None else answer[item]
            columns.append(per_combination[outcome.answer_codes].tolist())
        return list(map(StaffRecordData, local_refs, *columns))

    def replay(self, position: int, row: Row) -> None:
        """Record on `row` the problems the steps found in the row at `position`, in the steps' order."""
        if not self.with_problems[position]:
            return
        for step in STEPS:
            outcome = self.outcomes[step.name]
            for p in outcome.problems[outcome.codes[position]]:
                row.add(p.column, p.code, p.message, severity=p.severity, value=p.value)
