"""The database-side GROUP BY path for national scale (40,000 workplaces, 1.6 million staff records a year).

Headcount and FTE are summed in SQL per workplace and job role (`values(...).annotate(Count, Sum)`), so only
~8 rows per workplace leave the database instead of one 20-column row per person. The grouped rows are expanded
(numpy repeat, one light row per person with the group's mean FTE) into the frame `catalogue.workforce_tables`
reads, which gives the same coverage and staff/FTE tables as the per-row path (tested), through the same
disclosure control. Pay medians, quartiles and sickness means need individual values and stay per-row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collection import selectors
from collection.models import CollectionRound
from exports.aggregation import catalogue
from exports.aggregation import columns as col
from exports.aggregation.catalogue import Frames, axis
from exports.disclosure.tables import RawTable
from exports.extraction.frames import contracted_workplace_ids, workplace_frame
from providers.models import Council


def staff_groups(*, return_ids: list[int], snapshot_date) -> pd.DataFrame:
    """Staff in post per workplace and job role, grouped in the database: workplace_id, job_role, staff, fte."""
    rows = selectors.staff_role_groups(return_ids=return_ids, snapshot_date=snapshot_date,
                                       full_time_hours=col.FULL_TIME_HOURS)
    return pd.DataFrame.from_records(rows, columns=["workplace_id", "job_role", "staff", "fte"])


def workplace_rows(*, council: Council, collection_round: CollectionRound) -> tuple[pd.DataFrame, list[int]]:
    return workplace_frame(collection_round=collection_round, workplace_ids=contracted_workplace_ids(council))


def headcount_tables(*, council: Council, collection_round: CollectionRound) -> list[RawTable]:
    """Coverage and staff/FTE tables (by service type x job role group, district x job role group), unrounded,
    from database-grouped counts. Pass them to `exports.disclosure.protect_all`."""
    workplaces, return_ids = workplace_rows(council=council, collection_round=collection_round)
    groups = staff_groups(return_ids=return_ids, snapshot_date=collection_round.snapshot_date)
    return tables_from_groups(workplaces=workplaces, groups=groups)


def tables_from_groups(*, workplaces: pd.DataFrame, groups: pd.DataFrame) -> list[RawTable]:
    included = col.included_workplaces(workplaces)
    groups = groups.merge(included[["workplace_id", "organisation_id", "service", "district"]], on="workplace_id")
    counts = groups["staff"].to_numpy(dtype=int)
    people = pd.DataFrame({
        "organisation_id": np.repeat(groups["organisation_id"].to_numpy(), counts),
        "service": np.repeat(groups["service"].to_numpy(), counts),
        "district": np.repeat(groups["district"].to_numpy(), counts),
        "role_group": np.repeat(col.role_group_of(groups["job_role"]).to_numpy(), counts),
        "fte": np.repeat((groups["fte"].astype(float) / np.maximum(counts, 1)).to_numpy(), counts),
    })
    empty = pd.DataFrame()
    frames = Frames(people=people, roles=empty, reasons=empty, workplaces=included, posts=empty,
                    districts=col.districts(included))
    service = axis("service", col.service_groups())
    district = axis("district", frames.districts)
    role = axis("role_group", col.role_groups())
    return catalogue.workforce_tables(frames, service, district, role)
