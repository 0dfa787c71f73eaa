"""One block of the reader's programme as a HiGHS model: constraints fixed, objectives changed and re-solved from
the previous basis (same answers as solving from scratch, many times faster). Used by `exports.disclosure.audit`
(exact intervals) and `exports.disclosure.witness` (feasible points). Pure: numpy and scipy, no Django."""

from __future__ import annotations

import hashlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from functools import cache
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import SimpleNamespace

import numpy as np


class Block:
    """The columns `cols` of `matrix` (CSR, every row of the programme) with the rows that touch them, as a HiGHS
    model. `row_lower`/`row_upper` are the rows' bounds (already net of any columns held fixed outside the
    block), `low`/`high` the columns' bounds over all columns (high may be inf)."""

    def __init__(self, cols: np.ndarray, matrix, row_lower: np.ndarray, row_upper: np.ndarray, low: np.ndarray,
                 high: np.ndarray) -> None:
        highspy = _highs()
        cols = np.asarray(cols)
        self.cols = cols
        self.where = {int(c): k for k, c in enumerate(cols)}
        self.n = len(cols)
        self.low = low[cols]
        self.high = high[cols]
        lp = highspy.HighsLp()
        lp.num_col_ = self.n
        lp.col_cost_ = np.zeros(self.n)
        lp.col_lower_ = self.low
        lp.col_upper_ = np.where(np.isfinite(self.high), self.high, highspy.kHighsInf)
        self.key_parts: list[bytes] = [self.low.tobytes(), self.high.tobytes()]
        if matrix is not None:
            sub = matrix[:, cols].tocsr()
            rows = np.flatnonzero(np.diff(sub.indptr) > 0)
            sub = sub[rows].tocsc()
            sub.sort_indices()
            lower, upper = row_lower[rows], row_upper[rows]
            lp.num_row_ = len(rows)
            lp.row_lower_ = np.where(np.isfinite(lower), lower, -highspy.kHighsInf)
            lp.row_upper_ = np.where(np.isfinite(upper), upper, highspy.kHighsInf)
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = sub.indptr
            lp.a_matrix_.index_ = sub.indices
            lp.a_matrix_.value_ = sub.data
            lp.a_matrix_.num_col_ = self.n
            lp.a_matrix_.num_row_ = len(rows)
            self.key_parts += [sub.indptr.astype(np.int64).tobytes(), sub.indices.astype(np.int64).tobytes(),
                               sub.data.tobytes(), lower.tobytes(), upper.tobytes()]
        self.lp = lp
        self._highs_model = None
        self.cost_cols: list[int] = []
        self.hs = highspy

    def fingerprint(self, *extra: Hashable) -> str:
        """A hash of the block's constraints and bounds (with `extra`, e.g. the targets in local numbering and the
        width): two blocks with the same fingerprint are the same programme up to the numbering of columns, so
        they give the same answers."""
        digest = hashlib.sha256()
        for part in self.key_parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        digest.update(repr(extra).encode())
        return digest.hexdigest()

    @property
    def highs(self):
        if self._highs_model is None:  # built on first solve: a block answered from the cache never is
            model = self.hs.Highs()
            model.setOptionValue("output_flag", False)
            model.setOptionValue("presolve", "off")  # keep the basis between objectives (warm start)
            # only the objective changes between solves, so the last basis stays primal feasible: the primal
            # simplex goes on from it (about 2.5 times faster here than HiGHS's default, the dual)
            model.setOptionValue("simplex_strategy", 4)
            model.passModel(self.lp)
            self._highs_model = model
        return self._highs_model

    def solve(self, costs: dict[int, float], sense) -> float:
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

    def solution(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value, dtype=float)

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
                best = self.solve(costs, sense)
                if not np.isfinite(best):
                    return False  # unbounded: wide enough
                x = self.solution()
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

    def interval(self, a: int, b: int | None, *, value: float | None = None, width: float = np.inf,
                 seen: Callable[[np.ndarray], None] | None = None) -> tuple[float, float]:
        """(min, max) of x[a] (- x[b]); `seen`, if given, is called with each optimum found (the block's columns)."""
        costs = {self.where[a]: 1.0}
        if b is not None:
            costs[self.where[b]] = -1.0
        high = self.solve(costs, self.hs.ObjSense.kMaximize)
        if not np.isfinite(high):
            return (-np.inf if b is not None else float(self.low[self.where[a]]), np.inf)
        if seen is not None:
            seen(self.solution())
        if value is not None and high - value >= width:
            return value, high  # wide enough whatever the minimum is (at most the true value)
        low = self.solve(costs, self.hs.ObjSense.kMinimize)
        if seen is not None and np.isfinite(low):
            seen(self.solution())
        return low, high


class Memo:
    """Answers of solved blocks by fingerprint, kept for the life of the process (bounded, oldest dropped first):
    an unchanged block - in the next round of the same audit, a rebuilt release, a held release tried again, an
    extract asked for again against the same releases - is not solved again. Only exact answers go in: a
    fingerprint covers everything the answer depends on."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.found: OrderedDict[str, object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: str):
        if key in self.found:
            self.found.move_to_end(key)
            self.hits += 1
            return self.found[key]
        self.misses += 1
        return None

    def put(self, key: str, value: object) -> None:
        self.found[key] = value
        if len(self.found) > self.size:
            self.found.popitem(last=False)

    def clear(self) -> None:
        self.found.clear()
        self.hits = self.misses = 0


MEMO = Memo()


@cache
def _highs():
    """HiGHS's Python interface: the one scipy ships (scipy is pinned in requirements.txt; `linprog` uses the same
    solver), so the audit needs no library of its own. Exposes the names the `highspy` package uses."""
    core = _core()
    return SimpleNamespace(Highs=core._Highs, HighsLp=core.HighsLp, MatrixFormat=core.MatrixFormat,
                           HighsModelStatus=core.HighsModelStatus, ObjSense=core.ObjSense, kHighsInf=core.kHighsInf)


CORE = "scipy.optimize._highspy._core"
_LOADING = threading.Lock()


def _core():
    """scipy's HiGHS extension module, loaded from its file rather than through `import scipy.optimize`: the
    package import brings in every optimiser scipy has (about 0.15 s of CPU, a sixth of a council workbook) and
    the audit uses none of them. The module is registered under its own name, so a later `import scipy.optimize`
    (`linprog`) finds it and shares it. Should scipy's layout change, the ordinary import is used."""
    with _LOADING:
        if CORE in sys.modules:
            return sys.modules[CORE]
        try:
            import scipy

            folder = Path(scipy.__file__).parent / "optimize" / "_highspy"
            path = next(folder / f"_core{suffix}" for suffix in EXTENSION_SUFFIXES
                        if (folder / f"_core{suffix}").exists())
            spec = spec_from_file_location(CORE, path)
            module = module_from_spec(spec)
            sys.modules[CORE] = module
            spec.loader.exec_module(module)
            return module
        except Exception:  # noqa: BLE001 - any failure: fall back to the ordinary import below
            sys.modules.pop(CORE, None)
    from scipy.optimize._highspy import _core

    return _core
