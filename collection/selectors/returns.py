"""Reads for the collection pages: completeness, task statuses, staff lists and review lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from collection import access
from collection.conversion import section_data, staff_data, workplace_data
from collection.models import ChangeRecord, CollectionRound, StaffRecord, WorkforceReturn
from collection.policy import policy_for
from collection.rules import Completeness, CompletenessPolicy, return_completeness, staff_record_missing
from collection.rules.policy import STAFF_FIELD_LABELS
from providers.models import Council, Organisation, Workplace

NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START = "Not started", "In progress", "Completed", "Cannot start yet"
EDITABLE_STATES = (
    WorkforceReturn.State.NOT_STARTED,
    WorkforceReturn.State.IN_PROGRESS,
    WorkforceReturn.State.RETURNED,
)
PAGE_SIZE = 25
SORTS = {
    "reference": ("local_ref",),
    "job_role": ("job_role", "local_ref"),
    "start_date": ("start_date", "local_ref"),
    "updated": ("-updated_at", "local_ref"),
}


def active_staff(workforce_return: WorkforceReturn) -> QuerySet[StaffRecord]:
    return StaffRecord.objects.filter(workforce_return=workforce_return, left_on=None)


def completeness_for(
    workforce_return: WorkforceReturn,
    *,
    staff: list[StaffRecord] | None = None,
    policy: CompletenessPolicy | None = None,
) -> Completeness:
    """Completeness now (a fixed number of queries, whatever the number of staff records)."""
    staff = list(active_staff(workforce_return)) if staff is None else staff
    return return_completeness(
        workplace=workplace_data(workforce_return.workplace),
        section=section_data(
            workforce_return,
            job_roles=workforce_return.job_role_counts.all(),
            leaver_reasons=workforce_return.leaver_reasons.all(),
        ),
        staff=[staff_data(record) for record in staff],
        policy=policy or policy_for(workforce_return.workplace),
    )


@dataclass(frozen=True)
class Task:
    key: str
    name: str
    url_name: str
    status: str


def task_list(workforce_return: WorkforceReturn, *, staff: list[StaffRecord], completeness: Completeness) -> list[Task]:
    """The five tasks of a return and their statuses."""
    r = workforce_return
    numbers = [r.total_staff, r.starters_declared, r.leavers_declared, r.vacancies_declared]
    pay = [r.sick_pay, r.pension, r.holiday_days, r.sleep_ins, r.travel_time_pay]
    unconfirmed = any(not record.confirmed for record in staff)
    staff_done = bool(staff) and not unconfirmed and r.total_staff == len(staff)
    submitted = r.state in (WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED)
    return [
        Task("workplace", "Workplace details", "return-workplace", COMPLETED if r.workplace_confirmed_at else NOT_STARTED),
        Task("numbers", "Staff numbers, starters, leavers and vacancies", "return-numbers", _status(numbers)),
        Task("pay", "Pay and conditions", "return-pay", COMPLETED if r.pay_confirmed_at else _status(pay, partial=True)),
        Task("staff", "Staff records", "staff-list", COMPLETED if staff_done else (IN_PROGRESS if staff else NOT_STARTED)),
        Task("submit", "Check answers and submit", "return-check", COMPLETED if submitted else NOT_STARTED),
    ]


def _status(values: list, *, partial: bool = False) -> str:
    answered = [value not in (None, "") for value in values]
    if all(answered) and not partial:
        return COMPLETED
    return IN_PROGRESS if any(answered) else NOT_STARTED


@dataclass(frozen=True)
class StaffRow:
    record: StaffRecord
    missing: tuple[str, ...]


@dataclass(frozen=True)
class StaffListing:
    page: Page
    total: int
    shown: int
    job_roles: list[str]
    unconfirmed: int


def staff_listing(
    workforce_return: WorkforceReturn,
    *,
    policy: CompletenessPolicy,
    job_role: str = "",
    status: str = "",
    sort: str = "reference",
    page: str | int = 1,
) -> StaffListing:
    """The staff list, filtered (job role; complete, incomplete or to confirm), sorted and paginated.

    One query for the records (completeness per record is computed in Python), so the page costs the same number
    of queries with 5 records or 1,000.
    """
    records = list(active_staff(workforce_return).order_by(*SORTS.get(sort, SORTS["reference"])))
    rows = [
        StaffRow(
            record=record,
            missing=tuple(STAFF_FIELD_LABELS[name] for name in staff_record_missing(staff_data(record), policy=policy)),
        )
        for record in records
    ]
    roles = sorted({record.job_role for record in records if record.job_role}, key=_code_key)
    if job_role:
        rows = [row for row in rows if row.record.job_role == job_role]
    if status == "complete":
        rows = [row for row in rows if not row.missing]
    elif status == "incomplete":
        rows = [row for row in rows if row.missing]
    elif status == "to_confirm":
        rows = [row for row in rows if not row.record.confirmed]
    paginator = Paginator(rows, PAGE_SIZE)
    return StaffListing(page=paginator.get_page(page), total=len(records), shown=len(rows), job_roles=roles,
                        unconfirmed=sum(not record.confirmed for record in records))


def _code_key(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)


def previous_return(workforce_return: WorkforceReturn) -> WorkforceReturn | None:
    """The workplace's return in the latest earlier round that has staff records to carry forward."""
    return (
        WorkforceReturn.objects.filter(
            workplace_id=workforce_return.workplace_id,
            round__snapshot_date__lt=workforce_return.round.snapshot_date,
            staff_records__left_on=None,
        )
        .select_related("round")
        .order_by("-round__snapshot_date")
        .first()
    )


