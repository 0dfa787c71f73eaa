"""Rule 9: secondary suppression over additive relations, and the linear-programming audit.

An additive relation is a total cell and the cells that sum to it (a table's "All ..." row and its category rows).
Rounding alone lets a reader bound a hidden cell by subtraction: a total of 10 (really 8-12) next to a shown 10
(really 8-12) pins its hidden sibling to 0-4. So, for every count and FTE column, across every table at once:

(c) in each relation holding exactly one hidden cell, hide one more member: the smallest non-zero shown
    non-total cell (ties broken by position, which follows the fixed category order), or the total when there
    is none; and keep adding until the hidden members sum to at least 10;
(d) repeat until no relation changes;
(e) audit: for each hidden cell, minimise and maximise its value subject to every published relation and every
    published value's rounding interval (a linear programme, scipy `linprog`/HiGHS); if the interval is narrower
    than 10, hide one more member of one of its relations and go back to (c).

Cells are given as flat arrays (one entry per distinct cell of one measure); relations as (total, members).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exports.disclosure.rulebook import MIN_HIDDEN_TOTAL, MIN_INTERVAL_WIDTH

Relation = tuple[int, tuple[int, ...]]


def secondary_suppress(
    *, values: np.ndarray, hidden: np.ndarray, relations: Sequence[Relation], min_hidden_total: float = MIN_HIDDEN_TOTAL
) -> np.ndarray:
    """Rule 9 (c)-(d). Returns the new hidden mask (the input is not changed)."""
    hidden = np.array(hidden, dtype=bool)
    changed = True
    while changed:
        changed = False
        for total, members in relations:
            if _settle_relation(values=values, hidden=hidden, total=total, members=members, minimum=min_hidden_total):
                changed = True
    return hidden


def _settle_relation(*, values: np.ndarray, hidden: np.ndarray, total: int, members: tuple[int, ...], minimum: float) -> bool:
    changed = False
    while True:
        hidden_members = [m for m in members if hidden[m]]
        count = len(hidden_members) + int(hidden[total])
        if count == 0:
            return changed
        hidden_sum = float(values[hidden_members].sum()) if hidden_members else 0.0
        if count >= 2 and (hidden_sum >= minimum or hidden[total]):
            return changed
        candidates = [m for m in members if not hidden[m] and values[m] > 0]
        if candidates:
            pick = min(candidates, key=lambda m: (values[m], m))
            hidden[pick] = True
        elif count == 1 and not hidden[total]:
            hidden[total] = True
        else:
            return changed
        changed = True


@dataclass(frozen=True)
class Interval:
    cell: int
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def attack_intervals(
    *, low: np.ndarray, high: np.ndarray, relations: Sequence[Relation], targets: Sequence[int]
) -> list[Interval]:
    """For each target cell, the narrowest interval a reader can prove for it: min and max of its value subject
    to `low <= x <= high` (each published value's rounding interval; hidden cells' prior bounds, high may be inf)
    and every relation `x[total] = sum(x[members])`. Needs scipy."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    n = len(low)
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for r, (total, members) in enumerate(relations):
        rows.append(r)
        cols.append(total)
        data.append(1.0)
        for m in members:
            rows.append(r)
            cols.append(m)
            data.append(-1.0)
    a_eq = coo_matrix((data, (rows, cols)), shape=(len(relations), n)).tocsr() if relations else None
    b_eq = np.zeros(len(relations)) if relations else None
    bounds = list(zip(low.tolist(), [None if not np.isfinite(h) else h for h in high.tolist()], strict=True))
    result = []
    for target in targets:
        c = np.zeros(n)
        c[target] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        low_value = lo.fun if lo.status == 0 else float(low[target])
        high_value = -hi.fun if hi.status == 0 else float("inf")
        result.append(Interval(cell=int(target), low=float(low_value), high=float(high_value)))
    return result


def protect_additive(
    *,
    values: np.ndarray,
    hidden: np.ndarray,
    relations: Sequence[Relation],
    shown_low: np.ndarray,
    shown_high: np.ndarray,
    hidden_low: float,
    audit: bool = True,
    min_width: float = MIN_INTERVAL_WIDTH,
    max_rounds: int = 50,
) -> np.ndarray:
    """Rule 9 (c)-(e) for one measure: secondary suppression, then the audit loop. `shown_low`/`shown_high` are
    the intervals a reader knows for each cell if shown (its rounding interval); a hidden cell is only known to be
    at least `hidden_low`. Returns the final hidden mask."""
    hidden = secondary_suppress(values=values, hidden=hidden, relations=relations)
    if not audit or not hidden.any() or not relations:
        return hidden
    in_relation = _cells_in_relations(relations, len(values))
    by_cell: dict[int, list[Relation]] = {}
    for relation in relations:
        for cell in (relation[0], *relation[1]):
            by_cell.setdefault(cell, []).append(relation)
    for _ in range(max_rounds):
        targets = np.flatnonzero(hidden & in_relation)
        low = np.where(hidden, hidden_low, shown_low)
        high = np.where(hidden, np.inf, shown_high)
        failing = [i for i in attack_intervals(low=low, high=high, relations=relations, targets=targets)
                   if i.width < min_width - 1e-6]
        if not failing:
            return hidden
        for interval in failing:
            _widen(values=values, hidden=hidden, relations=by_cell.get(interval.cell, []), cell=interval.cell)
        hidden = secondary_suppress(values=values, hidden=hidden, relations=relations)
    return hidden


def _widen(*, values: np.ndarray, hidden: np.ndarray, relations: list[Relation], cell: int) -> None:
    """Hide one more cell next to a cell that failed the audit: the smallest non-zero shown member of one of its
    relations, else that relation's total."""
    for _total, members in relations:
        candidates = [m for m in members if not hidden[m] and values[m] > 0 and m != cell]
        if candidates:
            hidden[min(candidates, key=lambda m: (values[m], m))] = True
            return
    for total, _members in relations:
        if not hidden[total] and total != cell:
            hidden[total] = True
            return


def _cells_in_relations(relations: Sequence[Relation], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for total, members in relations:
        mask[total] = True
        mask[list(members)] = True
    return mask
