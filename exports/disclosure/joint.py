"""Rule 9 (c)-(e) for a whole release at once, jointly with the earlier releases of the same round.

`settle(...)` takes every additive cell of the release (one `Column` per count or FTE measure, each with its
primary pattern and its additive relations), the `Knowledge` of every earlier release of the round, and returns
the final hidden pattern and this release's own `Knowledge` (to keep with it).

1. The change since each earlier release is a table of its own (rule 8): where a cell changed by 1-7, or its
   change comes from fewer than 3 providers or is dominated by one (`dominated_changes`, worked out by the caller
   from the changed returns), the cell is hidden in the new release unless it was hidden before.
2. Secondary suppression (rule 9 (c)-(d)) per measure; FTE follows its headcount (rule 3).
3. The audit (rule 9 (e)): `exports.disclosure.audit.Problem` over all cells of this release and the earlier
   ones, with every relation of that module; every hidden cell of any release, and every sensitive change,
   must keep an interval of at least `MIN_INTERVAL_WIDTH`. Where one does not, one more cell of the new release
   next to it is hidden and the audit runs again. Hiding more only widens intervals, so targets that passed are
   not checked again. A rate hidden for its own sake (rule 5 on the rate, or rule 4's complement) is a target
   too: the ratio of its numerator to its denominator must keep an interval of at least
   `MIN_RATE_INTERVAL_POINTS` percentage points (`Problem.ratios_narrow`); where it does not, its numerator or
   denominator (or a cell next to them) is hidden.
4. Between releases (and extracts), a cell that grew is at least its earlier figure, and the change obeys the
   same logical relations as a table of returns.

`Knowledge` is what a reader learnt from a release, plus the true figures needed to audit the next release
against it. It is internal: it is stored with the release and never served.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from exports.disclosure import rulebook
from exports.disclosure.audit import Problem, Ratio, Target
from exports.disclosure.relations import SUBSETS
from exports.disclosure.rules import round_to_base_array
from exports.disclosure.secondary import Relation, secondary_suppress

logger = logging.getLogger(__name__)
MAX_ROUNDS = 60
RateTarget = tuple[str, tuple[str, ...]]  # (numerator cell id, denominator cell ids): a hidden rate


def cell_id(measure: str, key: tuple[tuple[str, Hashable], ...]) -> str:
    """A stable text id of a cell: its measure and its non-total labels."""
    return f"{measure}|{json.dumps([[k, str(v)] for k, v in key], ensure_ascii=False)}"


def _split(cid: str) -> tuple[str, str]:
    measure, labels = cid.split("|", 1)
    return measure, labels


@dataclass
class Column:
    """The cells of one additive measure in this release."""

    name: str
    half: float  # half the rounding step a reader allows around a shown value (2 for counts, 2.5 for FTE)
    ids: list[str]
    values: np.ndarray
    hidden: np.ndarray  # primary pattern in, final pattern out
    relations: list[Relation]
    support: str | None = None  # FTE: hidden wherever this column is hidden (rule 3)


@dataclass(frozen=True)
class Knowledge:
    ids: tuple[str, ...]
    true: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    hidden: tuple[bool, ...]
    equalities: tuple[tuple[int, tuple[int, ...]], ...]
    rates: tuple[RateTarget, ...] = ()  # the rates this release hid for their own sake

    def to_json(self) -> dict:
        return {"ids": list(self.ids), "true": list(self.true), "low": list(self.low),
                "high": [h if np.isfinite(h) else None for h in self.high], "hidden": list(self.hidden),
                "equalities": [[t, list(m)] for t, m in self.equalities],
                "rates": [[n, list(d)] for n, d in self.rates]}

    @classmethod
    def from_json(cls, data: Mapping) -> Knowledge:
        return cls(ids=tuple(data["ids"]), true=tuple(data["true"]), low=tuple(data["low"]),
                   high=tuple(np.inf if h is None else h for h in data["high"]), hidden=tuple(data["hidden"]),
                   equalities=tuple((t, tuple(m)) for t, m in data["equalities"]),
                   rates=tuple((n, tuple(d)) for n, d in data.get("rates", ())))


@dataclass
class Outcome:
    knowledge: Knowledge
    failures: list[str] = field(default_factory=list)  # targets still too narrow (the release should wait)
    audited: int = 0


def settle(columns: Sequence[Column], *, history: Sequence[Knowledge] = (), dominated_changes: frozenset[str] =
           frozenset(), audit: bool = True, min_width: float = rulebook.MIN_INTERVAL_WIDTH,
           rates: Sequence[RateTarget] = (),
           min_rate_width: float = rulebook.MIN_RATE_INTERVAL_POINTS / 100) -> Outcome:
    offsets: dict[str, int] = {}
    ids: list[str] = []
    for column in columns:
        offsets[column.name] = len(ids)
        ids.extend(column.ids)
    position = {cid: i for i, cid in enumerate(ids)}
    true = np.concatenate([c.values for c in columns]) if columns else np.zeros(0)
    half = np.concatenate([np.full(len(c.ids), c.half) for c in columns]) if columns else np.zeros(0)
    sensitive = _sensitive_changes(history, position, true, dominated_changes)
    for h, knowledge in enumerate(history):  # 1. a sensitive change is not shown in both releases
        for j, cid in enumerate(knowledge.ids):
            i = position.get(cid)
            if i is not None and (h, i) in sensitive and not knowledge.hidden[j]:
                _column_of(columns, offsets, i).hidden[i - offsets[_column_of(columns, offsets, i).name]] = True
    _secondary(columns)
    failures: list[str] = []
    audited = 0
    if audit:
        passed: set[tuple] = set()
        hidden = np.concatenate([c.hidden for c in columns])
        problem, targets, ratios = _problem(columns, offsets, ids, position, true, half, hidden, history, sensitive,
                                            rates)
        earlier = [t for t in targets if t[0][0] != "cur"]
        for _ in range(MAX_ROUNDS):  # a round hides more: only this release's bounds and hidden cells change
            hidden = np.concatenate([c.hidden for c in columns])
            targets = [*_rebound(problem, columns, true, half, hidden), *earlier]
            todo = [t for t in targets if t[0] not in passed]
            todo_ratios = [r for r in ratios if r[0] not in passed]
            if not todo and not todo_ratios:
                break
            truth = problem_truth(problem, true, history)
            # relaxations pay where earlier releases pin hidden figures; a first release's they leave open
            found = (problem.narrow([t[1] for t in todo], truth=truth, width=min_width, relax=bool(history))
                     if todo else [])
            found_ratios = (problem.ratios_narrow([r[1] for r in todo_ratios], truth=truth, width=min_rate_width)
                            if todo_ratios else [])
            audited += len(todo) + len(todo_ratios)
            failing: list[tuple[tuple, int | tuple[int, ...]]] = []
            for (label, _target, cell), too_narrow in [*zip(todo, found, strict=True),
                                                       *zip(todo_ratios, found_ratios, strict=True)]:
                if too_narrow:
                    failing.append((label, cell))
                else:
                    passed.add(label)
            if not failing:
                break
            widened = False
            for _label, cell in failing:
                if isinstance(cell, tuple):
                    widened = _widen_rate(columns, offsets, ids, position, hidden, cell) or widened
                else:
                    widened = _widen(columns, offsets, ids, position, hidden, cell) or widened
            _secondary(columns)
            if not widened:
                failures = [str(label) for label, _cell in failing]
                break
        else:
            failures = ["audit did not settle"]
    if failures:
        logger.warning("disclosure audit left %d targets too narrow: %s", len(failures), failures[:5])
    hidden = np.concatenate([c.hidden for c in columns]) if columns else np.zeros(0, dtype=bool)
    kept = tuple((n, tuple(d)) for n, d in rates if n in position and all(c in position for c in d))
    return Outcome(knowledge=_knowledge(columns, offsets, ids, true, half, hidden, kept), failures=failures,
                   audited=audited)


def problem_truth(problem: Problem, true: np.ndarray, history: Sequence[Knowledge]) -> np.ndarray:
    """The true figures of every variable of the reader's programme (this release, then each earlier one)."""
    return np.concatenate([true, *(np.asarray(k.true, dtype=float) for k in history)])[:len(problem.low)]


