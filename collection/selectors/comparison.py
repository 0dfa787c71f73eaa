"""Collection's reads for the apps above it that compare workplaces (the survey app's provider benchmarks) and that
act on returns by id (the exit survey offered to leavers): plain rows and counts, never querysets to filter on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import QuerySet, Sum

from collection.models import CollectionRound, JobRoleCount, StaffRecord, WorkforceReturn
from providers.models import Organisation, Workplace

# A return counts in a comparison once its provider has submitted it (accepted or awaiting review).
COMPARED_STATES = (WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED)


def return_state(*, workplace: Workplace, collection_round: CollectionRound) -> str | None:
    """The state of the workplace's return for the round, or None when it has none."""
    found = WorkforceReturn.objects.filter(workplace=workplace, round=collection_round)
    return found.values_list("state", flat=True).first()


def is_accepted(state: str | None) -> bool:
    return state == WorkforceReturn.State.ACCEPTED


def organisation_returns_newest_first(organisation: Organisation) -> list[WorkforceReturn]:
    """Every return of the organisation's workplaces, with its workplace and round, newest round first."""
    return list(
        WorkforceReturn.objects.filter(workplace__organisation=organisation)
        .select_related("workplace", "round")
        .order_by("-round__snapshot_date", "workplace__name")
    )


def workplace_rounds(return_ids: Iterable[int]) -> list[tuple[Workplace, CollectionRound]]:
    """(workplace, round) of each of these returns, in the order the returns were made."""
    found = WorkforceReturn.objects.filter(pk__in=list(return_ids)).select_related("workplace", "round")
    return [(held.workplace, held.round) for held in found.order_by("pk")]


def compared_returns(*, collection_round: CollectionRound, workplaces: QuerySet[Workplace]) -> list[tuple]:
    """(workplace id, return id, total staff, organisation id) of each submitted or accepted return of these
    workplaces in the round."""
    returns = WorkforceReturn.objects.filter(round=collection_round, workplace__in=workplaces,
                                             state__in=COMPARED_STATES)  # fmt: skip
    return list(returns.values_list("workplace_id", "pk", "total_staff", "workplace__organisation_id"))


def installation_compared_returns(*, due_year: int, main_service: str) -> tuple[list[tuple], int]:
    """The installation-wide group: every workplace of the main service with a submitted or accepted return in any
    council's round due in `due_year` (one return per workplace: its latest), as (workplace id, return id, total
    staff, organisation id), and how many councils those rounds belong to."""
    returns = WorkforceReturn.objects.filter(
        round__due_date__year=due_year, round__draft=False, workplace__main_service=main_service,
        state__in=COMPARED_STATES,
    ).order_by("workplace_id", "pk")  # fmt: skip
    latest: dict[int, tuple] = {}
    councils = set()
    for w, r, t, o, c in returns.values_list("workplace_id", "pk", "total_staff", "workplace__organisation_id",
                                            "round__council_id"):  # fmt: skip
        latest[w] = (w, r, t, o)
        councils.add(c)
    return list(latest.values()), len(councils)


def leavers_and_vacancies(return_ids: Sequence[int]) -> dict[int, dict]:
    """Return id -> {"leavers": n, "vacancies": n}, summed over its job-role counts (returns without any are left
    out)."""
    rows = (
        JobRoleCount.objects.filter(workforce_return_id__in=list(return_ids))
        .values("workforce_return_id")
        .annotate(leavers=Sum("leavers"), vacancies=Sum("vacancies"))
    )
    return {row.pop("workforce_return_id"): row for row in rows}


def current_staff_values(return_ids: Sequence[int], columns: Sequence[str]) -> dict[int, list[dict]]:
    """Return id -> the given columns of each of its staff records still in post (one query)."""
    staff: dict[int, list[dict]] = defaultdict(list)
    rows = StaffRecord.objects.filter(workforce_return_id__in=list(return_ids), left_on__isnull=True)
    for row in rows.values("workforce_return_id", *columns):
        staff[row.pop("workforce_return_id")].append(row)
    return staff
