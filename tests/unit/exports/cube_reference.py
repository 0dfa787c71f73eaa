"""The cube builder as it was before the roll-up (commit 2e2cc9f, `exports/aggregation/cube.py`): one pandas
group-by per grouping set and helper. Kept only as the oracle of `test_cube_equivalence.py`; not used by the
service."""

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


def cube(frame: pd.DataFrame, *, axes: Sequence[Axis], aggs: Sequence[Agg]) -> pd.DataFrame:
    """Aggregate `frame` over every grouping set of `axes` (an axis without a total is always grouped on)."""
    for axis in axes:
        unknown = set(pd.unique(frame[axis.key])) - set(axis.categories)
        if unknown:
            raise ValueError(f"{axis.key}: values outside the fixed categories: {sorted(map(str, unknown))[:5]}")
    # Only the columns used, the axes as small integer codes (grouping on ints, not strings, is what keeps a
    # national frame of 1.6 M people fast); labels come back once the (small) result is built.
    used = dict.fromkeys([*(a.key for a in axes), *((ORG,) if ORG in frame.columns else ()),
                          *(agg.column for agg in aggs if agg.column)])
    work = pd.DataFrame({c: _codes(frame[c], next(a for a in axes if a.key == c)) if c in {a.key for a in axes}
                         else frame[c].to_numpy() for c in used}, index=frame.index)
    work["_one"] = 1.0
    if ORG in work.columns and work[ORG].notna().all():
        work["_provider"] = pd.factorize(work[ORG].to_numpy())[0]
    for agg in aggs:
        if agg.how in ("quantile", "mean"):
            work[f"{agg.column}:has"] = work[agg.column].notna().astype(float)
    optional = [a for a in axes if a.total is not None]
    parts = []
    for size in range(len(optional) + 1):
        for chosen in combinations(optional, size):
            grouped_on = [a for a in axes if a.total is None or a in chosen]
            work["_group"] = _group_numbers(work, grouped_on)  # one integer key: a single hash per row
            part = _aggregate(work, ["_group"], aggs).reset_index()
            group = part.pop("_group").to_numpy(dtype=np.int64)
            for axis in reversed(grouped_on):
                group, part[axis.key] = np.divmod(group, len(axis.categories) + 1)
            for axis in optional:
                if axis not in chosen:
                    part[axis.key] = len(axis.categories)  # the total's code
            parts.append(part)
    result = pd.concat(parts, ignore_index=True)
    for axis in axes:
        labels = np.array([*axis.categories, axis.total], dtype=object)
        result[axis.key] = labels[result[axis.key].to_numpy(dtype=np.int64)]
    levels = [((a.total,) if a.total is not None else ()) + a.categories for a in axes]
    full = pd.DataFrame(list(product(*levels)), columns=[a.key for a in axes])
    result = full.merge(result, on=[a.key for a in axes], how="left")
    for column in result.columns[len(axes):]:
        if not _keeps_nan(column, aggs):
            result[column] = result[column].fillna(0)
    return result


def _group_numbers(work: pd.DataFrame, axes: Sequence[Axis]) -> np.ndarray:
    """One number per row for its combination of the axes' codes (mixed radix: each axis's categories + total)."""
    number = np.zeros(len(work), dtype=np.int64)
    for axis in axes:
        number = number * (len(axis.categories) + 1) + work[axis.key].to_numpy(dtype=np.int64)
    return number


def _codes(values: pd.Series, axis: Axis) -> np.ndarray:
    """The axis category number of each value (checked beforehand: every value is one of the categories)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        to_axis = pd.Index(list(axis.categories), dtype=object).get_indexer(values.cat.categories)
        return to_axis[values.cat.codes.to_numpy()] if len(to_axis) else values.cat.codes.to_numpy()
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    to_axis = pd.Index(list(axis.categories), dtype=object).get_indexer(uniques)
    return to_axis[codes] if len(to_axis) else codes


def _keeps_nan(column: str, aggs: Sequence[Agg]) -> bool:
    return any(column == a.name and a.how in ("quantile", "mean") for a in aggs)


def _aggregate(work: pd.DataFrame, keys: list[str], aggs: Sequence[Agg]) -> pd.DataFrame:
    grouped = work.groupby(keys, sort=False, observed=True)
    columns: dict[str, pd.Series] = {}
    for agg in aggs:
        source = agg.column or "_one"
        if agg.how in ("count", "sum"):
            columns[agg.name] = grouped[source].sum().astype(float)
            if agg.stats:
                columns.update(_provider_stats(work, keys, source, agg.name))
        elif agg.how == "stats":
            columns.update(_provider_stats(work, keys, source, agg.name))
        elif agg.how == "nunique":
            columns[agg.name] = grouped[source].nunique().astype(float)
        elif agg.how in ("quantile", "mean"):
            values = grouped[source]
            columns[agg.name] = values.quantile(agg.q) if agg.how == "quantile" else values.mean()
            columns[f"{agg.name}:n"] = values.count().astype(float)
            columns.update(_provider_stats(work, keys, f"{source}:has", agg.name))
            if agg.magnitude:
                columns.update(_top_two(work, keys, source, agg.name))
        else:
            raise ValueError(f"unknown aggregation {agg.how!r}")
    return pd.DataFrame(columns)


def _provider_stats(work: pd.DataFrame, keys: list[str], weight: str, name: str) -> dict[str, pd.Series]:
    """Number of providers with a positive weight in each cell, and the largest provider's share of the weight."""
    if keys == ["_group"] and "_provider" in work.columns:  # one integer per (cell, provider): one hash a row
        providers = int(work["_provider"].max()) + 1 if len(work) else 1
        pair = work["_group"].to_numpy(dtype=np.int64) * providers + work["_provider"].to_numpy(dtype=np.int64)
        per_provider = work[weight].groupby(pair, sort=False).sum()
        per_provider = per_provider[per_provider > 0]
        grouped = per_provider.groupby((per_provider.index.to_numpy() // providers).astype(np.int64), sort=False)
        total = grouped.sum().rename_axis("_group")
        share = (grouped.max().rename_axis("_group") / total).where(total > 0, 0.0)
        return {f"{name}:providers": grouped.size().astype(float).rename_axis("_group"), f"{name}:top_share": share}
    per_provider = work.groupby([*keys, ORG], sort=False, observed=True)[weight].sum()
    per_provider = per_provider[per_provider > 0]
    level = list(range(len(keys)))
    grouped = per_provider.groupby(level=level, sort=False)
    total = grouped.sum()
    share = (grouped.max() / total).where(total > 0, 0.0)
    return {f"{name}:providers": grouped.size().astype(float), f"{name}:top_share": share}


def _top_two(work: pd.DataFrame, keys: list[str], column: str, name: str) -> dict[str, pd.Series]:
    present = work.loc[work[column].notna(), [*keys, column]].sort_values(column, ascending=False, kind="stable")
    grouped = present.groupby(keys, sort=False, observed=True)[column]
    rank = grouped.cumcount().to_numpy()
    top1 = present.loc[rank == 0].set_index(keys)[column]
    top2 = present.loc[rank == 1].set_index(keys)[column]
    total = grouped.sum()
    return {f"{name}:top1": top1, f"{name}:top2": top2.reindex(total.index).fillna(0.0), f"{name}:total": total}
