"""Demo collection data: the shared round `demo`, last year's round `demo-previous`, and returns in every state.

The rounds are built relative to the day the seed runs (`demo_round_dates`), so the demo is alive on any day of the
year: round `demo` opened six weeks ago and is due in three weeks; `demo-previous` is the same a year (52 weeks)
earlier, long closed. Running the seed again keeps the rounds while today is still at least a week before the due
date; later it moves both rounds to fresh dates around the new today (and the chase history is rebuilt by
`compliance.demo`). Idempotent on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from collection.models import CollectionRound, JobRoleCount, StaffRecord, WorkforceReturn
from collection.services.completeness import return_refresh_completeness
from providers.demo import DemoContext

State = WorkforceReturn.State
BASE = {
    "job_role": "8", "contract_type": "1", "zero_hours": "2", "contracted_hours": Decimal("37.5"),
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


# Last year's round: who did what (the chase ladder for it is run by compliance.demo).
# workplace key -> (state, staff records, days after the due date it was submitted)
PREVIOUS_PLAN = {
    "oak": (State.ACCEPTED, 6, -10),  # on time
    "elm": (State.ACCEPTED, 5, 10),  # late, but inside the extension compliance.demo grants
    "micro": (State.ACCEPTED, 3, 30),  # complied late, after reminders and notices
    # "ash" is exempt (closing service) and "homecare" never submitted: the whole ladder, on the default list
}
OPENED_DAYS_AGO = 42  # round `demo` opened six weeks before the seed's day...
DUE_IN_DAYS = 21  # ...and is due three weeks after it
KEEP_UNTIL_DAYS_BEFORE_DUE = 7  # a later run keeps the rounds while today is at least this long before the due date


@dataclass(frozen=True)
class RoundDates:
    snapshot_date: date
    window_opens: date
    due_date: date
    closes: date

    def year_earlier(self) -> RoundDates:
        back = timedelta(weeks=52)
        return RoundDates(*(getattr(self, name) - back for name in ("snapshot_date", "window_opens", "due_date",
                                                                      "closes")))  # fmt: skip


def demo_round_dates(today: date) -> RoundDates:
    """The demo round's dates for a seed run on `today`: open six weeks, due in three, closing a month after."""
    opens = today - timedelta(OPENED_DAYS_AGO)
    due = today + timedelta(DUE_IN_DAYS)
    return RoundDates(snapshot_date=opens - timedelta(1), window_opens=opens, due_date=due,
                      closes=due + timedelta(31))  # fmt: skip


def keeps_dates(*, window_opens: date, due_date: date, today: date) -> bool:
    """Whether a seed run on `today` keeps an existing demo round's dates (it still shows an open round with work)."""
    return window_opens <= today <= due_date - timedelta(KEEP_UNTIL_DAYS_BEFORE_DUE)


def _round(slug: str, dates: RoundDates) -> CollectionRound:
    found, _ = CollectionRound.objects.update_or_create(
        slug=slug, defaults={"name": f"Workforce return {dates.window_opens.year} (demo)", **dates.__dict__}
    )
    return found


def demo_rounds(today: date) -> tuple[CollectionRound, CollectionRound, bool]:
    """Round `demo` and `demo-previous` for a run on `today`, and whether their dates were (re)set by this run."""
    existing = CollectionRound.objects.filter(slug="demo").first()
    if existing and keeps_dates(window_opens=existing.window_opens, due_date=existing.due_date, today=today):
        return existing, CollectionRound.objects.get(slug="demo-previous"), False
    dates = demo_round_dates(today)
    return _round("demo", dates), _round("demo-previous", dates.year_earlier()), True


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def seed(context: DemoContext) -> None:
    current, previous, context.redated = demo_rounds(context.today)
    submitted_at = _at(min(current.window_opens + timedelta(days=14), context.today))
    for key, (state, count, total, comment) in PLAN.items():
        workplace = context.workplaces.get(key)
        if workplace is None:
            continue
        _demo_return(workplace, current, state=state, count=count, total=total, comment=comment,
                     submitted_at=submitted_at)
    for key, (state, count, days_after_due) in PREVIOUS_PLAN.items():
        workplace = context.workplaces.get(key)
        if workplace is not None:  # last year's lists, so providers can carry them forward
            _demo_return(workplace, previous, state=state, count=count, total=count, comment="",
                         submitted_at=_at(previous.due_date + timedelta(days=days_after_due)))


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
        JobRoleCount.objects.update_or_create(workforce_return=found, job_role="8", defaults={"vacancies": 1})
    for n in range(1, count + 1):
        values = dict(BASE)
        if state == State.IN_PROGRESS and n > 5:
            values.update(sickness_days=None, ethnicity="", gender="")  # some answers still to give
        if n == 1:
            values.update(job_role="4" if workplace.is_cqc_regulated else "3", pay_interval="1",
                          pay_rate=Decimal("38000"), contracted_hours=Decimal("40"))
        StaffRecord.objects.update_or_create(workforce_return=found, local_ref=f"{prefix}-{n}", defaults=values)
    return_refresh_completeness(workforce_return=found)
