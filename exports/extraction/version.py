"""The data version of a workbook: a short hash of everything its figures are built from.

Same source rows -> same version -> (with the same request) the same bytes. Any change to an included return,
staff record, job-role or leaver-reason count, workplace (service type, district) or to which workplaces are
included (a return submitted, a contract changed) changes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd
from django.db.models import Count, Max

from collection import selectors
from collection.models import CollectionRound
from exports.aggregation.columns import INCLUDED_STATUSES
from exports.extraction.frames import contracted_workplace_ids
from providers.models import Council, Workplace

# Bump when the workbook's content changes for the same data (new tables, changed rules).
FORMAT_VERSION = "1"


def data_version(*, council: Council, rounds: Sequence[CollectionRound], workplace_ids: list[int] | None = None
                 ) -> str:
    """A 16-character hash over the source rows of `rounds` (the workbook's round and its earlier rounds);
    `workplace_ids`: the council's contracted workplaces, when the caller has them already."""
    workplace_ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    digest = hashlib.sha256(f"format {FORMAT_VERSION}; council {council.pk}; {workplace_ids}".encode())
    for collection_round in rounds:
        for part in _fingerprint(council, collection_round, workplace_ids):
            digest.update(repr(part).encode())
    return digest.hexdigest()[:16]


def round_data_version(
    *, council: Council, collection_round: CollectionRound, compliance: pd.DataFrame | None = None,
    workplace_ids: list[int] | None = None,
) -> str:
    """The data version of the council's workbook for the round: the round, the earlier rounds its series uses,
    and the compliance rows (requirement, status) when the workbook has them."""
    from exports.extraction.frames import earlier_rounds

    version = data_version(council=council, workplace_ids=workplace_ids,
                           rounds=[*earlier_rounds(council=council, collection_round=collection_round), collection_round])
    if compliance is None:
        return version
    rows = list(compliance.itertuples(index=False, name=None))
    return hashlib.sha256(f"{version}; compliance {rows}".encode()).hexdigest()[:16]


def _fingerprint(council: Council, collection_round: CollectionRound, workplace_ids: list[int]) -> list[object]:
    listing = selectors.return_versions(collection_round=collection_round, states=INCLUDED_STATUSES,
                                        workplace_ids=workplace_ids)
    parts: list[object] = [collection_round.pk, collection_round.snapshot_date, listing]
    parts.extend(selectors.source_totals(return_ids=[row[0] for row in listing],
                                         snapshot_date=collection_round.snapshot_date))
    for chunk in selectors.chunks(sorted(row[1] for row in listing)):
        parts.append(Workplace.objects.filter(pk__any=chunk).aggregate(n=Count("pk"), latest=Max("updated_at")))
    return parts
