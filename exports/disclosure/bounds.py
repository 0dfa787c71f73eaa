"""Cheap proofs that a target is too narrow, before any exact linear programme (rule 9 (e)): bounds propagation.

Every row of the reader's programme, sum(a_k x_k) between its lower and upper bound, bounds each of its cells by
what the other cells of the row can add up to: a_k x_k <= upper - min(sum of the others), and likewise from below.
Applied to every row again and again, this shrinks each cell's box while keeping every point of the polytope P
inside it: the box is an *outer* bound. So its width is at least the reader's interval, and a target whose box is
already narrower than the rule book allows is narrow for certain (the exact audit would say so too) - that is all
propagation may decide. It can never show a target wide enough (a wide box may hold a narrow interval); that
takes two feasible points (`exports.disclosure.witness`).

Where this pays: a revision audited with earlier releases, where a figure hidden now was published before (a
shown 185 in release 1 and "grew since" pins the hidden figure to 183-190 in release 2), and most targets of the
first rounds are narrow. Pure: numpy, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Target = tuple[int, int | None]
MARGIN = 1e-5  # a box must be narrower than the limit by more than the solver's tolerance (so the answers agree)
SWEEPS = 30
RELAX_WITHIN = 4  # only a target whose box is within this many limits wide is worth a relaxation (speed only)
HOPS = 2  # the relaxation keeps the rows within this many steps of the target


def outer_box(*, matrix, row_lower: np.ndarray, row_upper: np.ndarray, low: np.ndarray, high: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray] | None:
    """(lower, upper) per cell, holding every point of the programme; None if propagation finds it empty."""
    lower = np.asarray(low, dtype=float).copy()
    upper = np.asarray(high, dtype=float).copy()
    if matrix is None or matrix.nnz == 0:
        return lower, upper
    matrix = matrix.tocsr()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols, coef = matrix.indices, matrix.data
    positive = coef > 0
    n_rows = matrix.shape[0]
    for _ in range(SWEEPS):
        before_lower, before_upper = lower.copy(), upper.copy()
        # each entry's least and greatest contribution a_k x_k
        least = np.where(positive, coef * lower[cols], coef * upper[cols])
        most = np.where(positive, coef * upper[cols], coef * lower[cols])
        least_inf, most_inf = ~np.isfinite(least), ~np.isfinite(most)
        least_sum = np.bincount(rows, weights=np.where(least_inf, 0.0, least), minlength=n_rows)
        most_sum = np.bincount(rows, weights=np.where(most_inf, 0.0, most), minlength=n_rows)
        least_count = np.bincount(rows, weights=least_inf, minlength=n_rows)
        most_count = np.bincount(rows, weights=most_inf, minlength=n_rows)
        # the others' least (greatest) sum: finite only when no other entry is unbounded that way
        others_least = np.where(least_count[rows] - least_inf > 0, -np.inf,
                                least_sum[rows] - np.where(least_inf, 0.0, least))
        others_most = np.where(most_count[rows] - most_inf > 0, np.inf,
                               most_sum[rows] - np.where(most_inf, 0.0, most))
        with np.errstate(invalid="ignore"):
            top = row_upper[rows] - others_least  # a_k x_k <= top
            bottom = row_lower[rows] - others_most  # a_k x_k >= bottom
        top = np.where(np.isnan(top), np.inf, top)
        bottom = np.where(np.isnan(bottom), -np.inf, bottom)
        new_upper = np.where(positive, top / coef, bottom / coef)
        new_lower = np.where(positive, bottom / coef, top / coef)
        slack = 1e-9 * (1.0 + np.abs(np.where(np.isfinite(new_upper), new_upper, 0.0)))
        np.minimum.at(upper, cols, new_upper + slack)  # widened by a hair against rounding in the sums
        slack = 1e-9 * (1.0 + np.abs(np.where(np.isfinite(new_lower), new_lower, 0.0)))
        np.maximum.at(lower, cols, new_lower - slack)
        if np.any(lower > upper + 1e-6):
            return None
        if np.allclose(lower, before_lower, rtol=0, atol=1e-9, equal_nan=True) and np.allclose(
                upper, before_upper, rtol=0, atol=1e-9, equal_nan=True):
            break
    return lower, upper


def proven_narrow(targets: Sequence[Target], *, matrix, row_lower: np.ndarray, row_upper: np.ndarray,
                  low: np.ndarray, high: np.ndarray, width: float, relax: bool = True) -> np.ndarray:
    """For each target, True where an outer bound on its interval is narrower than `width` (with a margin):
    narrow for certain. False means "not proven", not "wide".

    Two outer bounds, cheapest first: the propagated box; then (`relax`), for a target the box leaves open, a small
    relaxation - the rows lying wholly within `HOPS` steps of the target in the constraint graph, every cell held
    only to its box - minimised and maximised exactly. Dropping rows and keeping valid bounds only enlarges the
    polytope, so its interval holds the reader's."""
    found = np.zeros(len(targets), dtype=bool)
    box = outer_box(matrix=matrix, row_lower=row_lower, row_upper=row_upper, low=low, high=high)
    if box is None or not targets:
        return found
    lower, upper = box
    spread = upper - lower
    limit = width - 1e-6 - MARGIN
    matrix = matrix.tocsr()
    by_column = matrix.tocsc()
    for k, (a, b) in enumerate(targets):
        bound = spread[a] + (spread[b] if b is not None else 0.0)
        if np.isfinite(bound) and bound < limit:
            found[k] = True
        elif relax and np.isfinite(bound) and bound < RELAX_WITHIN * width:
            found[k] = _relaxed_width(matrix, by_column, row_lower, row_upper, lower, upper, a, b) < limit
    return found


def _relaxed_width(matrix, by_column, row_lower, row_upper, lower, upper, a: int, b: int | None) -> float:
    from exports.disclosure.highs import Block

    cells = {a} if b is None else {a, b}
    for _ in range(HOPS):
        rows = np.unique(np.concatenate([by_column.indices[by_column.indptr[c]:by_column.indptr[c + 1]]
                                         for c in cells]))
        cells |= set(matrix[rows].indices.tolist()) if len(rows) else set()
    columns = np.array(sorted(cells))
    inside = np.zeros(matrix.shape[1], dtype=bool)
    inside[columns] = True
    touching = np.unique(np.concatenate([by_column.indices[by_column.indptr[c]:by_column.indptr[c + 1]]
                                         for c in columns]))
    whole = [r for r in touching if inside[matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]]].all()]
    if not whole:
        return np.inf
    block = Block(columns, matrix[whole], row_lower[whole], row_upper[whole], lower, upper)
    try:
        high, low = block.solve(_costs(block, a, b), block.hs.ObjSense.kMaximize), block.solve(
            _costs(block, a, b), block.hs.ObjSense.kMinimize)
    except RuntimeError:
        return np.inf
    return high - low


def _costs(block, a: int, b: int | None) -> dict[int, float]:
    return {block.where[a]: 1.0} if b is None else {block.where[a]: 1.0, block.where[b]: -1.0}
