"""The two table types of the export pipeline: `RawTable` (unrounded, from aggregation) and `ProtectedTable`.

A `RawTable` holds exact figures and must never reach a writer. A `ProtectedTable` holds only values that passed
the disclosure rules: numbers already rounded, and the shorthand symbols `[c]`, `[x]`, `[z]` as text. Only
`exports.disclosure` can build a `ProtectedTable`: its constructor demands a private token, and the workbook writer
refuses anything else. Its rows are tuples, so a protected table cannot be edited after the fact.

Table shape ("long" form): dimension columns first (labels), then measure columns. A dimension may carry a total
label ("All service types"); the row holding it is the sum, over the dimension's other values, of the rows that
agree on every other dimension. Disclosure control derives its additive relations from that, so every table with
a total must list every category of that dimension (zeros included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

CONFIDENTIAL = "[c]"  # hidden to protect confidentiality
NOT_AVAILABLE = "[x]"  # no data to work the figure out from
NOT_APPLICABLE = "[z]"  # the figure does not apply (e.g. a rate with a zero denominator)
SYMBOLS = (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE)

Cell = int | float | str


class Kind(StrEnum):
    """What a measure column holds; decides which disclosure rules apply to it."""

    COUNT = "count"  # a count of people (rule 1; rule 5 too when `employer_rule`)
    SUM = "sum"  # a total of a quantity about people, e.g. FTE (rule 3 and rule 5)
    RATE = "rate"  # a percentage worked out from two protected columns (rule 4)
    AVERAGE = "average"  # a mean or median of individuals' values (rule 6)
    PERCENTILE = "percentile"  # a quartile of individuals' values (rule 6, n >= 50)
    UNITS = "units"  # a count of workplaces, providers or requirements: not about people, shown exactly
    CHANGE = "change"  # difference from the previous round of another protected column (rule 8)
    SURVEY = "survey"  # a survey indicator (rule 7): helpers `name:n` (its base) and `name:hidden` (survey rules)


class Rounding(StrEnum):
    """How a shown average or percentile is rounded (rule 6)."""

    PENNY = "penny"  # hourly pay, to 2 decimal places
    HUNDRED = "hundred"  # annual pay, to the nearest 100
    ONE_DP = "one_dp"  # hours, days


@dataclass(frozen=True)
class Dimension:
    """A fixed grouping column. `total` labels its all-categories row; `implicit` is a value that names the
    same population as leaving the dimension out (the current round in a series table)."""

    key: str
    header: str
    total: str | None = None
    implicit: str | None = None


@dataclass(frozen=True)
class Measure:
    """One measure column of a table.

    Helper columns the aggregation puts next to the value in `RawTable.frame` (`name` is the measure name):
    - `name:n` individuals behind an AVERAGE/PERCENTILE (COUNT/SUM use `support` or their own value);
    - `name:providers` and `name:top_share` (largest provider's share of the cell's people or posts) when rule 5
      applies (`employer_rule`, every AVERAGE/PERCENTILE);
    - `name:top1`, `name:top2`, `name:total` for the magnitude check (`magnitude`).
    """

    name: str  # identity of the quantity; the same name in two tables means the same figures
    header: str  # column heading, with units
    kind: Kind
    employer_rule: bool = False  # rule 5 (at least 3 providers, largest at most 80 %)
    support: str | None = None  # SUM: the COUNT measure whose [c] it follows (rule 3)
    numerator: str | None = None  # RATE: measure names in the same table
    denominator: str | None = None
    denominator_adds_numerator: bool = False  # RATE: denominator is shown denominator + shown numerator (posts)
    share_of: str | None = None  # RATE: denominator is the numerator's value on this dimension's total row
    sensitive: bool = False  # RATE: complement rule (rule 4)
    magnitude: bool = False  # AVERAGE: skewed quantity, needs the rule 6 magnitude check
    mean: bool = False  # AVERAGE: a mean (recoverable from its siblings), not a median
    rounding: Rounding | None = None
    change_of: str | None = None  # CHANGE: the measure whose change from the previous row of `change_along`
    change_along: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A native bar chart drawn from one protected table: categories from `category` (a dimension key),
    values from `value` (a measure name), using only the rows where every other dimension is at its total."""

    title: str
    category: str
    value: str
    y_axis: str
    description: str


@dataclass(frozen=True)
class RawTable:
    """Unrounded aggregates for one table. Never give one to a writer: pass it to `protect` first."""

    key: str  # short id, also used for the sheet and Excel table names
    title: str
    description: str
    dimensions: tuple[Dimension, ...]
    measures: tuple[Measure, ...]
    frame: pd.DataFrame  # one row per cell: dimension keys, measure names and helper columns
    notes: tuple[str, ...] = ()  # note keys (see exports.disclosure.notes)
    chart: ChartSpec | None = None


_TOKEN = object()


@dataclass(frozen=True)
class ProtectedTable:
    """A table whose every value passed disclosure control. Built only by `exports.disclosure`."""

    key: str
    title: str
    description: str
    headers: tuple[str, ...]
    kinds: tuple[Kind | None, ...]  # None for a dimension column
    roundings: tuple[Rounding | None, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...]
    chart: ChartSpec | None
    dimension_keys: tuple[str, ...]
    measure_names: tuple[str, ...]
    totals: tuple[str | None, ...]  # the total label of each dimension column
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _TOKEN:
            raise TypeError("a ProtectedTable can only be built by exports.disclosure.protect")


def make_protected(**kwargs: object) -> ProtectedTable:
    """Build a ProtectedTable (for use inside exports.disclosure only)."""
    return ProtectedTable(**kwargs, _token=_TOKEN)  # type: ignore[arg-type]
