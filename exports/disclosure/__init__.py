"""Disclosure control for analyst exports (EXPORTS.md section 5, rules 1-9). Pure: no Django.

`protect_all(tables)` turns the aggregation's `RawTable`s into `ProtectedTable`s, the only table type the
workbook writer accepts. The single rules are importable from `exports.disclosure.rules` and
`exports.disclosure.secondary`. Survey results have their own rule set, `surveys.rules.suppression`, read through
`surveys.selectors.council_results`.
"""

from exports.disclosure.joint import Knowledge
from exports.disclosure.notes import NOTES
from exports.disclosure.protect import Release, protect, protect_all, protect_release
from exports.disclosure.rules import (
    average_cell,
    change_cell,
    count_cell,
    employer_rule_fails,
    fte_cell,
    magnitude_fails,
    rate_cell,
)
from exports.disclosure.secondary import attack_intervals, protect_additive, secondary_suppress
from exports.disclosure.tables import (
    CONFIDENTIAL,
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    ChartSpec,
    Dimension,
    Kind,
    Measure,
    ProtectedTable,
    RawTable,
    Rounding,
)

__all__ = [
    "CONFIDENTIAL",
    "NOTES",
    "NOT_APPLICABLE",
    "NOT_AVAILABLE",
    "Knowledge",
    "Release",
    "ChartSpec",
    "Dimension",
    "Kind",
    "Measure",
    "ProtectedTable",
    "RawTable",
    "Rounding",
    "attack_intervals",
    "average_cell",
    "change_cell",
    "count_cell",
    "employer_rule_fails",
    "fte_cell",
    "magnitude_fails",
    "protect",
    "protect_additive",
    "protect_all",
    "protect_release",
    "rate_cell",
    "secondary_suppress",
]
