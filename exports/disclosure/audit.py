"""Rule 9 (e) over everything a reader holds: the joint linear-programming audit of a release.

A reader of a release knows, for every count and FTE cell of every table, an interval (a shown 15 is 13-17, 0 is
exact, [c] is "at least 0 or 1"). They also know:

- additive relations: a total row is the sum of its category rows, in every table, and the same cell (measure and
  non-total labels) is the same figure wherever it appears (tables share margins);
- logical relations between measures of the same cell (`exports.disclosure.relations`): hourly-paid plus
  salaried staff are at most the staff, zero-hours staff at most the staff, HCV visa holders at most the
  non-British staff, FTE at most the headcount, ...;
- every earlier release of the same round, with the same relations, and that returns were only added or changed
  between releases: for a cell that grew, the later figure is at least the earlier one, and the change B - A of a
  cell obeys the same logical relations as a table of its own (both given only where they hold in truth, which
  makes the attacker as strong as can be).

`Problem` collects variables (one per cell per release), bounds and relations; `intervals` minimises and maximises
a target - one variable, or a difference of two - with scipy's HiGHS. `narrow` answers "is it narrower than the
rule book allows?" for many targets, cheapest first:

1. cheap proofs: an outer box from bounds propagation narrower than `width` proves a target narrow
   (`exports.disclosure.bounds`); feasible points found on small blocks of hidden cells, each checked against the
   whole programme, `width` apart prove it wide enough (`exports.disclosure.witness`);
2. the exact audit, only for the targets left: each on its connected component of the constraint graph (the
   independent blocks: no row links two components), one HiGHS model per component re-solved per objective,
   each optimum checked as a witness for the component's later targets (`_Witnesses`); the small relaxations of
   `bounds` only when earlier releases are audited too (where they pay);
3. both keyed by a fingerprint of the block's constraints and bounds (`exports.disclosure.highs.MEMO`), so an
   unchanged block is not solved twice in a process.

Pure: numpy and scipy, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from exports.disclosure.bounds import proven_narrow
from exports.disclosure.components import connected_parts
from exports.disclosure.highs import MEMO, Block
from exports.disclosure.sparse import Rows, stack
from exports.disclosure.witness import feasible, keep, proven_wide

Target = tuple[int, int | None]  # (variable, variable subtracted or None): x[a] or x[a] - x[b]
Ratio = tuple[tuple[int, ...], tuple[int, ...]]  # (numerator variables, denominator variables): sum(x[n]) / sum(x[d])


@dataclass
class Problem:
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    equalities: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)  # x[total] = sum(x[members])
    inequalities: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)  # sum(a) <= sum(b)
    _built: tuple | None = field(default=None, repr=False, compare=False)
    # points of the programme found by `narrow` (each checked against the whole programme when found, and again
    # against the bounds of the moment when used): witnesses for `ratios_narrow`
    points: list[np.ndarray] = field(default_factory=list, repr=False, compare=False)

    def add(self, low: float, high: float) -> int:
        self.low.append(float(low))
        self.high.append(float(high))
        return len(self.low) - 1

    def matrices(self):
        """(equalities, inequalities) as scipy CSR matrices over every variable (None where there are none)."""
        eq, ub = self._rows()
        return (eq.to_scipy() if eq is not None else None), (ub.to_scipy() if ub is not None else None)

    def _rows(self):
        """(equalities, inequalities) as `exports.disclosure.sparse.Rows` (None where there are none)."""
        n = len(self.low)

        def build(rows_of: list[tuple[tuple[int, ...], tuple[int, ...]]]):
            if not rows_of:
                return None
            sizes = np.array([len(p) + len(m) for p, m in rows_of])
            cols = np.fromiter((c for p, m in rows_of for c in (*p, *m)), dtype=np.int64, count=int(sizes.sum()))
            data = np.concatenate([np.concatenate([np.ones(len(p)), -np.ones(len(m))]) for p, m in rows_of])
            rows = np.repeat(np.arange(len(rows_of)), sizes)
            return Rows.from_entries(rows, cols, data, (len(rows_of), n))

        eq = build([((t,), members) for t, members in self.equalities])
        ub = build([(parts, whole) for parts, whole in self.inequalities])
        return eq, ub

    def narrow(self, targets: Sequence[Target], *, truth: np.ndarray, width: float, relax: bool = True
               ) -> list[bool]:
        """For each target, whether a reader can bound it to an interval narrower than `width`.

        Cheapest first, each stage only deciding what it can prove: targets whose outer box from bounds
        propagation is already too narrow are narrow (`exports.disclosure.bounds`); targets with two checked
        feasible points `width` apart are wide enough (`exports.disclosure.witness`); targets whose small
        relaxation is too narrow are narrow (`bounds` again); the rest are solved exactly
        (`intervals`), and answers are remembered by the fingerprint of the component they were solved on.
        `relax=False` leaves out the relaxations (they only ever prove what the exact audit would: speed only)."""
        truth = np.asarray(truth, dtype=float)
        matrix, row_lower, row_upper, labels, low, high = self._components()
        rows = {"matrix": matrix, "row_lower": row_lower, "row_upper": row_upper, "low": low, "high": high}
        result = proven_narrow(targets, **rows, width=width, relax=False).tolist()  # the box alone: cheapest
        rest = [i for i in range(len(targets)) if not result[i]]
        proven = proven_wide([targets[i] for i in rest], **rows, truth=truth, width=width, found=self.points)
        rest = [i for i, ok in zip(rest, proven, strict=True) if not ok]
        narrow = (proven_narrow([targets[i] for i in rest], **rows, width=width) if relax  # small relaxations
                  else [False] * len(rest))
        for i, ok in zip(rest, narrow, strict=True):
            result[i] = bool(ok)
        open_ = [i for i, ok in zip(rest, narrow, strict=True) if not ok]
        if open_:
            found = self.intervals([targets[i] for i in open_], truth=truth, width=width)
            for i, (lo, hi) in zip(open_, found, strict=True):
                result[i] = hi - lo < width - 1e-6
        return result

    def _components(self):
        """The reader's programme as one sparse matrix (equalities, then inequalities as <= 0), its row bounds, the
        connected part of the constraint graph each cell belongs to, and the cells' bounds. The matrix and the
        parts are built once per set of relations (an audit round changes bounds only)."""
        size = (len(self.low), len(self.equalities), len(self.inequalities))
        if self._built is None or self._built[0] != size:
            self._built = (size, self._structure())
        matrix, row_lower, row_upper, labels = self._built[1]
        return matrix, row_lower, row_upper, labels, np.asarray(self.low, dtype=float), np.asarray(self.high,
                                                                                                      dtype=float)

    def _structure(self):
        n = len(self.low)
        eq, ub = self._rows()
        blocks = [m for m in (eq, ub) if m is not None]
        matrix = stack(blocks) if blocks else None
        row_upper = np.zeros(matrix.shape[0]) if matrix is not None else np.zeros(0)
        row_lower = np.concatenate([np.zeros(eq.shape[0]) if eq is not None else np.zeros(0),
                                    np.full(ub.shape[0], -np.inf) if ub is not None else np.zeros(0)])
        return matrix, row_lower, row_upper, connected_parts(matrix, n)

    def intervals(self, targets: Sequence[Target], *, truth: np.ndarray | None = None, width: float = np.inf
                  ) -> list[tuple[float, float]]:
        """For each target, (min, max) a reader can prove (max may be inf). Each target is solved on its connected
        component of the constraint graph, with one HiGHS model per component re-solved from the previous basis
        for each objective (same answers as solving from scratch, many times faster). With `truth` and `width`
        a target may stop once shown wide enough: its (min, max) is then only as wide as needed to say so.
        Answers are remembered by the component's fingerprint (`MEMO`)."""
        matrix, row_lower, row_upper, labels, low, high = self._components()
        solvers: dict[int, Block] = {}
        result = []
        witnessed = self._witnesses(targets, truth=truth, width=width, matrix=matrix, row_lower=row_lower,
                                    row_upper=row_upper, labels=labels, low=low, high=high)
        for k, (a, b) in enumerate(targets):
            if k in witnessed.found:
                result.append(witnessed.found[k])
                continue
            if b is not None and labels[a] != labels[b]:
                (lo_a, hi_a), (lo_b, hi_b) = self.intervals([(a, None), (b, None)])
                result.append((lo_a - hi_b, hi_a - lo_b))
                continue
            label = int(labels[a])
            if label not in solvers:
                solvers[label] = Block(np.flatnonzero(labels == label), matrix, row_lower, row_upper, low, high)
            block = solvers[label]
            value = None if truth is None else float(truth[a] - (truth[b] if b is not None else 0.0))
            local = (block.where[a], None if b is None else block.where[b])
            key = block.fingerprint("interval", local, value, width)
            found = MEMO.get(key)
            if found is None:
                found = block.interval(a, b, value=value, width=width, seen=witnessed.after(k, block))
                MEMO.put(key, found)
            result.append(found)
        return result

    def _witnesses(self, targets: Sequence[Target], *, truth: np.ndarray | None, width: float, labels: np.ndarray,
                   **programme) -> _Witnesses:
        return _Witnesses(targets=targets, truth=truth, width=width, labels=labels, programme=programme,
                          points=self.points)

    def ratios_narrow(self, targets: Sequence[Ratio], *, truth: np.ndarray, width: float) -> list[bool]:
        """For each ratio target (a hidden rate), whether a reader can bound sum(x[num]) / sum(x[den]) to an
        interval narrower than `width` (a fraction: 0.1 is 10 percentage points).

        The ratio of two linear forms over the reader's polytope takes every value between its minimum and its
        maximum; each is found with Dinkelbach's method (maximise num - t * den, set t to the ratio at the optimum,
        repeat), each step a linear programme on the targets' connected part of the constraint graph. A target
        stops as soon as it is shown wide enough. Before any of that, the points `narrow` found (`points`) are
        tried: one that is a point of the programme as it stands (checked again) and puts the ratio `width` from
        its true value proves it wide enough, as in `exports.disclosure.witness` (speed only: same answers)."""
        truth = np.asarray(truth, dtype=float)
        matrix, row_lower, row_upper, labels, low, high = self._components()
        solvers: dict[tuple[int, ...], Block] = {}
        result = []
        checked: dict[int, bool] = {}
        for num, den in targets:
            if self._ratio_witnessed(num, den, truth=truth, width=width, checked=checked, matrix=matrix,
                                     row_lower=row_lower, row_upper=row_upper, low=low, high=high):
                result.append(False)
                continue
            parts = tuple(sorted({int(labels[v]) for v in (*num, *den)}))
            if parts not in solvers:
                solvers[parts] = Block(np.flatnonzero(np.isin(labels, parts)), matrix, row_lower, row_upper,
                                       low, high)
            block = solvers[parts]
            value = truth[list(num)].sum() / max(truth[list(den)].sum(), 1e-9)
            key = block.fingerprint("ratio", tuple(block.where[v] for v in num), tuple(block.where[v] for v in den),
                                    float(value), width)
            found = MEMO.get(key)
            if found is None:
                found = block.ratio_narrow(num, den, value=value, width=width)
                MEMO.put(key, found)
            result.append(found)
        return result

    def _ratio_witnessed(self, num: Sequence[int], den: Sequence[int], *, truth: np.ndarray, width: float,
                         checked: dict[int, bool], **programme) -> bool:
        """Whether a kept point of the programme puts sum(x[num]) / sum(x[den]) at least `width` from its true value
        (the truth is a point too, so the ratio's interval is at least that wide). `checked`: each point's
        feasibility for the programme as it stands, worked out once."""
        bottom = truth[list(den)].sum()
        if bottom <= 1e-9:
            return False
        value = truth[list(num)].sum() / bottom
        for k, point in enumerate(self.points):
            below = point[list(den)].sum()
            if below <= 1e-9 or abs(point[list(num)].sum() / below - value) < width + 1e-6:
                continue
            if k not in checked:
                checked[k] = len(point) == len(programme["low"]) and feasible(point, **programme)
            if checked[k]:
                return True
        return False


