"""From the database to the DataFrames `exports.aggregation.build_tables` reads, for one council and round.

Scope (always): the council's contracted workplaces (`providers.access.contracted_workplaces`), returns in the
round that are submitted or accepted, staff in post at the snapshot date. Exactly the `REQUIRED_*_COLUMNS` are
selected, with a handful of set-based queries (`values_list`), never a query per workplace.

`round_inputs` reads the round per row (every figure needs individual values: medians, quartiles, means);
`earlier_round` reads an earlier round for the year-on-year series, which needs only staff counted per workplace
(grouped in the database). `council_inputs` gives both.
"""

from exports.extraction.frames import (
    RoundInputs,
    council_inputs,
    earlier_round,
    earlier_rounds,
    included_returns,
    round_inputs,
)
from exports.extraction.labels import round_label
from exports.extraction.version import data_version, round_data_version

__all__ = [
    "RoundInputs",
    "council_inputs",
    "data_version",
    "earlier_round",
    "earlier_rounds",
    "included_returns",
    "round_data_version",
    "round_inputs",
    "round_label",
]