def _column_of(columns: Sequence[Column], offsets: Mapping[str, int], i: int) -> Column:
    for column in columns:
        start = offsets[column.name]
        if start <= i < start + len(column.ids):
            return column
    raise IndexError(i)


def _sensitive_changes(history: Sequence[Knowledge], position: Mapping[str, int], true: np.ndarray,
                       dominated: frozenset[str]) -> set[tuple[int, int]]:
    """(release, current cell) pairs whose change B - A must stay hidden: 1-7 people (rule 1) or from too few
    providers / one dominant provider (rule 5)."""
    out = set()
    for h, knowledge in enumerate(history):
        for j, cid in enumerate(knowledge.ids):
            i = position.get(cid)
            if i is None:
                continue
            change = true[i] - knowledge.true[j]
            if abs(change) < 1e-9:
                continue
            if abs(change) <= rulebook.SMALL_COUNT_MAX + 1e-9 or cid in dominated:
                out.add((h, i))
    return out


def _secondary(columns: Sequence[Column]) -> None:
    by_name = {c.name: c for c in columns}
    for column in columns:
        if column.support and column.support in by_name:
            support = by_name[column.support]
            where = {cid: k for k, cid in enumerate(support.ids)}
            for k, cid in enumerate(column.ids):
                s = where.get(f"{support.name}|{_split(cid)[1]}")
                if s is not None and support.hidden[s]:
                    column.hidden[k] = True
        column.hidden[:] = secondary_suppress(values=column.values, hidden=column.hidden, relations=column.relations)


