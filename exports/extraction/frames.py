"""Per-row extraction: one query per input frame, exactly the columns the aggregation reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
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
ID_CHUNK = 20_000


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
    """Submitted and accepted returns of the round from workplaces the council contracts for."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    return WorkforceReturn.objects.filter(
        round=collection_round, state__in=sorted(INCLUDED_STATUSES), workplace_id__in=ids
    )


def chunks(ids: list[int], size: int = ID_CHUNK) -> list[list[int]]:
    """Id lists split so that no query carries more parameters than a database accepts."""
    return [ids[i:i + size] for i in range(0, len(ids), size)] or [[]]


def in_post(snapshot_date: date) -> Q:
    """Staff in post on the snapshot date: no leaving date, or one after the snapshot."""
    return Q(left_on__isnull=True) | Q(left_on__gt=snapshot_date)


def earlier_rounds(*, council: Council, collection_round: CollectionRound) -> list[CollectionRound]:
    """Rounds before this one that the council takes part in (its own or shared), oldest first, at most four."""
    rounds = (
        CollectionRound.objects.filter(snapshot_date__lt=collection_round.snapshot_date)
        .filter(Q(council__isnull=True) | Q(council=council))
        .order_by("-snapshot_date", "pk")[:MAX_EARLIER_ROUNDS]
    )
    return sorted(rounds, key=lambda r: r.snapshot_date)


def round_inputs(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> RoundInputs:
    """The four input frames of one round (five queries: contracted workplaces, returns, staff, job roles,
    leaver reasons; four when `workplace_ids` is given)."""
    returns = included_returns(council=council, collection_round=collection_round, workplace_ids=workplace_ids)
    workplaces, return_ids = _workplaces(returns)
    organisation_of = dict(zip(workplaces["workplace_id"], workplaces["organisation_id"], strict=True))
    return RoundInputs(
        collection_round=collection_round,
        label=round_label(collection_round),
        workplaces=workplaces,
        staff=_staff(return_ids, collection_round.snapshot_date, organisation_of),
        job_roles=_rows(JobRoleCount, return_ids, REQUIRED_JOB_ROLE_COLUMNS, ("workforce_return_id", "job_role")),
        leaver_reasons=_rows(LeaverReasonCount, return_ids, REQUIRED_LEAVER_REASON_COLUMNS,
                             ("workforce_return_id", "reason")),
    )


def council_inputs(*, council: Council, collection_round: CollectionRound) -> tuple[RoundInputs, list[RoundInputs]]:
    """The round's inputs and those of the earlier rounds that have any included return (year-on-year series)."""
    ids = contracted_workplace_ids(council)
    current = round_inputs(council=council, collection_round=collection_round, workplace_ids=ids)
    earlier = [round_inputs(council=council, collection_round=r, workplace_ids=ids)
               for r in earlier_rounds(council=council, collection_round=collection_round)]
    return current, [e for e in earlier if len(e.workplaces)]


def _rows(model, return_ids: list[int], columns: tuple[str, ...], order: tuple[str, ...]) -> pd.DataFrame:
    rows = []
    for chunk in chunks(return_ids):
        rows.extend(model.objects.filter(workforce_return_id__in=chunk)
                    .annotate(workplace_id=F("workforce_return__workplace_id")).order_by(*order)
                    .values_list(*columns))
    return pd.DataFrame.from_records(rows, columns=list(columns))


def service_categories() -> dict[str, str]:
    """main_services code -> service type group (the code list's category)."""
    return {row["code"]: row["category"] for row in reference.rows("main_services")}


def _workplaces(returns: QuerySet[WorkforceReturn]) -> tuple[pd.DataFrame, list[int]]:
    rows = list(returns.order_by("workplace_id").values_list(
        "pk", "workplace_id", "workplace__organisation_id", "state", "workplace__main_service", "workplace__district",
        "total_staff",
    ))
    frame = pd.DataFrame.from_records([row[1:] for row in rows], columns=list(REQUIRED_WORKPLACE_COLUMNS))
    categories = service_categories()
    frame["service_group"] = frame["service_group"].map(lambda code: categories.get(code, code or None))
    return frame, sorted(row[0] for row in rows)


def _staff(return_ids: list[int], snapshot_date: date, organisation_of: dict) -> pd.DataFrame:
    names = [c for c in REQUIRED_STAFF_COLUMNS if c not in ("workplace_id", "organisation_id")]
    casts = {f"{c}__f": Cast(c, FloatField()) for c in NUMERIC_STAFF_COLUMNS}
    selected = ["workplace_id", *(f"{c}__f" if c in NUMERIC_STAFF_COLUMNS else c for c in names)]
    rows = []
    for chunk in chunks(return_ids):
        rows.extend(
            StaffRecord.objects.filter(in_post(snapshot_date), workforce_return_id__in=chunk)
            .annotate(workplace_id=F("workforce_return__workplace_id"), **casts)
            .order_by("workforce_return_id", "local_ref")
            .values_list(*selected)
        )
    frame = pd.DataFrame.from_records(rows, columns=["workplace_id", *names])
    frame.insert(1, "organisation_id", frame["workplace_id"].map(organisation_of))
    return frame[list(REQUIRED_STAFF_COLUMNS)]
