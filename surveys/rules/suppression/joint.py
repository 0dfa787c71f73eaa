"""All breakdowns of the same responses protected together (issue 15). Pure, no Django; needs numpy and scipy.

A council sees one set of responses (a round and questionnaire kind) as several tables at once: the total, by
service type, by district and by channel. Each table adds up to the same total, and some groups are the same people
under two names (the PA channels are one service-type group, one district group and the sum of the channel groups).
Hiding small groups one table at a time is not enough: a hidden group can come back as "this table's total minus
that table's groups". So the protection works on *atoms* — the responses that share every group (one service type,
one district, one channel) — and on what a reader can prove about any cell from everything published at once:

1. Primary: a group (cell) of fewer than `MIN_RESPONSES` responses is hidden, with every indicator in it; an
   indicator whose base is under `MIN_RESPONSES` is hidden in that cell.
2. Audit (a linear programme, scipy HiGHS): the reader knows every shown size to within its rounding to 5, every
   shown indicator to within its rounding (whole per cent, 0.1 of a score, whole net points), the headline base to
   within 5, and that each person adds 0..1 to a share, 0..10 to a score, -1..+1 to a net score. For every hidden
   size the narrowest provable interval must be at least `MIN_RESPONSES` wide; for every hidden indicator the
   interval of its sum (e.g. how many of the group were bullied) at least `MIN_RESPONSES` people's worth wide.
3. Secondary: while a hidden cell fails the audit, hide one more cell of its table — the shown group with the
   smallest base (ties by name) — or, when its table has no other shown group, that measure's total.

The published figures themselves are worked out here too (`shown_value`, `rounded_base`), so what is audited is
what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from surveys.rules.scoring import Indicator
from surveys.rules.suppression.single import BASE_ROUNDING, MIN_RESPONSES, rounded_base, whole_percent

Cell = tuple[str, str]  # (table, group)
TOTAL: Cell = ("Total", "All responses")
SCORE_INDICATORS = frozenset({"engagement_index"})
NET_INDICATORS = frozenset({"enps", "exit_enps"})
EPSILON = 1e-6


@dataclass(frozen=True)
class Scale:
    """What one person can add to an indicator's sum (`low`..`high`) and the step its value is published in."""

    low: float
    high: float
    step: float

    @property
    def span(self) -> float:
        return self.high - self.low


SHARE = Scale(0.0, 100.0, 1.0)
SCORE = Scale(0.0, 10.0, 0.1)
NET = Scale(-100.0, 100.0, 1.0)


def scale_of(name: str) -> Scale:
    if name in SCORE_INDICATORS:
        return SCORE
    return NET if name in NET_INDICATORS else SHARE


def shown_value(name: str, value: float) -> float:
    """An indicator's value as published: a whole percentage, a score to 0.1 or a whole net score."""
    if name in SCORE_INDICATORS:
        return float(f"{value:.1f}")
    if name in NET_INDICATORS:
        return float(round(value))
    return float(whole_percent(value))


def size_interval(shown: int) -> tuple[float, float]:
    """What a reader knows of a count published rounded to 5: within 2 either side (and not negative)."""
    half = BASE_ROUNDING // 2
    return max(0.0, shown - half), float(shown + half)


@dataclass(frozen=True)
class Atom:
    """Responses that fall in the same group of every table: how many, and their indicators."""

    groups: Mapping[str, str]  # table -> group
    size: int
    indicators: Mapping[str, Indicator]


@dataclass
class JointResult:
    """The cells shown: true sizes (None when hidden) and indicators (None when hidden), per (table, group)."""

    sizes: dict[Cell, int | None] = field(default_factory=dict)
    indicators: dict[Cell, dict[str, Indicator | None]] = field(default_factory=dict)


class _Frame:
    """Cells, atoms and the membership matrix shared by every linear programme of one protection."""

    def __init__(self, atoms: Sequence[Atom]):
        self.atoms = list(atoms)
        tables = sorted({table for atom in atoms for table in atom.groups})
        self.cells: list[Cell] = [TOTAL] + sorted({(t, atom.groups[t]) for atom in atoms for t in tables})
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.member = np.zeros((len(self.cells), len(atoms)))
        self.member[0, :] = 1.0
        for a, atom in enumerate(atoms):
            for table, group in atom.groups.items():
                self.member[self.index[(table, group)], a] = 1.0
        self.sizes = self.member @ np.array([atom.size for atom in atoms], dtype=float)

    def in_table(self, cell: Cell) -> list[Cell]:
        return [c for c in self.cells if c[0] == cell[0] and c != TOTAL]


