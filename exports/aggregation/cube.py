"""A small cube builder: aggregates a per-person (or per-workplace-role) frame over fixed groupings with totals.

`cube(frame, axes=..., aggs=...)` returns one row for every combination of every axis's categories plus its total
label (total first, then the categories in their fixed order), including empty combinations (zeros), so that
every total row is exactly the sum of its category rows - the property disclosure control relies on.

How: each row gets one integer, its cell at the finest grain (every axis's category); every output row (each
grouping set: totals of some axes) is a fixed set of finest cells, so a sum is one `bincount` over the rows and
one over the finest cells ("roll-up"). Provider helpers roll up the same way from one sum per (finest cell,
provider). Medians and quartiles do not roll up: they are worked out per output row from the values sorted once
(the same linear interpolation as pandas' `groupby().quantile`). Sums of whole numbers (counts, weights) are exact
in any order; sums of fractions (FTE, hours) may differ from a row-by-row sum in the last binary digit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
import pandas as pd

ORG = "organisation_id"


@dataclass(frozen=True)
class Axis:
    key: str  # column of the input frame, and the dimension key of the table
    categories: tuple[str, ...]
    total: str | None = None  # label of the all-categories row; None = no total row


@dataclass(frozen=True)
class Agg:
    """One output column (plus helpers) of a cube.

    how: "count" (sum of a boolean/number column, or rows when column is None), "sum", "quantile" (q), "mean",
    "stats" (only the provider helpers `name:providers`, `name:top_share`, weighted by `column`, rows if None),
    "nunique" (distinct values of column). `stats=True` on count/sum adds the provider helpers of that column.
    quantile and mean always add `name:n` and the provider helpers of the people with a value; `magnitude` adds
    `name:top1`, `name:top2`, `name:total`.
    """

    name: str
    how: str
    column: str | None = None
    q: float = 0.5
    stats: bool = False
    magnitude: bool = False


def cube(frame: pd.DataFrame, *, axes: Sequence[Axis], aggs: Sequence[Agg], cache: dict | None = None
         ) -> pd.DataFrame:
    """Aggregate `frame` over every grouping set of `axes` (an axis without a total is always grouped on).

    `cache`: a dict kept with the (unchanging) frames of one round, so that the rows' cells, provider pairs and
    sorted values of a frame and axes are worked out once for all the tables that group it the same way."""
    grid = _grid(frame, axes, cache)
    columns: dict[str, np.ndarray] = {}
    for agg in aggs:
        source = frame[agg.column] if agg.column else None
        if agg.how in ("count", "sum"):
            weight = grid.ones if source is None else _weights(source)
            columns[agg.name] = grid.total(weight)
            if agg.stats:
                columns.update(grid.provider_stats(weight, agg.name))
        elif agg.how == "stats":
            columns.update(grid.provider_stats(grid.ones if source is None else _weights(source), agg.name))
        elif agg.how == "nunique":
            columns[agg.name] = grid.nunique(source)
        elif agg.how in ("quantile", "mean"):
            values = grid.values(agg.column)
            has = (~np.isnan(values)).astype(float)
            n = grid.total(has)
            if agg.how == "quantile":
                columns[agg.name] = grid.quantile(agg.column, agg.q)
            else:
                with np.errstate(invalid="ignore", divide="ignore"):
                    columns[agg.name] = np.where(n > 0, grid.total(np.nan_to_num(values)) / n, np.nan)
            columns[f"{agg.name}:n"] = n
            columns.update(grid.provider_stats(has, agg.name))
            if agg.magnitude:
                columns.update(grid.top_two(agg.column, agg.name))
        else:
            raise ValueError(f"unknown aggregation {agg.how!r}")
    grid.release_sorted()  # a column's sorted copies serve this cube's quantiles only (one per grouping set)
    levels = [((a.total,) if a.total is not None else ()) + a.categories for a in axes]
    rows = list(product(*levels))
    labels = {a.key: [row[k] for row in rows] for k, a in enumerate(axes)}
    # one frame from every column at once (adding them one by one rebuilt the frame's blocks each time)
    return pd.DataFrame({**labels, **columns}, index=pd.RangeIndex(len(rows)))


def _grid(frame: pd.DataFrame, axes: Sequence[Axis], cache: dict | None) -> _Grid:
    if cache is None:
        return _Grid(frame, axes, {})
    key = (id(frame), tuple(axes))  # the grid holds the frame, so its id stays its own while cached
    if key not in cache:
        cache[key] = _Grid(frame, axes, cache)
    return cache[key]


def forget(cache: dict, frame: pd.DataFrame, axes: Sequence[Axis]) -> None:
    """Drop the grid of `frame` and `axes` from `cache` (one no later table groups the same way: its per-row
    arrays, tens of megabytes at national scale, are freed at once)."""
    cache.pop((id(frame), tuple(axes)), None)


def _weights(values: pd.Series) -> np.ndarray:
    """A boolean or number column as float weights; not answered (NaN) adds nothing, as pandas' sum skips it."""
    return np.nan_to_num(values.to_numpy(dtype=float), nan=0.0)


