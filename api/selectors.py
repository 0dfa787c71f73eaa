"""Reads for the API, always scoped to what the caller may see (through providers.access / collection.access)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from collection.access import rounds_for_organisation, rounds_for_workplace
from collection.conversion import staff_data, workplace_data
from collection.models import CollectionRound, StaffRecord, WorkforceReturn
from collection.rules import Issue, validate_staff_record
from providers import access
from providers.models import Membership, Organisation, User, Workplace


def organisation_list(*, user: User) -> QuerySet[Organisation]:
    """The caller's organisations, each annotated with the caller's `role` in it."""
    role = Membership.objects.filter(user=user, organisation=OuterRef("pk")).values("role")[:1]
    return access.organisations_for(user).annotate(role=Subquery(role)).order_by("name")


def workplace_list(*, organisation: Organisation) -> QuerySet[Workplace]:
    return organisation.workplaces.filter(is_active=True).order_by("name")


def round_list(*, organisation: Organisation) -> QuerySet[CollectionRound]:
    return rounds_for_organisation(organisation).order_by("-snapshot_date", "name")


def return_list(*, workplace: Workplace) -> QuerySet[WorkforceReturn]:
    return (
        WorkforceReturn.objects.filter(workplace=workplace, round__in=rounds_for_workplace(workplace))
        .select_related("round")
        .annotate(staff_record_count=Count("staff_records", filter=Q(staff_records__left_on=None)))
        .order_by("-round__snapshot_date")
    )


def return_get(*, workplace: Workplace, round_: CollectionRound) -> WorkforceReturn:
    """The workplace's return for the round; a not-started one (unsaved) when nothing has been entered yet."""
    found = (
        WorkforceReturn.objects.filter(workplace=workplace, round=round_)
        .select_related("round")
        .prefetch_related("job_role_counts", "leaver_reasons")
        .annotate(staff_record_count=Count("staff_records", filter=Q(staff_records__left_on=None)))
        .first()
    )
    if found is None:
        found = WorkforceReturn(workplace=workplace, round=round_)
        found.staff_record_count = 0
    found.job_role_list = list(found.job_role_counts.all()) if found.pk else []
    found.leaver_reason_list = list(found.leaver_reasons.all()) if found.pk else []
    return found


def return_find(*, workplace: Workplace, round_: CollectionRound) -> WorkforceReturn | None:
    """The workplace's return for the round, if anything has been entered (one query)."""
    return WorkforceReturn.objects.filter(workplace=workplace, round=round_).first()


def staff_record_list(
    *,
    workforce_return: WorkforceReturn | None,
    job_role: str | None = None,
    contract_type: str | None = None,
    search: str | None = None,
) -> QuerySet[StaffRecord]:
    """Current staff records of a return (not leavers), filtered; `search` matches the start of the staff reference."""
    if workforce_return is None:
        return StaffRecord.objects.none()
    records = StaffRecord.objects.filter(workforce_return=workforce_return, left_on=None)
    if job_role:
        records = records.filter(job_role=job_role)
    if contract_type:
        records = records.filter(contract_type=contract_type)
    if search:
        records = records.filter(local_ref__istartswith=search.strip())
    return records.order_by("local_ref", "pk")


def staff_record_warnings(*, record: StaffRecord, workforce_return: WorkforceReturn) -> list[Issue]:
    """The warnings the rules raise for a saved record (the API accepts warnings and reports them)."""
    issues = validate_staff_record(
        staff_data(record),
        snapshot_date=workforce_return.round.snapshot_date,
        workplace=workplace_data(workforce_return.workplace),
    )
    return [issue for issue in issues if not issue.is_error]
