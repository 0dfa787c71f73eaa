"""The desk's warning list: annual returns due within WARNING_DAYS, each on track, at risk or not started
(compliance.rules.outlook), read from the stored statuses and the returns' own progress and last activity."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone

from collection.models import CollectionRound, PersonalAssistantReturn, WorkforceReturn
from compliance.models import UnitStatus
from compliance.rules.outlook import OUTLOOK_LABELS, WARNING_DAYS, Outlook, outlook
from providers.models import ContractRequirement, Council

SUBMITTED = {WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED}
LISTED = ["due", "extended", "complied"]  # statuses that can be before the due date
MAX_LISTED = 500  # rows shown per group (counts are always whole)


@dataclass(frozen=True)
class OutlookRow:
    row: UnitStatus
    outlook: Outlook
    progress: int | None
    last_active: date | None

    @property
    def label(self) -> str:
        return OUTLOOK_LABELS[self.outlook][0]

    @property
    def tag(self) -> str:
        return OUTLOOK_LABELS[self.outlook][1]


def _day(moment) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def outlook_rows(*, council: Council, round: CollectionRound, today: date) -> dict[Outlook, list[OutlookRow]]:
    """The council's annual returns in `round` whose own due date is within WARNING_DAYS, by outlook. Reads the
    stored statuses as they are (the desk refreshes them first)."""
    statuses = list(
        UnitStatus.objects.filter(
            council=council, round=round, status__in=LISTED, requirement__kind=ContractRequirement.Kind.ANNUAL_RETURN,
            due_date__gte=today, due_date__lte=today + timedelta(days=WARNING_DAYS),
        ).select_related("organisation", "workplace").order_by("due_date", "organisation_sort", "place_sort", "pk")
    )  # fmt: skip
    places = {s.workplace_id for s in statuses if s.workplace_id}
    orgs = {s.organisation_id for s in statuses if not s.workplace_id}
    returns = {
        w: (state, progress, submitted, max(filter(None, [_day(updated), _day(changed)]), default=None))
        for w, state, progress, submitted, updated, changed in WorkforceReturn.objects.filter(
            round=round, workplace_id__in=places
        ).annotate(changed=Max("changes__at")).values_list(
            "workplace_id", "state", "progress_percent", "submitted_at", "updated_at", "changed"
        )
    }  # fmt: skip
    pa = {
        o: (state, _day(updated))
        for o, state, updated in PersonalAssistantReturn.objects.filter(round=round, organisation_id__in=orgs)
        .values_list("organisation_id", "state", "updated_at")
    }  # fmt: skip
    grouped: dict[Outlook, list[OutlookRow]] = defaultdict(list)
    for status in statuses:
        if status.workplace_id:
            state, progress, _, active = returns.get(status.workplace_id, ("not_started", None, None, None))
            submitted = state in SUBMITTED or status.status == "complied"
            started = state != WorkforceReturn.State.NOT_STARTED
        else:
            state, active = pa.get(status.organisation_id, ("not_started", None))
            progress, submitted = None, state == PersonalAssistantReturn.State.SUBMITTED or status.status == "complied"
            started = state != "not_started"
        found = outlook(today=today, due=status.due_date, submitted=submitted, started=started,
                        progress_percent=progress, last_active=active)  # fmt: skip
        if found is not None:
            grouped[found].append(OutlookRow(status, found, progress, active))
    return {kind: grouped.get(kind, []) for kind in Outlook}