class _Grid:
    """The rows of one frame placed in the cells of one cube.

    `finest[i]`: row i's cell over every axis's categories (mixed radix, axes in order). `rollup[s, f]`: the output
    row that finest cell f adds to in grouping set s. Output rows are the product of each axis's levels (its
    total first when it has one), in that order."""

    def __init__(self, frame: pd.DataFrame, axes: Sequence[Axis], cache: dict):
        codes = []
        for a in axes:
            key = (id(frame), a)
            if key not in cache:
                cache[key] = _codes(frame[a.key], a)
            codes.append(cache[key])
        sizes = [len(a.categories) for a in axes]
        self.size = len(frame)
        self.ones = cache.setdefault(("ones", self.size), np.ones(self.size))  # read only: one per frame length
        self.ones.flags.writeable = False
        finest = np.zeros(self.size, dtype=np.int64)
        for code, size in zip(codes, sizes, strict=True):
            finest = finest * size + code
        self.finest = finest
        self.cells = int(np.prod(sizes, dtype=np.int64))
        levels = [size + (a.total is not None) for a, size in zip(axes, sizes, strict=True)]
        self.out = int(np.prod(levels, dtype=np.int64))
        each = np.indices(sizes).reshape(len(axes), -1) if axes else np.zeros((0, 1), dtype=np.int64)
        optional = [i for i, a in enumerate(axes) if a.total is not None]
        sets = []
        for size in range(len(optional) + 1):
            for chosen in combinations(optional, size):
                position = np.zeros(self.cells, dtype=np.int64)
                for i, a in enumerate(axes):
                    if a.total is None:
                        level = each[i]
                    elif i in chosen:
                        level = each[i] + 1
                    else:
                        level = np.zeros(self.cells, dtype=np.int64)
                    position = position * levels[i] + level
                sets.append(position)
        self.rollup = np.stack(sets)
        self._frame = frame
        self._pairs: tuple | None = None
        self._sorted: dict[str, tuple] = {}
        self._values: dict[str, np.ndarray] = {}

    def total(self, weight: np.ndarray) -> np.ndarray:
        """The sum of `weight` in every output row."""
        per_cell = np.bincount(self.finest, weights=weight, minlength=self.cells)
        return self._roll(per_cell)

    def _roll(self, per_cell: np.ndarray) -> np.ndarray:
        return np.bincount(self.rollup.ravel(), weights=np.tile(per_cell, len(self.rollup)), minlength=self.out)

    def provider_stats(self, weight: np.ndarray, name: str) -> dict[str, np.ndarray]:
        """Number of providers with a positive weight in each output row, and the largest provider's share of the
        weight (0 where no provider has any)."""
        cell_of, out_pair, providers = self._provider_pairs()
        per_pair = np.bincount(providers, weights=weight[self._with_provider], minlength=len(cell_of))
        per_out = np.bincount(out_pair, weights=np.tile(per_pair, len(self.rollup)), minlength=len(self._out_cell))
        positive = per_out > 0
        cells = self._out_cell[positive]
        counts = np.bincount(cells, minlength=self.out).astype(float)
        total = np.bincount(cells, weights=per_out[positive], minlength=self.out)
        largest = np.zeros(self.out)
        np.maximum.at(largest, cells, per_out[positive])
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, largest / total, 0.0)
        return {f"{name}:providers": counts, f"{name}:top_share": share}

    def _provider_pairs(self):
        """(finest cell of each (cell, provider) pair, each output pair of each grouping set's copy of the pairs,
        each row's pair). Rows without a provider take no part."""
        if self._pairs is None:
            if ORG not in self._frame.columns:
                raise KeyError(ORG)
            provider, uniques = pd.factorize(self._frame[ORG].to_numpy())
            self._with_provider = provider >= 0
            count = max(len(uniques), 1)
            pair, row_pair = np.unique(self.finest[self._with_provider] * count + provider[self._with_provider],
                                       return_inverse=True)
            cell_of, provider_of = pair // count, pair % count
            out_pairs, out_pair = np.unique((self.rollup[:, cell_of] * count + provider_of).ravel(),
                                            return_inverse=True)
            self._out_cell = out_pairs // count
            self._pairs = (cell_of, out_pair, row_pair)
        return self._pairs

    def nunique(self, values: pd.Series) -> np.ndarray:
        """Distinct non-missing values in each output row."""
        code, uniques = pd.factorize(values.to_numpy())
        keep = code >= 0
        count = max(len(uniques), 1)
        pairs = np.unique((self.rollup[:, self.finest[keep]] * count + code[keep]).ravel())
        return np.bincount(pairs // count, minlength=self.out).astype(float)

    def values(self, column: str) -> np.ndarray:
        """A number column as floats (NaN = no value), converted once per cube."""
        if column not in self._values:
            self._values[column] = self._frame[column].to_numpy(dtype=float)
        return self._values[column]

    def _by_output(self, column: str):
        """The rows with a value, once per grouping set, ordered by output row and then by value (ascending):
        (values in that order, start of each output row, count in each output row)."""
        if column not in self._sorted:
            values = self.values(column)
            present = np.flatnonzero(~np.isnan(values))
            order = present[np.argsort(values[present], kind="stable")]
            rows = self.rollup[:, self.finest[order]].ravel()
            by_row = np.argsort(rows, kind="stable")
            ordered = np.tile(values[order], len(self.rollup))[by_row]
            counts = np.bincount(rows, minlength=self.out)
            starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
            self._sorted[column] = (ordered, starts, counts)
        return self._sorted[column]

    def release_sorted(self) -> None:
        """Free the sorted values (the largest arrays of a grid: a copy of a column per grouping set)."""
        self._sorted.clear()

    def quantile(self, column: str, q: float) -> np.ndarray:
        """pandas' linear quantile of each output row's values (NaN where there are none), to the same bits."""
        ordered, starts, counts = self._by_output(column)
        result = np.full(self.out, np.nan)
        some = counts > 0
        position = q * (counts[some] - 1).astype(float)
        index = position.astype(np.int64)
        fraction = position % 1
        low = ordered[starts[some] + index]
        high = ordered[np.minimum(starts[some] + index + 1, starts[some] + counts[some] - 1)]
        result[some] = np.where(fraction == 0.0, low, low + (high - low) * fraction)
        return result

    def top_two(self, column: str, name: str) -> dict[str, np.ndarray]:
        """The largest and second largest value in each output row and their total (0 where there are none)."""
        ordered, starts, counts = self._by_output(column)
        values = self.values(column)
        top1, top2 = np.zeros(self.out), np.zeros(self.out)
        one, two = counts >= 1, counts >= 2
        top1[one] = ordered[starts[one] + counts[one] - 1]
        top2[two] = ordered[starts[two] + counts[two] - 2]
        return {f"{name}:top1": top1, f"{name}:top2": top2, f"{name}:total": self.total(np.nan_to_num(values))}


def _codes(values: pd.Series, axis: Axis) -> np.ndarray:
    """The axis category number of each value; a value outside the fixed categories is an error."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        to_axis = pd.Index(list(axis.categories), dtype=object).get_indexer(values.cat.categories)
        codes = values.cat.codes.to_numpy()
        found = np.where(codes >= 0, to_axis[codes], -1) if len(to_axis) else codes
    else:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
        to_axis = pd.Index(list(axis.categories), dtype=object).get_indexer(uniques)
        found = to_axis[codes] if len(to_axis) else codes.astype(np.int64)
    if len(found) and found.min() < 0:
        unknown = set(pd.unique(values)) - set(axis.categories)
        raise ValueError(f"{axis.key}: values outside the fixed categories: {sorted(map(str, unknown))[:5]}")
    return found.astype(np.min_scalar_type(max(len(axis.categories) - 1, 0)))  # a byte a row (`finest` is int64)
