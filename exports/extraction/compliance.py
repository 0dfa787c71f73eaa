"""Contract requirements of the council in the round with their compliance status (compliance.selectors), in the
`compliance` frame shape `build_tables` reads (requirement, status). Status depends on the day it is worked out,
so the rows also go into the data version."""

from __future__ import annotations

from datetime import date

import pandas as pd

from collection.models import CollectionRound
from compliance.selectors import desk_rows
from exports.aggregation import REQUIRED_COMPLIANCE_COLUMNS
from providers.models import Council


def compliance_frame(*, council: Council, collection_round: CollectionRound, today: date) -> pd.DataFrame:
    rows = desk_rows(council=council, round=collection_round, today=today)
    records = sorted((row.unit.requirement.get_kind_display(), row.status_value) for row in rows)
    return pd.DataFrame.from_records(records, columns=list(REQUIRED_COMPLIANCE_COLUMNS))
