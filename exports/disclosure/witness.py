"""Cheap proofs that a hidden figure is wide enough, before any exact linear programme (rule 9 (e)).

What the audit must know for each target t (a cell, or the change of a cell between releases) is whether the
interval [min t, max t] over the reader's polytope P is at least `width` wide. A bound that only ever errs on the
safe side has to be a *lower* bound on that width, so it must come from inside P, not from around it:

- Interval (bounds) propagation over the relations gives an *outer* box: P's interval for t lies inside it. A
  propagated range 10 wide says nothing about the true one (which may be 2 wide), so propagation can prove a
  target narrow, never wide, and is not used to pass anything.
- Two feasible points are an inner bound: if y and z are both in P, the interval holds both y_t and z_t, so its
  width is at least |y_t - z_t|. The true figures are one point of P (every published interval holds its true
  value and a relation is added only where it holds on the true figures); this is checked, not assumed. Any
  other point y of P with |y_t - truth_t| >= width proves t wide enough.

The points are found cheaply on a *restriction* of P: every published (bounded) figure that is not a target is
held at its true value, so only hidden figures and the targets move. The restricted polytope is a subset of P, so
its points are points of P, and it falls apart into small blocks (hidden cells linked by relations), each a tiny
programme: push every open target of the block up (then down) at once, keep the targets that moved by `width`,
repeat. Every point is checked against the *whole* programme (all rows, all bounds) before it counts, so the
proof does not rest on the restriction or the solver being right. A target not proven here goes to the exact
audit (`Problem.intervals`). Pure: numpy and scipy, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from exports.disclosure.components import connected_parts
from exports.disclosure.highs import MEMO, Block

Target = tuple[int, int | None]
TOLERANCE = 1e-7  # a point counts as feasible within the solver's own feasibility tolerance
ROUNDS = 8
STAGES = 2
KEPT_FIGURES = 4_000_000  # points kept as witnesses for other targets: at most this many figures (32 MB)


def keep(found: list[np.ndarray] | None, point: np.ndarray) -> None:
    """Add a checked point to `found` (if given) while the kept points hold at most `KEPT_FIGURES` figures."""
    if found is not None and (len(found) + 1) * len(point) <= KEPT_FIGURES:
        found.append(point)


def feasible(point: np.ndarray, *, matrix, row_lower: np.ndarray, row_upper: np.ndarray, low: np.ndarray,
             high: np.ndarray, tolerance: float = TOLERANCE) -> bool:
    """Whether `point` satisfies every bound and every row of the programme."""
    if np.any(point < low - tolerance) or np.any(point > high + tolerance):
        return False
    if matrix is None:
        return True
    rows = matrix @ point
    return not (np.any(rows < row_lower - tolerance) or np.any(rows > row_upper + tolerance))


def proven_wide(targets: Sequence[Target], *, matrix, row_lower: np.ndarray, row_upper: np.ndarray,
                low: np.ndarray, high: np.ndarray, truth: np.ndarray, width: float,
                found: list[np.ndarray] | None = None) -> np.ndarray:
    """For each target, True where two checked feasible points (the truth and one found here) are at least
    `width` apart on it: a proof that the reader's interval is wide enough. False means "not proven", not
    "narrow". Every checked point found is added to `found`, if given (witnesses for other targets)."""
    proven = np.zeros(len(targets), dtype=bool)
    truth = np.asarray(truth, dtype=float)
    bounds = {"matrix": matrix, "row_lower": row_lower, "row_upper": row_upper, "low": low, "high": high}
    if not targets or matrix is None or not feasible(truth, **bounds):
        return proven
    cap = np.maximum(truth, 0.0) + 10 * width  # a capped point is still a point of P
    capped_high = np.where(np.isfinite(high), high, cap)
    value = np.array([truth[a] - (truth[b] if b is not None else 0.0) for a, b in targets])
    free = ~np.isfinite(high)  # 1. hidden cells and targets move, published figures stay at their true values
    for a, b in targets:
        free[a] = True
        if b is not None:
            free[b] = True
    net = matrix @ np.where(free, 0.0, truth)  # the rows' share of the figures held at their true values
    stages = ((free, row_lower - net, row_upper - net, True),
              (np.ones(len(low), dtype=bool), row_lower, row_upper, False))  # 2. every figure moves
    for moving, lower, upper, each in stages[:STAGES]:
        open_ = [k for k in range(len(targets)) if not proven[k]]
        if not open_:
            break
        columns = np.flatnonzero(moving)
        restricted = matrix[:, columns].tocsr()
        labels = connected_parts(restricted, len(columns))
        pinned = _pinned(targets, columns, restricted, lower, upper, low, capped_high, width) if each else set()
        block_of = np.full(len(low), -1)
        block_of[columns] = labels
        by_block: dict[int, list[int]] = {}
        for k in open_:
            a, b = targets[k]
            if b is None or block_of[a] == block_of[b]:
                by_block.setdefault(int(block_of[a]), []).append(k)
        for label, members in by_block.items():
            cols = columns[labels == label]
            block = Block(cols, matrix, lower, upper, low, capped_high)
            local = [(block.where[targets[k][0]], None if targets[k][1] is None else block.where[targets[k][1]])
                     for k in members]
            key = block.fingerprint("witness", truth[cols].tobytes(), tuple(local), width, each)
            answer = MEMO.get(key)
            if answer is None:
                answer = _push(block, cols, members, targets, value, truth, bounds, width, each=each,
                               pinned=pinned, found=found)
                MEMO.put(key, answer)
            for k, ok in zip(members, answer, strict=True):
                proven[k] = ok
    return proven


def _pinned(targets: Sequence[Target], columns: np.ndarray, restricted, lower: np.ndarray, upper: np.ndarray,
            low: np.ndarray, high: np.ndarray, width: float) -> set[int]:
    """The targets that no point of the restricted programme can move by `width`: its outer box (bounds
    propagation, `exports.disclosure.bounds`) holds them narrower than that, with the margin the narrow proof
    uses. Pushing such a target on its own could never prove it, so `_push` does not try (same answers, fewer
    programmes solved)."""
    from exports.disclosure.bounds import MARGIN, outer_box

    box = outer_box(matrix=restricted, row_lower=lower, row_upper=upper, low=low[columns], high=high[columns])
    if box is None:
        return set()
    spread = np.full(len(low), np.inf)
    spread[columns] = box[1] - box[0]
    limit = width - 1e-6 - MARGIN
    return {k for k, (a, b) in enumerate(targets) if spread[a] + (spread[b] if b is not None else 0.0) < limit}


def _checked_point(block: Block, costs: dict, sense, cols: np.ndarray, truth: np.ndarray,
                   bounds: dict) -> np.ndarray | None:
    """The block's optimum for `costs` as a whole point (every other figure at its true value), or None when the
    solver fails or the point is not feasible for the whole programme: only a checked point may prove anything."""
    try:
        block.solve(costs, sense)
    except RuntimeError:
        return None
    point = truth.copy()
    point[cols] = block.solution()
    return point if feasible(point, **bounds) else None


def _push(block: Block, cols: np.ndarray, members: list[int], targets: Sequence[Target], value: np.ndarray,
          truth: np.ndarray, bounds: dict, width: float, each: bool, pinned: set[int] = frozenset(),
          found: list[np.ndarray] | None = None) -> tuple[bool, ...]:
    """The group pass on one block: maximise (then minimise) the sum of the open targets; a target whose value at
    the checked point is `width` from the truth is proven. With `each` (small blocks), a target still open is then
    pushed up and down on its own: two checked points `width` apart prove it too."""
    done = dict.fromkeys(members, False)
    for sense, sign in ((block.hs.ObjSense.kMaximize, 1.0), (block.hs.ObjSense.kMinimize, -1.0)):
        for _ in range(ROUNDS):
            open_ = [k for k in members if not done[k]]
            if not open_:
                break
            costs: dict[int, float] = {}
            for k in open_:
                a, b = targets[k]
                costs[block.where[a]] = costs.get(block.where[a], 0.0) + 1.0
                if b is not None:
                    costs[block.where[b]] = costs.get(block.where[b], 0.0) - 1.0
            point = _checked_point(block, costs, sense, cols, truth, bounds)
            if point is None:
                break
            keep(found, point)
            moved = [k for k in open_ if sign * (point[targets[k][0]] - (point[targets[k][1]] if targets[k][1]
                                                                         is not None else 0.0) - value[k])
                     >= width - 1e-6]
            if not moved:
                break
            for k in moved:
                done[k] = True
    for k in [k for k in members if not done[k] and k not in pinned] if each else []:
        a, b = targets[k]
        costs = {block.where[a]: 1.0} if b is None else {block.where[a]: 1.0, block.where[b]: -1.0}
        ends = []
        for sense in (block.hs.ObjSense.kMaximize, block.hs.ObjSense.kMinimize):
            point = _checked_point(block, costs, sense, cols, truth, bounds)
            if point is None:
                break
            keep(found, point)
            ends.append(point[a] - (point[b] if b is not None else 0.0))
        done[k] = len(ends) == 2 and ends[0] - ends[1] >= width - 1e-6
    return tuple(done[k] for k in members)