def _intervals(values: np.ndarray, half: np.ndarray, hidden: np.ndarray, prior: np.ndarray):
    shown = round_to_base_array(values)
    low = np.where(shown == 0, 0.0, np.maximum(shown - half, 0.0))
    high = np.where(shown == 0, 0.0, shown + half)
    return np.where(hidden, prior, low), np.where(hidden, np.inf, high)


def _priors(columns: Sequence[Column]) -> np.ndarray:
    """What [c] tells a reader: at least 1 where every hidden cell of the measure is non-zero, else at least 0."""
    parts = []
    for c in columns:
        nonzero = bool(np.all(c.values[c.hidden] >= 1)) if c.hidden.any() else True
        parts.append(np.full(len(c.ids), 1.0 if nonzero else 0.0))
    return np.concatenate(parts) if parts else np.zeros(0)


def _subset_rows(ids: Sequence[str], values: Sequence[float] | np.ndarray) -> list[tuple[tuple[int, ...], int]]:
    """Logical relations (parts <= whole) between measures of the same cell that hold on the true figures."""
    by_labels: dict[str, dict[str, int]] = {}
    for i, cid in enumerate(ids):
        measure, labels = _split(cid)
        by_labels.setdefault(labels, {})[measure] = i
    rows = []
    for cells in by_labels.values():
        for parts, whole in SUBSETS:
            if whole in cells and all(p in cells for p in parts):
                members = tuple(cells[p] for p in parts)
                if sum(values[m] for m in members) <= values[cells[whole]] + 1e-6:
                    rows.append((members, cells[whole]))
    return rows


def _ratio(numerator: str, denominators: Sequence[str], where: Mapping[str, int], base: int = 0
           ) -> Ratio | None:
    if numerator not in where or any(d not in where for d in denominators):
        return None
    return (base + where[numerator],), tuple(base + where[d] for d in denominators)


def _rebound(problem: Problem, columns, true, half, hidden) -> list[tuple[tuple, Target, int]]:
    """Set this release's cells' bounds for the hidden pattern `hidden` (the first variables of the programme) and
    return its hidden cells as targets."""
    low, high = _intervals(true, half, hidden, _priors(columns))
    problem.low[:len(low)] = low.tolist()
    problem.high[:len(high)] = high.tolist()
    return [(("cur", i), (i, None), i) for i in np.flatnonzero(hidden)]