@dataclass
class _Witnesses:
    """Every optimum the exact audit finds is a point of the reader's polytope: a later target of the same component
    that it already puts `width` from its true value is wide enough (as in `exports.disclosure.witness`: the point
    is checked against the whole programme first), so that target needs no programme of its own. Its (min, max) is
    then only as wide as needed to say so. Speed only: a target is found wide only where the exact interval, which
    holds the truth and this point, is at least as wide."""

    targets: Sequence[Target]
    truth: np.ndarray | None
    width: float
    labels: np.ndarray
    programme: dict
    points: list[np.ndarray] = field(default_factory=list)  # every checked point is kept here as well
    found: dict[int, tuple[float, float]] = field(default_factory=dict)

    def after(self, k: int, block: Block):
        """What `Block.interval` calls with each optimum it finds while solving target `k` (None: nothing to do)."""
        if self.truth is None or not np.isfinite(self.width):
            return None
        label = self.labels[self.targets[k][0]]
        later = [j for j in range(k + 1, len(self.targets)) if j not in self.found
                 and self.labels[self.targets[j][0]] == label
                 and (self.targets[j][1] is None or self.labels[self.targets[j][1]] == label)]
        if not later:
            return None

        def seen(local: np.ndarray) -> None:
            point = self.truth.copy()
            point[block.cols] = local
            if not feasible(point, matrix=self.programme["matrix"], row_lower=self.programme["row_lower"],
                            row_upper=self.programme["row_upper"], low=self.programme["low"],
                            high=self.programme["high"]):
                return
            keep(self.points, point)
            for j in later:
                if j in self.found:
                    continue
                a, b = self.targets[j]
                value = self.truth[a] - (self.truth[b] if b is not None else 0.0)
                moved = point[a] - (point[b] if b is not None else 0.0)
                if abs(moved - value) >= self.width - 1e-6:
                    self.found[j] = (min(moved, value), max(moved, value))

        return seen
