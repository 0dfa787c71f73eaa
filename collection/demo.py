"""Demo collection data: the shared round `demo` (window 1 April, due 30 June, closes 31 July of the current year),
last year's round, and returns in every state across the demo workplaces. Idempotent."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from collection.models import CollectionRound, JobRoleCount, StaffRecord, WorkforceReturn
from collection.services.completeness import return_refresh_completeness
from providers.demo import DemoContext

State = WorkforceReturn.State
BASE = {
    "job_role": "10", "contract_type": "1", "zero_hours": "2", "contracted_hours": Decimal("37.5"),
    "pay_interval": "3", "pay_rate": Decimal("12.85"), "gender": "2", "ethnicity": "31", "nationality": "826",
    "disability": "0", "birth_year": 1984, "start_date": date(2019, 6, 1), "year_started_in_sector": 2012,
    "recruitment_source": "2", "sickness_days": Decimal("3"), "care_certificate": "1",
    "social_care_qualification": "1", "social_care_level": "2", "other_qualification": "2", "apprenticeship": "2",
}  # fmt: skip
SECTION = {
    "starters_declared": "none", "leavers_declared": "none", "vacancies_declared": "with_jobs", "sick_pay": "1",
    "pension": "0", "holiday_days": 28, "sleep_ins": "2", "travel_time_pay": "6",
}  # fmt: skip
# workplace key -> (state, staff records, total staff, review comment)
PLAN = {
    "oak": (State.IN_PROGRESS, 8, 10, ""),
    "elm": (State.SUBMITTED, 6, 6, ""),
    "ash": (State.RETURNED, 5, 5, "Please add the missing sickness days and check the pay rate for ASH-3."),
    "homecare": (State.ACCEPTED, 4, 4, ""),
    "micro": (State.NOT_STARTED, 0, None, ""),
}


def seed(context: DemoContext) -> None:
    year = context.today.year
    current, _ = CollectionRound.objects.update_or_create(
        slug="demo",
        defaults={
            "name": f"Workforce return {year}",
            "snapshot_date": date(year, 3, 31),
            "window_opens": date(year, 4, 1),
            "due_date": date(year, 6, 30),
            "closes": date(year, 7, 31),
        },
    )
    previous, _ = CollectionRound.objects.update_or_create(
        slug="demo-previous",
        defaults={
            "name": f"Workforce return {year - 1}",
            "snapshot_date": date(year - 1, 3, 31),
            "window_opens": date(year - 1, 4, 1),
            "due_date": date(year - 1, 6, 30),
            "closes": date(year - 1, 7, 31),
        },
    )
    submitted_at = timezone.make_aware(datetime.combine(date(year, 6, 2), time(10, 0)))
    for key, (state, count, total, comment) in PLAN.items():
        workplace = context.workplaces.get(key)
        if workplace is None:
            continue
        _demo_return(workplace, current, state=state, count=count, total=total, comment=comment,
                     submitted_at=submitted_at)
    micro = context.workplaces.get("micro")
    if micro is not None:  # last year's list, so the micro-employer can carry it forward
        _demo_return(micro, previous, state=State.ACCEPTED, count=3, total=3, comment="", submitted_at=submitted_at)


def _demo_return(workplace, round_, *, state, count, total, comment, submitted_at) -> None:
    prefix = workplace.local_ref
    done = state in (State.SUBMITTED, State.RETURNED, State.ACCEPTED)
    defaults = {"state": state, "total_staff": total, "review_comment": comment}
    if state != State.NOT_STARTED:
        defaults.update(SECTION)
        defaults["workplace_confirmed_at"] = submitted_at
        defaults["pay_confirmed_at"] = submitted_at if done else None
    if done:
        defaults.update(submitted_at=submitted_at, submission_reference=f"WR-DEMO-{prefix[:4]}")
    found, _ = WorkforceReturn.objects.update_or_create(workplace=workplace, round=round_, defaults=defaults)
    if state != State.NOT_STARTED:
        JobRoleCount.objects.update_or_create(workforce_return=found, job_role="10", defaults={"vacancies": 1})
    for n in range(1, count + 1):
        values = dict(BASE)
        if state == State.IN_PROGRESS and n > 5:
            values.update(sickness_days=None, ethnicity="", gender="")  # some answers still to give
        if n == 1:
            values.update(job_role="4" if workplace.is_cqc_regulated else "3", pay_interval="1",
                          pay_rate=Decimal("38000"), contracted_hours=Decimal("40"))
        StaffRecord.objects.update_or_create(workforce_return=found, local_ref=f"{prefix}-{n}", defaults=values)
    return_refresh_completeness(workforce_return=found)
