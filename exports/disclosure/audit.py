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
a target - one variable, or a difference of two - with scipy's HiGHS. Pure: numpy and scipy, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

Target = tuple[int, int | None]  # (variable, variable subtracted or None): x[a] or x[a] - x[b]
Ratio = tuple[tuple[int, ...], tuple[int, ...]]  # (numerator variables, denominator variables): sum(x[n]) / sum(x[d])


@dataclass
class Problem:
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    equalities: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)  # x[total] = sum(x[members])
    inequalities: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)  # sum(a) <= sum(b)

    def add(self, low: float, high: float) -> int:
        self.low.append(float(low))
        self.high.append(float(high))
        return len(self.low) - 1

    def matrices(self):
        from scipy.sparse import coo_matrix

        n = len(self.low)

        def build(rows_of):
            rows: list[int] = []
            cols: list[int] = []
            data: list[float] = []
            for r, terms in enumerate(rows_of):
                for c, v in terms:
                    rows.append(r)
                    cols.append(c)
                    data.append(v)
            if not rows_of:
                return None
            return coo_matrix((data, (rows, cols)), shape=(len(rows_of), n)).tocsr()

        eq = build([[(t, 1.0), *((m, -1.0) for m in members)] for t, members in self.equalities])
        ub = build([[*((p, 1.0) for p in parts), *((w, -1.0) for w in whole)] for parts, whole in self.inequalities])
        return eq, ub

    def narrow(self, targets: Sequence[Target], *, truth: np.ndarray, width: float) -> list[bool]:
        """For each target, whether a reader can bound it to an interval narrower than `width`.

        The true figures are a feasible point, so a target's interval holds its true value; any other feasible
        point where the target is `width` away from it proves the interval wide enough. A few programmes that
        push all open targets up (then down) at once settle most targets; only the rest are solved one by one
        (`intervals`). Unbounded cells are capped for the group pass only (a capped point is still feasible)."""
        truth = np.asarray(truth, dtype=float)
        value = np.array([truth[a] - (truth[b] if b is not None else 0.0) for a, b in targets])
        open_ = list(range(len(targets)))
        for sign in (1.0, -1.0):
            for _ in range(8):
                if not open_:
                    break
                point = self._group_point([targets[i] for i in open_], sign, truth, width)
                if point is None:
                    break
                moved = [i for i in open_ if sign * (self._value(point, targets[i]) - value[i]) >= width - 1e-6]
                if not moved:
                    break
                open_ = [i for i in open_ if i not in set(moved)]
        result = [False] * len(targets)
        if open_:
            found = self.intervals([targets[i] for i in open_], truth=truth, width=width)
            for i, (low, high) in zip(open_, found, strict=True):
                result[i] = high - low < width - 1e-6
        return result

    @staticmethod
    def _value(point: np.ndarray, target: Target) -> float:
        a, b = target
        return float(point[a] - (point[b] if b is not None else 0.0))

    def _group_point(self, targets: Sequence[Target], sign: float, truth: np.ndarray, width: float):
        from scipy.optimize import linprog

        n = len(self.low)
        c = np.zeros(n)
        for a, b in targets:
            c[a] -= sign
            if b is not None:
                c[b] += sign
        eq, ub = self.matrices()
        cap = np.maximum(truth, 0) + 10 * width
        bounds = [(lo, hi if np.isfinite(hi) else cap[k]) for k, (lo, hi) in enumerate(zip(self.low, self.high,
                                                                                          strict=True))]
        kwargs = {"bounds": bounds, "method": "highs"}
        if eq is not None:
            kwargs.update(A_eq=eq, b_eq=np.zeros(eq.shape[0]))
        if ub is not None:
            kwargs.update(A_ub=ub, b_ub=np.zeros(ub.shape[0]))
        found = linprog(c, **kwargs)
        return found.x if found.status == 0 else None

    def _components(self):
        """The reader's programme as one sparse matrix (equalities, then inequalities as <= 0), its row bounds, the
        connected part of the constraint graph each cell belongs to, and the cells' bounds."""
        from scipy.sparse import vstack
        from scipy.sparse.csgraph import connected_components

        n = len(self.low)
        eq, ub = self.matrices()
        blocks = [m for m in (eq, ub) if m is not None]
        matrix = vstack(blocks).tocsr() if blocks else None
        row_upper = np.zeros(matrix.shape[0]) if matrix is not None else np.zeros(0)
        row_lower = np.concatenate([np.zeros(eq.shape[0]) if eq is not None else np.zeros(0),
                                    np.full(ub.shape[0], -np.inf) if ub is not None else np.zeros(0)])
        if matrix is not None:
            incidence = matrix.copy()
            incidence.data[:] = 1.0
            _, labels = connected_components((incidence.T @ incidence).tocsr(), directed=False)
        else:
            labels = np.arange(n)
        low = np.asarray(self.low, dtype=float)
        high = np.asarray(self.high, dtype=float)
        return matrix, row_lower, row_upper, labels, low, high

    def intervals(self, targets: Sequence[Target], *, truth: np.ndarray | None = None, width: float = np.inf
                  ) -> list[tuple[float, float]]:
        """For each target, (min, max) a reader can prove (max may be inf). Each target is solved on its connected
        component of the constraint graph, with one HiGHS model per component re-solved from the previous basis
        for each objective (same answers as solving from scratch, many times faster)."""
        matrix, row_lower, row_upper, labels, low, high = self._components()
        solvers: dict[int, _Component] = {}
        result = []
        for a, b in targets:
            if b is not None and labels[a] != labels[b]:
                (lo_a, hi_a), (lo_b, hi_b) = self.intervals([(a, None), (b, None)])
                result.append((lo_a - hi_b, hi_a - lo_b))
                continue
            label = int(labels[a])
            if label not in solvers:
                solvers[label] = _Component(np.flatnonzero(labels == label), matrix, row_lower, row_upper, low, high)
            value = None if truth is None else float(truth[a] - (truth[b] if b is not None else 0.0))
            result.append(solvers[label].interval(a, b, value=value, width=width))
        return result

    def ratios_narrow(self, targets: Sequence[Ratio], *, truth: np.ndarray, width: float) -> list[bool]:
        """For each ratio target (a hidden rate), whether a reader can bound sum(x[num]) / sum(x[den]) to an
        interval narrower than `width` (a fraction: 0.1 is 10 percentage points).

        The ratio of two linear forms over the reader's polytope takes every value between its minimum and its
        maximum; each is found with Dinkelbach's method (maximise num - t * den, set t to the ratio at the optimum,
        repeat), each step a linear programme on the targets' connected part of the constraint graph. A target
        stops as soon as it is shown wide enough."""
        truth = np.asarray(truth, dtype=float)
        matrix, row_lower, row_upper, labels, low, high = self._components()
        solvers: dict[tuple[int, ...], _Component] = {}
        result = []
        for num, den in targets:
            parts = tuple(sorted({int(labels[v]) for v in (*num, *den)}))
            if parts not in solvers:
                solvers[parts] = _Component(np.flatnonzero(np.isin(labels, parts)), matrix, row_lower, row_upper,
                                            low, high)
            value = truth[list(num)].sum() / max(truth[list(den)].sum(), 1e-9)
            result.append(solvers[parts].ratio_narrow(num, den, value=value, width=width))
        return result


