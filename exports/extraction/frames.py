"""Per-row extraction: exactly the columns the aggregation reads, through collection's extraction selectors
(`collection.selectors.extraction`, the one read path), a chunk of rows at a time. Staff rows go straight into
per-column lists (repeated codes share one string object), so a national round's 1.6 million records never exist
as row tuples all at once."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.db.models import QuerySet

from collection import selectors
from collection.models import CollectionRound, WorkforceReturn
from exports.aggregation import (
    REQUIRED_JOB_ROLE_COLUMNS,
    REQUIRED_LEAVER_REASON_COLUMNS,
    REQUIRED_STAFF_COLUMNS,
    REQUIRED_WORKPLACE_COLUMNS,
    EarlierRound,
)
from exports.aggregation.columns import INCLUDED_STATUSES
from exports.extraction.labels import round_label
from providers import reference
from providers.access import contracted_workplaces
from providers.models import Council

# Decimal columns are cast to floats in SQL: no Decimal objects are built for every row.
NUMERIC_STAFF_COLUMNS = ("contracted_hours", "average_hours", "pay_rate", "sickness_days")
MAX_EARLIER_ROUNDS = 4


@dataclass(frozen=True)
class RoundInputs:
    """The input frames of one round for one council (columns exactly as `build_tables` requires)."""

    collection_round: CollectionRound
    label: str
    workplaces: pd.DataFrame
    staff: pd.DataFrame
    job_roles: pd.DataFrame
    leaver_reasons: pd.DataFrame

    def as_earlier(self) -> EarlierRound:
        return EarlierRound(self.label, self.collection_round.snapshot_date, self.staff, self.workplaces,
                            self.job_roles)


def contracted_workplace_ids(council: Council) -> list[int]:
    """Ids of the workplaces the council contracts for (one query; evaluated first so that the row queries below
    filter on plain id lists, which every planner handles well)."""
    return list(contracted_workplaces(council).order_by("pk").values_list("pk", flat=True))


def included_returns(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> QuerySet[WorkforceReturn]:
    """Submitted and accepted returns of the round from workplaces the council contracts for (up to
    `selectors.ID_CHUNK` workplaces: for `.exists()`; the frames read their rows in chunks)."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    return selectors.returns_in(collection_round=collection_round, states=INCLUDED_STATUSES, workplace_ids=ids)


chunks = selectors.chunks
in_post = selectors.in_post


def earlier_rounds(*, council: Council, collection_round: CollectionRound) -> list[CollectionRound]:
    """Rounds before this one that the council takes part in (its own or shared), oldest first, at most four."""
    return selectors.rounds_before(council=council, collection_round=collection_round, limit=MAX_EARLIER_ROUNDS)


def round_inputs(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> RoundInputs:
    """The four input frames of one round (five queries: contracted workplaces, returns, staff, job roles,
    leaver reasons; four when `workplace_ids` is given)."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    workplaces, return_ids = workplace_frame(collection_round=collection_round, workplace_ids=ids)
    organisation_of = dict(zip(workplaces["workplace_id"], workplaces["organisation_id"], strict=True))
    return RoundInputs(
        collection_round=collection_round,
        label=round_label(collection_round),
        workplaces=workplaces,
        staff=_staff(return_ids, collection_round.snapshot_date, organisation_of),
        job_roles=_counts("job_roles", return_ids, REQUIRED_JOB_ROLE_COLUMNS),
        leaver_reasons=_counts("leaver_reasons", return_ids, REQUIRED_LEAVER_REASON_COLUMNS),
    )


def council_inputs(*, council: Council, collection_round: CollectionRound) -> tuple[RoundInputs, list[RoundInputs]]:
    """The round's inputs and those of the earlier rounds that have any included return (year-on-year series)."""
    ids = contracted_workplace_ids(council)
    current = round_inputs(council=council, collection_round=collection_round, workplace_ids=ids)
    earlier = [round_inputs(council=council, collection_round=r, workplace_ids=ids)
               for r in earlier_rounds(council=council, collection_round=collection_round)]
    return current, [e for e in earlier if len(e.workplaces)]


def _counts(kind: str, return_ids: list[int], columns: tuple[str, ...]) -> pd.DataFrame:
    rows = selectors.count_rows(kind, return_ids=return_ids, columns=columns)
    return pd.DataFrame.from_records(rows, columns=list(columns))


def service_categories() -> dict[str, str]:
    """main_services code -> service type group (the code list's category)."""
    return {row["code"]: row["category"] for row in reference.rows("main_services")}


def workplace_frame(*, collection_round: CollectionRound, workplace_ids: Sequence[int]) -> tuple[pd.DataFrame, list[int]]:
    """The included returns' workplaces (`REQUIRED_WORKPLACE_COLUMNS`, by workplace) and the returns' ids."""
    rows = selectors.return_rows(collection_round=collection_round, states=INCLUDED_STATUSES,
                                 workplace_ids=workplace_ids)
    frame = pd.DataFrame.from_records([row[1:] for row in rows], columns=list(REQUIRED_WORKPLACE_COLUMNS))
    categories = service_categories()
    frame["service_group"] = frame["service_group"].map(lambda code: categories.get(code, code or None))
    return frame, sorted(row[0] for row in rows)


def _staff(return_ids: list[int], snapshot_date: date, organisation_of: dict) -> pd.DataFrame:
    names = [c for c in REQUIRED_STAFF_COLUMNS if c not in ("workplace_id", "organisation_id")]
    columns = ["workplace_id", *names]
    values: list[list] = [[] for _ in columns]
    codes = {i for i, c in enumerate(columns) if c not in (*NUMERIC_STAFF_COLUMNS, "workplace_id", "birth_year")}
    for rows in selectors.staff_rows(return_ids=return_ids, snapshot_date=snapshot_date, columns=names,
                                     floats=NUMERIC_STAFF_COLUMNS):
        for i, column in enumerate(zip(*rows, strict=True)):
            values[i].extend(map(sys.intern, column) if i in codes else column)  # codes are never NULL
        del rows
    if values[0]:
        frame = pd.DataFrame(dict(zip(columns, values, strict=True)))
    else:  # no rows: the same (object) columns as a frame from no records
        frame = pd.DataFrame.from_records([], columns=columns)
    del values
    frame.insert(1, "organisation_id", frame["workplace_id"].map(organisation_of))
    return frame[list(REQUIRED_STAFF_COLUMNS)]
