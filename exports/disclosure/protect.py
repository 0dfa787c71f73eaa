"""Apply rules 1-9 to whole tables: `protect_all(tables)` (one joint pass) and `protect(table)`.

The pass is joint because tables share margins: "staff in domiciliary care" is the same figure in the headcount,
gender, ethnicity and contract tables. A cell is identified by its measure name and its non-total dimension
values, so the same cell is hidden or shown identically wherever it appears, and secondary suppression (rule 9)
sees every relation it takes part in.

Order: counts (rule 1, rule 5 where it applies) -> rule 9 over each count measure -> FTE and other sums (rule 3
follows the final headcount pattern, rule 5) -> rule 9 over each sum -> averages and quartiles (rules 5, 6;
a hidden mean also hides a sibling mean so it cannot be rebuilt from the total) -> rates from shown counts
(rule 4) -> year-on-year changes from shown figures (rule 8).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from exports.disclosure import rules
from exports.disclosure.joint import Column, Knowledge, cell_id, settle
from exports.disclosure.secondary import Relation, secondary_suppress
from exports.disclosure.tables import (
    CONFIDENTIAL,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    Cell,
    Kind,
    Measure,
    ProtectedTable,
    RawTable,
    Rounding,
    make_protected,
)
from exports.disclosure.targets import _cell_ids, _dominated_changes, _employer_fails, _rate_targets, _total_rows
from surveys.rules.suppression import can_show_results

CellId = tuple[str, tuple[tuple[str, Hashable], ...]]


@dataclass
class _Store:
    """Every distinct cell of one additive measure across all tables."""

    index: dict[CellId, int] = field(default_factory=dict)
    values: list[float] = field(default_factory=list)
    primary: list[bool] = field(default_factory=list)
    relations: set[Relation] = field(default_factory=set)
    hidden: np.ndarray | None = None

    def add(self, cell: CellId, value: float, primary: bool) -> int:
        position = self.index.get(cell)
        if position is None:
            position = self.index[cell] = len(self.values)
            self.values.append(float(value))
            self.primary.append(primary)
        else:
            self.primary[position] = self.primary[position] or primary
        return position


def protect(table: RawTable, *, audit: bool = True) -> ProtectedTable:
    """Protect one table on its own. Prefer `protect_all` for a workbook: tables that share margins must be
    protected together."""
    return protect_all([table], audit=audit)[0]


def protect_all(tables: Sequence[RawTable], *, audit: bool = True) -> list[ProtectedTable]:
    """Apply disclosure rules 1-9 jointly to every table of one output and return the protected tables.
    `audit` runs the rule 9 (e) linear-programming check (needs scipy)."""
    return protect_release(tables, audit=audit).tables


@dataclass(frozen=True)
class Release:
    """A protected release: its tables, what a reader learns from it (kept to audit the next release), and any
    audit target that could not be widened enough (then the release must wait)."""

    tables: list[ProtectedTable]
    knowledge: Knowledge
    failures: list[str]


def protect_release(
    tables: Sequence[RawTable], *, history: Sequence[Knowledge] = (), changes: Sequence[RawTable] | None = None,
    audit: bool = True,
) -> Release:
    """Protect the tables of a release jointly with the earlier releases of the same round (`history`, oldest
    first). `changes` are the same tables built from only the returns that changed since the latest earlier
    release; their rule 5 failures mark the changes that must not be recoverable (rule 8)."""
    ids = [_cell_ids(table) for table in tables]
    stores: dict[str, _Store] = {}
    columns: list[Column] = []
    for kind in (Kind.COUNT, Kind.SUM):
        for name in _measure_names(tables, kind):
            store = stores[name] = _Store()
            support = None
            for table, table_ids in zip(tables, ids, strict=True):
                measure = _measure(table, name)
                if measure is None:
                    continue
                support = measure.support
                primary = _primary_hidden(table=table, measure=measure, ids=table_ids, stores=stores)
                positions = [
                    store.add((name, key), value, flag)
                    for key, value, flag in zip(table_ids, table.frame[name].to_numpy(dtype=float), primary, strict=True)
                ]
                store.relations.update(_relations(table, table_ids, positions))
            values = np.asarray(store.values)
            store.hidden = secondary_suppress(values=values, hidden=np.asarray(store.primary, dtype=bool),
                                              relations=sorted(store.relations))
            columns.append(Column(name=name, half=2.0 if kind == Kind.COUNT else 2.5,
                                  ids=[cell_id(name, key) for (_, key), _ in
                                       sorted(store.index.items(), key=lambda item: item[1])],
                                  values=values, hidden=store.hidden, relations=sorted(store.relations),
                                  support=support if kind == Kind.SUM else None))
    outcome = settle(columns, history=history, dominated_changes=_dominated_changes(changes or ()), audit=audit,
                     rates=_rate_targets(tables, ids))
    for column in columns:
        stores[column.name].hidden = column.hidden
    protected = [_finish(table, table_ids, stores) for table, table_ids in zip(tables, ids, strict=True)]
    return Release(tables=protected, knowledge=outcome.knowledge, failures=outcome.failures)






def _measure_names(tables: Sequence[RawTable], kind: Kind) -> list[str]:
    names: dict[str, None] = {}
    for table in tables:
        for measure in table.measures:
            if measure.kind == kind:
                names[measure.name] = None
    return list(names)


def _measure(table: RawTable, name: str) -> Measure | None:
    return next((m for m in table.measures if m.name == name), None)




def _relations(table: RawTable, keys: list, positions: list[int]) -> list[Relation]:
    """Each total row of each dimension with the rows that add up to it."""
    frame = table.frame
    relations: list[Relation] = []
    for dimension in table.dimensions:
        if dimension.total is None:
            continue
        others = [d.key for d in table.dimensions if d is not dimension]
        is_total = (frame[dimension.key] == dimension.total).to_numpy()
        groups: dict[tuple, tuple[list[int], list[int]]] = {}
        other_values = list(zip(*(frame[k].tolist() for k in others), strict=True)) if others else [()] * len(frame)
        for row, group in enumerate(other_values):
            totals, members = groups.setdefault(group, ([], []))
            (totals if is_total[row] else members).append(positions[row])
        for totals, members in groups.values():
            if len(totals) == 1 and members:
                relations.append((totals[0], tuple(sorted(set(members)))))
    return relations


def _primary_hidden(*, table: RawTable, measure: Measure, ids: list, stores: dict[str, _Store]) -> np.ndarray:
    frame = table.frame
    values = frame[measure.name].to_numpy(dtype=float)
    if measure.kind == Kind.COUNT:
        hidden = rules.small_count_array(values)
        if f"{measure.name}:hidden" in frame:  # hidden upstream (a survey group the survey rules withheld)
            hidden = hidden | frame[f"{measure.name}:hidden"].to_numpy(dtype=bool)
    else:  # SUM: rule 3 follows the support count's final pattern
        support = stores[measure.support] if measure.support else None
        if support is None or support.hidden is None:
            raise ValueError(f"{measure.name}: a SUM needs a COUNT support measure protected first")
        hidden = np.array([bool(support.hidden[support.index[(measure.support, key)]]) for key in ids], dtype=bool)
    if measure.employer_rule:  # rule 5 on the measure's own people and on the cell's staff
        hidden = hidden | _employer_fails(frame, measure.name)
    return hidden




def _finish(table: RawTable, ids: list, stores: dict[str, _Store]) -> ProtectedTable:
    frame = table.frame
    n = len(frame)
    shown: dict[str, list[Cell]] = {}
    for measure in table.measures:
        if measure.kind in (Kind.COUNT, Kind.SUM):
            store = stores[measure.name]
            assert store.hidden is not None
            shown[measure.name] = [
                CONFIDENTIAL if store.hidden[store.index[(measure.name, key)]] else rules.round_to_base(value)
                for key, value in zip(ids, frame[measure.name].to_numpy(dtype=float), strict=True)
            ]
        elif measure.kind == Kind.UNITS:
            shown[measure.name] = [int(v) for v in frame[measure.name].to_numpy()]
        elif measure.kind in (Kind.AVERAGE, Kind.PERCENTILE):
            shown[measure.name] = _averages(table, measure)
        elif measure.kind == Kind.SURVEY:
            shown[measure.name] = _survey(table, measure)
    for measure in table.measures:
        if measure.kind == Kind.RATE:
            shown[measure.name] = _rates(table, measure, shown)
    for measure in table.measures:
        if measure.kind == Kind.CHANGE:
            shown[measure.name] = _changes(table, measure, shown)
    dims = table.dimensions
    labels = [frame[d.key].to_numpy() for d in dims]  # one array per column: the same values `.iat` gives
    columns = [*labels, *(shown[m.name] for m in table.measures)]
    rows = tuple(tuple(column[i] for column in columns) for i in range(n))
    return make_protected(
        key=table.key,
        title=table.title,
        description=table.description,
        headers=tuple([d.header for d in dims] + [m.header for m in table.measures]),
        kinds=tuple([None] * len(dims) + [m.kind for m in table.measures]),
        roundings=tuple([None] * len(dims) + [m.rounding for m in table.measures]),
        rows=rows,
        notes=table.notes,
        chart=table.chart,
        dimension_keys=tuple(d.key for d in dims),
        measure_names=tuple(m.name for m in table.measures),
        totals=tuple(d.total for d in dims),
    )


def _averages(table: RawTable, measure: Measure) -> list[Cell]:
    frame = table.frame
    name = measure.name
    magnitude = (
        frame[[f"{name}:top1", f"{name}:top2", f"{name}:total"]].to_numpy(dtype=float) if measure.magnitude else None
    )
    dominated = _employer_fails(frame, name)
    cells: list[Cell] = []
    for i, (value, n, providers, share) in enumerate(zip(
        frame[name].to_numpy(dtype=float), frame[f"{name}:n"].to_numpy(), frame[f"{name}:providers"].to_numpy(),
        frame[f"{name}:top_share"].to_numpy(dtype=float), strict=True,
    )):
        if dominated[i] and n > 0:
            cells.append(CONFIDENTIAL)
            continue
        cells.append(rules.average_cell(
            value=None if np.isnan(value) else float(value), n=int(n), providers=int(providers),
            top_share=float(share), rounding=measure.rounding or Rounding.ONE_DP,
            percentile=measure.kind == Kind.PERCENTILE,
            magnitude=tuple(magnitude[i]) if magnitude is not None else None,
        ))
    if measure.mean:
        _hide_sibling_means(table, cells, frame[f"{name}:n"].to_numpy())
    return cells


def _hide_sibling_means(table: RawTable, cells: list[Cell], counts: np.ndarray) -> None:
    """A mean is a total divided by a count, so a hidden mean next to a shown total mean and shown sibling means
    could be rebuilt (rule 8: the complement of a shown subset must also pass). Where exactly one mean in a
    relation is hidden and the total is shown, hide the sibling with the fewest individuals as well."""
    frame = table.frame
    changed = True
    while changed:
        changed = False
        for dimension in table.dimensions:
            if dimension.total is None:
                continue
            others = [d.key for d in table.dimensions if d is not dimension]
            groups = frame.groupby(others, sort=False).indices if others else {(): np.arange(len(frame))}
            labels = frame[dimension.key].to_numpy()
            for rows in groups.values():
                total = [r for r in rows if labels[r] == dimension.total]
                members = [r for r in rows if labels[r] != dimension.total]
                if len(total) != 1 or cells[total[0]] == CONFIDENTIAL:
                    continue
                hidden = [r for r in members if cells[r] == CONFIDENTIAL]
                shown = [r for r in members if not isinstance(cells[r], str)]
                if len(hidden) == 1 and shown:
                    pick = min(shown, key=lambda r: (counts[r], r))
                    cells[pick] = CONFIDENTIAL
                    changed = True


def _survey(table: RawTable, measure: Measure) -> list[Cell]:
    """Rule 7: shown only where the survey rules showed it and its base reaches the survey minimum."""
    frame = table.frame
    cells: list[Cell] = []
    for value, base, hidden in zip(frame[measure.name].to_numpy(dtype=float), frame[f"{measure.name}:n"].to_numpy(),
                                   frame[f"{measure.name}:hidden"].to_numpy(), strict=True):
        if hidden or not can_show_results(int(base)):
            cells.append(CONFIDENTIAL if base or hidden else NOT_AVAILABLE)
        elif np.isnan(value):
            cells.append(NOT_AVAILABLE)
        else:
            cells.append(rules.round_value(float(value), rounding=measure.rounding) if measure.rounding
                         else int(np.floor(value + 0.5)))
    return cells


def _rates(table: RawTable, measure: Measure, shown: dict[str, list[Cell]]) -> list[Cell]:
    frame = table.frame
    numerator_name = measure.numerator
    assert numerator_name is not None
    numerators = shown[numerator_name]
    true_numerators = frame[numerator_name].to_numpy(dtype=float)
    if measure.share_of:
        dimension = next(d for d in table.dimensions if d.key == measure.share_of)
        others = [d.key for d in table.dimensions if d is not dimension]
        total_row = _total_rows(frame, dimension.key, dimension.total, others)
        denominators = [numerators[total_row[i]] for i in range(len(frame))]
        true_denominators = np.array([true_numerators[total_row[i]] for i in range(len(frame))])
    else:
        assert measure.denominator is not None
        denominators = shown[measure.denominator]
        true_denominators = frame[measure.denominator].to_numpy(dtype=float)
        if measure.denominator_adds_numerator:
            denominators = [
                CONFIDENTIAL if isinstance(d, str) or isinstance(n, str) else d + n
                for d, n in zip(denominators, numerators, strict=True)
            ]
            true_denominators = true_denominators + true_numerators
    failing = _employer_fails(frame, measure.name) if measure.employer_rule else np.zeros(len(frame), dtype=bool)
    cells: list[Cell] = []
    for i in range(len(frame)):
        if failing[i]:
            cells.append(CONFIDENTIAL)
            continue
        cells.append(rules.rate_cell(
            numerator=numerators[i], denominator=denominators[i], true_numerator=float(true_numerators[i]),
            true_denominator=float(true_denominators[i]), sensitive=measure.sensitive,
        ))
    return cells




def _changes(table: RawTable, measure: Measure, shown: dict[str, list[Cell]]) -> list[Cell]:
    frame = table.frame
    assert measure.change_of is not None and measure.change_along is not None
    values = shown[measure.change_of]
    others = [d.key for d in table.dimensions if d.key != measure.change_along]
    previous: dict[tuple, int] = {}
    cells: list[Cell] = []
    other_values = list(zip(*(frame[k].tolist() for k in others), strict=True)) if others else [()] * len(frame)
    for row, group in enumerate(other_values):  # rows are in round order within each group
        before = previous.get(group)
        cells.append(NOT_APPLICABLE if before is None else rules.change_cell(current=values[row], previous=values[before]))
        previous[group] = row
    return cells


__all__ = ["NOT_AVAILABLE", "protect", "protect_all"]