def _bounds(c: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray, n_vars: int) -> tuple[float, float]:
    from scipy.optimize import linprog

    bounds = [(0, None)] * n_vars  # every variable but the sums is at least 0; sums are bounded through a_ub
    lo = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    hi = linprog(-c, A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    low = lo.fun if lo.status == 0 else (-np.inf if lo.status == 3 else np.nan)
    high = -hi.fun if hi.status == 0 else (np.inf if hi.status == 3 else np.nan)
    return float(low), float(high)


def _size_rows(frame: _Frame, hidden: set[Cell], n_vars: int) -> tuple[list[np.ndarray], list[float]]:
    """N_c <= high and -N_c <= -low for every shown size (the N_a are the first block of variables)."""
    rows, rhs = [], []
    for cell in frame.cells:
        if cell in hidden:
            continue
        low, high = size_interval(rounded_base(int(frame.sizes[frame.index[cell]])))
        row = np.zeros(n_vars)
        row[: len(frame.atoms)] = frame.member[frame.index[cell]]
        rows += [row, -row]
        rhs += [high, -low]
    return rows, rhs


def _failing_sizes(frame: _Frame, hidden: set[Cell], min_n: int) -> list[Cell]:
    n = len(frame.atoms)
    rows, rhs = _size_rows(frame, hidden, n)
    a_ub, b_ub = (np.array(rows), np.array(rhs)) if rows else (None, None)
    failing = []
    for cell in frame.cells:
        if cell in hidden and frame.sizes[frame.index[cell]] > 0:
            low, high = _bounds(frame.member[frame.index[cell]], a_ub, b_ub, n)
            if not high - low >= min_n - EPSILON:
                failing.append(cell)
    return failing


def _widen(frame: _Frame, hidden: set[Cell], cell: Cell, weight: Mapping[Cell, float]) -> bool:
    """Hide one more cell next to `cell`: the smallest shown group of its table, else the total. False if none."""
    candidates = [c for c in frame.in_table(cell) if c not in hidden and c != cell and weight.get(c, 0) > 0]
    if candidates:
        hidden.add(min(candidates, key=lambda c: (weight[c], c[1])))
        return True
    if TOTAL not in hidden:
        hidden.add(TOTAL)
        return True
    return False


def _protect_sizes(frame: _Frame, min_n: int) -> set[Cell]:
    weight = {cell: frame.sizes[i] for i, cell in enumerate(frame.cells)}
    hidden = {cell for cell in frame.cells if 0 < weight[cell] < min_n}
    while True:
        failing = [c for c in _failing_sizes(frame, hidden, min_n) if c != TOTAL]
        if not any(_widen(frame, hidden, c, weight) for c in failing):  # one more hidden per round, or done
            return hidden


def _indicator_sums(frame: _Frame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per atom: the base, and the sum (value x base) of one indicator."""
    bases = np.array([float(atom.indicators[name].base) if name in atom.indicators else 0.0 for atom in frame.atoms])
    sums = np.array([
        float(atom.indicators[name].value) * atom.indicators[name].base
        if name in atom.indicators and atom.indicators[name].value is not None else 0.0
        for atom in frame.atoms
    ])  # fmt: skip
    return bases, sums


def _failing_indicator(
    frame: _Frame, name: str, *, hidden_sizes: set[Cell], hidden: set[Cell], min_n: int
) -> list[Cell]:
    """The hidden cells of one indicator that a reader can pin down too closely, given everything published."""
    scale = scale_of(name)
    n = len(frame.atoms)
    n_vars = 3 * n  # N_a (responses), b_a (base of this indicator), s_a - low * b_a (its sum, shifted to >= 0)
    rows, rhs = _size_rows(frame, hidden_sizes, n_vars)
    for a in range(n):
        row = np.zeros(n_vars)
        row[n + a], row[a] = 1.0, -1.0  # b_a <= N_a
        rows.append(row)
        rhs.append(0.0)
        row = np.zeros(n_vars)
        row[2 * n + a], row[n + a] = 1.0, -scale.span  # s'_a <= span * b_a
        rows.append(row)
        rhs.append(0.0)
    bases, sums = _indicator_sums(frame, name)
    cell_bases = frame.member @ bases
    cell_sums = frame.member @ sums
    if TOTAL not in hidden and cell_bases[0] > 0:  # the headline shows its base, rounded
        low, high = size_interval(rounded_base(int(cell_bases[0])))
        row = np.zeros(n_vars)
        row[n : 2 * n] = 1.0
        rows += [row, -row]
        rhs += [high, -low]
    for cell in frame.cells:
        i = frame.index[cell]
        if cell in hidden or cell_bases[i] == 0:
            continue
        shown = shown_value(name, cell_sums[i] / cell_bases[i])
        low, high = shown - scale.step / 2 - scale.low, shown + scale.step / 2 - scale.low  # shifted like s'
        member = frame.member[i]
        row = np.zeros(n_vars)  # s'_c - high * b_c <= 0 and low * b_c - s'_c <= 0
        row[2 * n :] = member
        row[n : 2 * n] = -high * member
        rows.append(row)
        rhs.append(0.0)
        row = np.zeros(n_vars)
        row[2 * n :] = -member
        row[n : 2 * n] = low * member
        rows.append(row)
        rhs.append(0.0)
    a_ub, b_ub = np.array(rows), np.array(rhs)
    failing = []
    for cell in frame.cells:
        i = frame.index[cell]
        if cell not in hidden or frame.sizes[i] == 0:  # a base of 0 is protected too: "none of them said so" tells
            continue
        target = np.zeros(n_vars)  # the sum itself: s_c = s'_c + low * b_c
        target[2 * n :] = frame.member[i]
        target[n : 2 * n] = scale.low * frame.member[i]
        low, high = _bounds(target, a_ub, b_ub, n_vars)
        if not (high - low) / scale.span >= min_n - EPSILON:  # NaN (no answer) fails too, to be safe
            failing.append(cell)
    return failing


def protect_breakdowns(
    atoms: Sequence[Atom], *, min_n: int = MIN_RESPONSES, total_only: frozenset[str] = frozenset()
) -> JointResult:
    """What may be shown of every table built from `atoms` (see the module's rules). Nothing at all when the
    total is under `min_n`. Indicators named in `total_only` (the exploitation flags) are published for the total
    alone, never in a breakdown, so they are None in every other cell."""
    frame = _Frame(atoms)
    if frame.sizes[0] < min_n:
        return JointResult(sizes=dict.fromkeys(frame.cells), indicators={cell: {} for cell in frame.cells})
    hidden_sizes = _protect_sizes(frame, min_n)
    names = sorted({name for atom in atoms for name in atom.indicators})
    shown_indicators: dict[str, set[Cell]] = {}
    for name in names:
        bases, _ = _indicator_sums(frame, name)
        cell_bases = frame.member @ bases
        weight = {cell: cell_bases[i] for i, cell in enumerate(frame.cells)}
        hidden = set(hidden_sizes) | {cell for cell in frame.cells if weight[cell] < min_n}
        if name in total_only:  # nothing but the total is published, so nothing can be subtracted from it
            shown_indicators[name] = hidden | {cell for cell in frame.cells if cell != TOTAL}
            continue
        while True:
            failing = _failing_indicator(frame, name, hidden_sizes=hidden_sizes, hidden=hidden, min_n=min_n)
            if not any(_widen(frame, hidden, c, weight) for c in failing):  # one more hidden per round, or done
                break
        shown_indicators[name] = hidden
    result = JointResult()
    for cell in frame.cells:
        i = frame.index[cell]
        result.sizes[cell] = None if cell in hidden_sizes else int(frame.sizes[i])
        values: dict[str, Indicator | None] = {}
        for name in names:
            bases, sums = _indicator_sums(frame, name)
            base = int(frame.member[i] @ bases)
            total = float(frame.member[i] @ sums)
            values[name] = None if cell in shown_indicators[name] or base == 0 else Indicator(
                value=total / base, base=base, count=round(total / 100) if scale_of(name) is SHARE else None)
        result.indicators[cell] = values
    return result