class _Component:
    """One connected component as a HiGHS model; objectives change, constraints stay."""

    def __init__(self, cols, matrix, row_lower, row_upper, low, high) -> None:
        highspy = _highs()

        self.where = {int(c): k for k, c in enumerate(cols)}
        self.n = len(cols)
        self.low = low[cols]
        lp = highspy.HighsLp()
        lp.num_col_ = self.n
        lp.col_cost_ = np.zeros(self.n)
        lp.col_lower_ = self.low
        lp.col_upper_ = np.where(np.isfinite(high[cols]), high[cols], highspy.kHighsInf)
        if matrix is not None:
            sub = matrix[:, cols].tocsr()
            rows = np.flatnonzero(np.diff(sub.indptr) > 0)
            sub = sub[rows].tocsc()
            lp.num_row_ = len(rows)
            lp.row_lower_ = np.where(np.isfinite(row_lower[rows]), row_lower[rows], -highspy.kHighsInf)
            lp.row_upper_ = row_upper[rows]
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = sub.indptr
            lp.a_matrix_.index_ = sub.indices
            lp.a_matrix_.value_ = sub.data
            lp.a_matrix_.num_col_ = self.n
            lp.a_matrix_.num_row_ = len(rows)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")  # keep the basis between objectives (warm start)
        self.highs.passModel(lp)
        self.cost_cols: list[int] = []
        self.hs = highspy

    def _solve(self, costs: dict[int, float], sense) -> float:
        columns = sorted(set(self.cost_cols) | set(costs))
        self.highs.changeColsCost(len(columns), np.array(columns, dtype=np.int32),
                                  np.array([costs.get(c, 0.0) for c in columns]))
        self.cost_cols = list(costs)
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == self.hs.HighsModelStatus.kOptimal:
            return float(self.highs.getInfo().objective_function_value)
        if status in (self.hs.HighsModelStatus.kUnbounded, self.hs.HighsModelStatus.kUnboundedOrInfeasible):
            return np.inf if sense == self.hs.ObjSense.kMaximize else -np.inf
        raise RuntimeError(f"disclosure audit: the reader's programme is {self.highs.modelStatusToString(status)}")

    def ratio_narrow(self, num: Sequence[int], den: Sequence[int], *, value: float, width: float) -> bool:
        bounds = []
        for sense, sign in ((self.hs.ObjSense.kMaximize, 1.0), (self.hs.ObjSense.kMinimize, -1.0)):
            t = value
            for _ in range(30):
                costs: dict[int, float] = {}
                for v in num:
                    costs[self.where[v]] = costs.get(self.where[v], 0.0) + 1.0
                for v in den:
                    costs[self.where[v]] = costs.get(self.where[v], 0.0) - t
                best = self._solve(costs, sense)
                if not np.isfinite(best):
                    return False  # unbounded: wide enough
                x = np.asarray(self.highs.getSolution().col_value)
                top = sum(x[self.where[v]] for v in num)
                bottom = sum(x[self.where[v]] for v in den)
                if bottom <= 1e-9:
                    return False  # the denominator can be 0: the rate can be anything
                found = top / bottom
                if sign * best <= 1e-9 or sign * (found - t) <= 1e-9:
                    break
                t = found
                if sign * (t - value) >= width - 1e-9:
                    return False  # wide enough on this side alone
            bounds.append(t)
        high, low = bounds
        return high - low < width - 1e-9

    def interval(self, a: int, b: int | None, *, value: float | None = None, width: float = np.inf
                 ) -> tuple[float, float]:
        costs = {self.where[a]: 1.0}
        if b is not None:
            costs[self.where[b]] = -1.0
        high = self._solve(costs, self.hs.ObjSense.kMaximize)
        if not np.isfinite(high):
            return (-np.inf if b is not None else float(self.low[self.where[a]]), np.inf)
        if value is not None and high - value >= width:
            return value, high  # wide enough whatever the minimum is (at most the true value)
        return self._solve(costs, self.hs.ObjSense.kMinimize), high


def _highs():
    """HiGHS's Python interface: the one scipy ships (scipy is pinned in requirements.txt; `linprog` uses the same
    solver), so the audit needs no library of its own. Exposes the names the `highspy` package uses."""
    from types import SimpleNamespace

    from scipy.optimize._highspy import _core

    return SimpleNamespace(Highs=_core._Highs, HighsLp=_core.HighsLp, MatrixFormat=_core.MatrixFormat,
                           HighsModelStatus=_core.HighsModelStatus, ObjSense=_core.ObjSense, kHighsInf=_core.kHighsInf)
