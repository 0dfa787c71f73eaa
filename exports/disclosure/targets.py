"""What the audit must protect beyond the additive cells, worked out from the unrounded tables: rule 5 per cell
(`_employer_fails`), the rates hidden for their own sake (`_rate_targets`) and the changes since the last release
that must not be recoverable (`_dominated_changes`). Used by `exports.disclosure.protect`. Pure."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd

from exports.disclosure import rules
from exports.disclosure.joint import cell_id
from exports.disclosure.tables import Kind, Measure, RawTable


def _cell_ids(table: RawTable) -> list[tuple[tuple[str, Hashable], ...]]:
    frame = table.frame
    columns = [frame[d.key].tolist() for d in table.dimensions]
    keys = []
    for row in zip(*columns, strict=True) if columns else [()] * len(frame):
        keys.append(tuple(
            (d.key, value) for d, value in zip(table.dimensions, row, strict=True)
            if value != d.total and value != d.implicit
        ))
    return keys


def _rate_targets(tables: Sequence[RawTable], ids: Sequence[list]) -> list[tuple[str, tuple[str, ...]]]:
    """The rates hidden for their own sake (rule 5 on the rate: a dominant employer's rate; rule 4: all but 1-7
    people share a sensitive characteristic), as (numerator cell, denominator cells) for the audit: the reader
    must not be able to narrow them below the rule book's rate interval from the counts around them."""
    found: dict[tuple[str, tuple[str, ...]], None] = {}
    for table, keys in zip(tables, ids, strict=True):
        frame = table.frame
        for measure in table.measures:
            if measure.kind != Kind.RATE or measure.numerator is None:
                continue
            numerators = frame[measure.numerator].to_numpy(dtype=float)
            if measure.share_of:
                dimension = next(d for d in table.dimensions if d.key == measure.share_of)
                others = [d.key for d in table.dimensions if d is not dimension]
                totals = _total_rows(frame, dimension.key, dimension.total, others)
                denominators = numerators[totals]
            else:
                assert measure.denominator is not None
                denominators = frame[measure.denominator].to_numpy(dtype=float)
                if measure.denominator_adds_numerator:
                    denominators = denominators + numerators
            own = _employer_fails(frame, measure.name) if measure.employer_rule else np.zeros(len(frame), dtype=bool)
            complement = (denominators - numerators >= 1) & (denominators - numerators <= rules.SMALL_COUNT_MAX)
            target = (own | (complement & measure.sensitive)) & (denominators > 0)
            for row in np.flatnonzero(target):  # cell ids of the targets only
                found[(cell_id(measure.numerator, keys[row]), _denominator_ids(measure, keys[row]))] = None
    return list(found)


def _denominator_ids(measure: Measure, key: tuple[tuple[str, Hashable], ...]) -> tuple[str, ...]:
    """The cells a rate's denominator adds up from, for the row with these labels."""
    if measure.share_of:
        return (cell_id(measure.numerator, tuple((k, v) for k, v in key if k != measure.share_of)),)
    if measure.denominator_adds_numerator:
        return cell_id(measure.denominator, key), cell_id(measure.numerator, key)
    return (cell_id(measure.denominator, key),)


def _dominated_changes(changes: Sequence[RawTable]) -> frozenset[str]:
    """Cells whose change since the last release comes from fewer than 3 providers or is dominated by one
    (rule 5 applied to the table of changed returns)."""
    out: set[str] = set()
    for table in changes:
        keys = _cell_ids(table)
        for measure in table.measures:
            if measure.kind not in (Kind.COUNT, Kind.SUM) or not measure.employer_rule:
                continue
            failing = _employer_fails(table.frame, measure.name)
            out.update(cell_id(measure.name, key) for key, fails in zip(keys, failing, strict=True) if fails)
    return frozenset(out)


def _employer_fails(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Rule 5 for one measure column: fails where the measure's own contributors (`name:providers`,
    `name:top_share`) or the cell's staff (`staff:...`, when the table has them) are from fewer than 3 providers
    or dominated by one. A cell with nobody at all in it has nothing to disclose."""
    failing = np.zeros(len(frame), dtype=bool)
    for helper in dict.fromkeys((name, "staff")):
        if f"{helper}:providers" not in frame.columns:
            continue
        providers = frame[f"{helper}:providers"].to_numpy()
        failing |= rules.employer_rule_fails_array(
            providers=providers, top_share=frame[f"{helper}:top_share"].to_numpy(dtype=float)) & (providers > 0)
    return failing


def _total_rows(frame: pd.DataFrame, key: str, total: str | None, others: list[str]) -> list[int]:
    positions: dict[tuple, int] = {}
    other_values = list(zip(*(frame[k].tolist() for k in others), strict=True)) if others else [()] * len(frame)
    labels = frame[key].tolist()
    for row, group in enumerate(other_values):
        if labels[row] == total:
            positions[group] = row
    return [positions[group] for group in other_values]