def _problem(columns, offsets, ids, position, true, half, hidden, history, sensitive, rates=()):
    problem = Problem()
    low, high = _intervals(true, half, hidden, _priors(columns))
    for lo, hi in zip(low, high, strict=True):
        problem.add(lo, hi)
    for column in columns:
        base = offsets[column.name]
        problem.equalities.extend((base + t, tuple(base + m for m in ms)) for t, ms in column.relations)
    subsets = _subset_rows(ids, true)
    problem.inequalities.extend((parts, (whole,)) for parts, whole in subsets)
    targets: list[tuple[tuple, Target, int]] = [(("cur", i), (i, None), i) for i in np.flatnonzero(hidden)]
    ratios: list[tuple[tuple, Ratio, tuple[int, ...]]] = []
    for numerator, denominators in rates:
        found = _ratio(numerator, denominators, position)
        if found is not None and true[list(found[1])].sum() > 0:
            ratios.append((("rate", numerator, tuple(denominators)), found, (*found[0], *found[1])))
    for h, knowledge in enumerate(history):
        base = len(problem.low)
        for lo, hi in zip(knowledge.low, knowledge.high, strict=True):
            problem.add(lo, hi)
        problem.equalities.extend((base + t, tuple(base + m for m in ms)) for t, ms in knowledge.equalities)
        problem.inequalities.extend((tuple(base + p for p in parts), (base + whole,))
                                    for parts, whole in _subset_rows(knowledge.ids, knowledge.true))
        mapped: dict[int, int] = {}
        for j, cid in enumerate(knowledge.ids):
            i = position.get(cid)
            if i is None:
                continue
            mapped[i] = j
            if true[i] >= knowledge.true[j] - 1e-9:  # the reader may know the cell only grew (or kept it:
                # a figure summed in another order may differ in its last binary digits, as in `_sensitive_changes`)
                problem.inequalities.append(((base + j,), (i,)))
            if knowledge.hidden[j]:
                targets.append((("old", h, j), (base + j, None), i))
            if (h, i) in sensitive:
                targets.append((("change", h, i), (i, base + j), i))
        where = {cid: j for j, cid in enumerate(knowledge.ids)}
        for numerator, denominators in knowledge.rates:  # a rate an earlier release hid stays a target
            found = _ratio(numerator, denominators, where, base)
            if found is None or sum(knowledge.true[where[d]] for d in denominators) <= 0:
                continue
            now = tuple(position[c] for c in (numerator, *denominators) if c in position)
            ratios.append((("oldrate", h, numerator, tuple(denominators)), found, now))
        for parts, whole in subsets:  # the change is a table of returns: its parts are at most its whole
            old = [mapped.get(p) for p in parts]
            old_whole = mapped.get(whole)
            if None in old or old_whole is None:
                continue
            change = sum(true[p] for p in parts) - sum(knowledge.true[o] for o in old)
            if change <= true[whole] - knowledge.true[old_whole] + 1e-6:
                problem.inequalities.append(((*parts, base + old_whole), (whole, *(base + o for o in old))))
    return problem, targets, ratios


def _widen_rate(columns, offsets, ids, position, hidden, cells: tuple[int, ...]) -> bool:
    """A hidden rate can still be worked out: hide its numerator or denominator where shown, else widen around
    them as for a count."""
    for cell in cells:
        column = _column_of(columns, offsets, cell)
        k = cell - offsets[column.name]
        if not column.hidden[k] and column.values[k] > 0:
            column.hidden[k] = True
            return True
    return any(_widen(columns, offsets, ids, position, hidden, cell) for cell in cells)


def _widen(columns, offsets, ids, position, hidden, cell: int) -> bool:
    """Hide one more cell of the new release next to `cell`: the cell itself if shown, else the smallest non-zero
    shown cell of a relation it is in (additive or logical), else a shown total of one of its relations."""
    column = _column_of(columns, offsets, cell)
    base = offsets[column.name]
    k = cell - base
    if not column.hidden[k]:
        column.hidden[k] = True
        return True
    candidates: list[tuple[float, int, Column, int]] = []
    totals: list[tuple[Column, int]] = []
    for total, members in column.relations:
        if k == total or k in members:
            candidates += [(column.values[m], base + m, column, m) for m in members
                           if m != k and not column.hidden[m] and column.values[m] > 0]
            if total != k and not column.hidden[total]:
                totals.append((column, total))
    measure, labels = _split(ids[cell])
    for parts, whole in SUBSETS:
        names = (*parts, whole)
        if measure not in names:
            continue
        for name in names:
            i = position.get(f"{name}|{labels}")
            if i is None or i == cell:
                continue
            other = _column_of(columns, offsets, i)
            j = i - offsets[other.name]
            if not other.hidden[j] and other.values[j] > 0:
                candidates.append((other.values[j], i, other, j))
    if candidates:
        _, _, other, j = min(candidates, key=lambda c: (c[0], c[1]))
        other.hidden[j] = True
        return True
    if totals:
        other, j = totals[0]
        other.hidden[j] = True
        return True
    return False


def _knowledge(columns, offsets, ids, true, half, hidden, rates=()) -> Knowledge:
    low, high = _intervals(true, half, hidden, _priors(columns))
    equalities = []
    for column in columns:
        base = offsets[column.name]
        equalities += [(base + t, tuple(base + m for m in ms)) for t, ms in column.relations]
    return Knowledge(ids=tuple(ids), true=tuple(float(v) for v in true), low=tuple(float(v) for v in low),
                     high=tuple(float(v) for v in high), hidden=tuple(bool(v) for v in hidden),
                     equalities=tuple(equalities), rates=tuple(rates))
