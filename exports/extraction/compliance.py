"""Contract requirements of the council in the round with their compliance status (compliance.selectors), in the
`compliance` frame shape `build_tables` reads (requirement, status). Status depends on the day it is worked out,
so the rows also go into the data version."""

from __future__ import annotations

from datetime import date

import pandas as pd
from django.db.models import Count

from collection.models import CollectionRound
from compliance.selectors import desk_rows
from exports.aggregation import REQUIRED_COMPLIANCE_COLUMNS
from providers.models import ContractRequirement, Council


def compliance_frame(*, council: Council, collection_round: CollectionRound, today: date) -> pd.DataFrame:
    """One row per unit (requirement label, status), sorted. The desk's stored statuses are counted per
    requirement kind and status in the database (40,000 units nationally: a handful of rows, no model instances)."""
    counted = (desk_rows(council=council, round=collection_round, today=today).order_by()
               .values_list("requirement__kind", "status").annotate(n=Count("pk")))
    labels = dict(ContractRequirement.Kind.choices)
    records = sorted((labels.get(kind, kind), status) for kind, status, n in counted for _ in range(n))
    return pd.DataFrame.from_records(records, columns=list(REQUIRED_COMPLIANCE_COLUMNS))