def organisation_returns(organisation: Organisation) -> tuple[list[CollectionRound], dict, list[Workplace]]:
    """Rounds, workplaces and the existing returns of an organisation (for the returns overview)."""
    rounds = list(access.rounds_for_organisation(organisation).order_by("-snapshot_date")[:3])
    workplaces = list(organisation.workplaces.filter(is_active=True).order_by("name"))
    found = WorkforceReturn.objects.filter(workplace__in=workplaces, round__in=rounds)
    returns = {(r.workplace_id, r.round_id): r for r in found}
    return rounds, returns, workplaces


def council_return_list(council: Council, *, round_: CollectionRound, state: str = "") -> list[dict]:
    """One row per contracted workplace for a round: its return (if started), state and completeness."""
    workplaces = access.contracted_workplaces_list(council)
    returns = {
        r.workplace_id: r for r in access.council_returns(council).filter(round=round_).select_related("workplace")
    }
    rows = []
    for place in workplaces:
        found = returns.get(place.pk)
        row_state = found.state if found else WorkforceReturn.State.NOT_STARTED
        if state and row_state != state:
            continue
        rows.append({"workplace": place, "return": found, "state": row_state})
    return rows


def change_history(workforce_return: WorkforceReturn) -> QuerySet[ChangeRecord]:
    return workforce_return.changes.select_related("actor").order_by("-at", "-id")


def council_missing(completeness: Completeness) -> list[str]:
    """What is missing, without naming any staff record (council staff never see staff-level rows)."""
    return [item for item in completeness.missing if not item.startswith("Staff record ")]


def staff_record_counts_by_return(*, council_id: int | None = None, organisation_ids=None) -> list[dict]:
    """For the retention schedule: each return holding staff records, with its round's close and its workplace
    (only the council's rounds and the given organisations' workplaces, when a scope is given)."""
    from django.db.models import Count, Q

    records = StaffRecord.objects.all()
    if council_id is not None:
        records = records.filter(Q(workforce_return__round__council_id=council_id)
                                 | Q(workforce_return__workplace__organisation_id__in=list(organisation_ids or [])))  # fmt: skip
    return list(
        records.values(
            "workforce_return_id", "workforce_return__workplace__organisation_id", "workforce_return__round__closes",
            "workforce_return__round__council_id", "workforce_return__workplace__name", "workforce_return__round__name",
        ).annotate(n=Count("pk")).order_by("workforce_return_id")
    )  # fmt: skip


def headcounts(*, round_: CollectionRound, workplace_ids) -> dict[int, int]:
    """Workplace id -> the number of staff its return for `round_` declares (workplaces whose return does not say
    are left out): the denominator of survey response rates."""
    rows = WorkforceReturn.objects.filter(round=round_, workplace_id__in=workplace_ids, total_staff__isnull=False)
    return dict(rows.values_list("workplace_id", "total_staff"))


def leavers_recorded(*, round_: CollectionRound, workplace_ids) -> dict[int, int]:
    """Workplace id -> how many staff records of its return for `round_` are marked as having left (by the web
    form, an upload's "missing from file" decision or the API). Counts only: nothing about who."""
    from django.db.models import Count

    rows = (
        StaffRecord.objects.filter(workforce_return__round=round_, workforce_return__workplace_id__in=workplace_ids,
                                   left_on__isnull=False)
        .values_list("workforce_return__workplace_id")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    return dict(rows)
