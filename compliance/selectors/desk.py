"""What the contract officer's desk shows: every unit of the council's contracts with its status, the
organisations on the default list, and one organisation's full evidence trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from collection.models import CollectionRound, WorkforceReturn
from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry, UnitStatus
from compliance.rules import Status, StatusResult, step_label
from compliance.selectors.units import Unit, chase_units
from providers.access import contracted_workplaces
from providers.models import Council, Organisation
from providers.reference import labels

# status -> (label, GOV.UK tag colour)
STATUS_LABELS = {
    Status.NOT_DUE: ("Not due", "govuk-tag--grey"),
    Status.DUE: ("Due", "govuk-tag--blue"),
    Status.OVERDUE: ("Overdue", "govuk-tag--orange"),
    Status.ESCALATED: ("Escalated", "govuk-tag--red"),
    Status.COMPLIED: ("Complied", "govuk-tag--green"),
    Status.COMPLIED_LATE: ("Complied late", "govuk-tag--turquoise"),
    Status.EXTENDED: ("Extended", "govuk-tag--purple"),
    Status.EXEMPT: ("Exempt", "govuk-tag--grey"),
    Status.NOT_RECEIVED: ("Not received", "govuk-tag--yellow"),
    "not_assessable": ("Cannot be assessed yet", "govuk-tag--grey"),
}
ACTIVE_STEPS = [ChaseRecord.Status.SENT, ChaseRecord.Status.APPROVED, ChaseRecord.Status.QUEUED,
                ChaseRecord.Status.SENDING, ChaseRecord.Status.FAILED]  # fmt: skip


@dataclass
class DeskRow:
    unit: Unit
    result: StatusResult | None
    last_step: str

    @property
    def status_value(self) -> str:
        return self.result.status.value if self.result else "not_assessable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status_value][0]

    @property
    def tag(self) -> str:
        return STATUS_LABELS[self.status_value][1]

    @property
    def due_date(self) -> date | None:
        return self.result.effective_due_date if self.result else None

    @property
    def percent(self) -> int | None:
        """The share of staff records complete on the key fields (what the contract's threshold is about)."""
        return self.unit.facts.completeness_percent if self.unit.facts else None

    @property
    def progress(self) -> int | None:
        """The return's task progress (100 only when it meets the completeness rule)."""
        return self.unit.progress_percent

    @property
    def officer(self) -> str:
        officer = self.unit.contract.contract_officer
        return officer.get_full_name() if officer else ""

    @property
    def service(self) -> str:
        code = self.unit.workplace.main_service if self.unit.workplace else ""
        return labels("main_services").get(code, "") if code else ""

    @property
    def district(self) -> str:
        return self.unit.workplace.district if self.unit.workplace else ""

    def as_export_row(self) -> list:
        return export_row(self)


def export_row(row) -> list:
    """One row of the desk's spreadsheet, from a DeskRow or a stored UnitStatus (same interface)."""
    unit = row.unit
    return [
        unit.organisation.name, unit.workplace.local_ref if unit.workplace else "", unit.place_name,
        row.district, row.service, unit.requirement.get_kind_display(), unit.contract.reference, row.label,
        row.due_date, row.percent, row.last_step, row.officer, row.result.reason if row.result else "",
    ]  # fmt: skip


EXPORT_HEADERS = [
    "Organisation", "Workplace reference", "Workplace", "District", "Main service", "Requirement", "Contract",
    "Status", "Due date", "% complete", "Latest chase step", "Contract officer", "Reason",
]  # fmt: skip


def rounds_for_council(council: Council) -> QuerySet[CollectionRound]:
    return CollectionRound.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("-window_opens")


def last_steps(units: list[Unit]) -> dict[tuple, str]:
    """Each unit's latest step that went (or is going) out, in words ("" when none yet)."""
    order = {}
    for unit in units:
        steps = [s for s in unit.ladder if s.key in unit.done and unit.done[s.key] in ACTIVE_STEPS]
        order[unit.key] = step_label(steps[-1]) if steps else ""
    return order


# The desk's orders, in SQL on the stored statuses; the primary key keeps the order the units were computed in.
SQL_SORTS = {
    "organisation": ("organisation_sort", "place_sort", "pk"),
    "status": ("status_rank", "organisation_sort", "pk"),
    "due": (F("due_date").asc(nulls_last=True), "organisation_sort", "pk"),
    "complete": (F("completeness_percent").asc(nulls_first=True), "organisation_sort", "pk"),
}


def desk_rows(
    *, council: Council, round: CollectionRound, today: date, filters: dict | None = None
) -> QuerySet[UnitStatus]:
    """Every unit of the council's contracts in `round`, filtered and sorted as the desk's form asks: a queryset of
    stored statuses (refreshed first if any went stale or the round was not computed today), to page in SQL. Each
    row has DeskRow's interface."""
    from compliance.services.statuses import statuses_ensure_fresh

    statuses_ensure_fresh(council=council, round=round, today=today)
    filters = filters or {}
    rows = UnitStatus.objects.filter(council=council, round=round)
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("service"):
        rows = rows.filter(workplace__isnull=False, main_service=filters["service"])
    if filters.get("district"):
        rows = rows.filter(district=filters["district"])
    if filters.get("officer"):
        rows = rows.filter(contract_officer_id=int(filters["officer"]))
    order = SQL_SORTS.get(filters.get("sort") or "organisation", SQL_SORTS["organisation"])
    return rows.select_related("organisation", "workplace", "requirement", "contract", "round", "council").order_by(
        *order
    )


def status_counts(rows) -> list[tuple[str, str, int]]:
    """How many rows have each status: one GROUP BY for a queryset of stored statuses (or a count of a list)."""
    if isinstance(rows, QuerySet):
        counts = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    else:
        counts = {}
        for row in rows:
            counts[row.status_value] = counts.get(row.status_value, 0) + 1
    return [(value, label, counts.get(value, 0)) for value, (label, _) in STATUS_LABELS.items()]


def default_list(*, council: Council) -> list[dict]:
    """Organisations that reached the default step (or were given a default notice by hand), newest first."""
    found: dict[int, dict] = {}
    records = ChaseRecord.objects.filter(council=council, marks_default=True, status__in=ACTIVE_STEPS).select_related(
        "organisation", "round", "workplace"
    )
    for record in records:
        entry = found.setdefault(record.organisation_id, {"organisation": record.organisation, "reasons": []})
        entry["reasons"].append(f"Default notice step, {record.round.name} ({record.get_status_display().lower()})")
    for notice in Notice.objects.filter(council=council, kind=Notice.Kind.DEFAULT).select_related("organisation"):
        entry = found.setdefault(notice.organisation_id, {"organisation": notice.organisation, "reasons": []})
        entry["reasons"].append(f"Default notice issued on {notice.created_at:%-d %B %Y}")
    return sorted(found.values(), key=lambda e: e["organisation"].name.lower())


def _when(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time(0)))


def organisation_evidence(*, council: Council, organisation: Organisation, today: date) -> dict:
    """One organisation's status and its full evidence trail with this council, newest first."""
    from compliance.selectors.provider import live_and_history

    units = chase_units(today=today, councils=[council], organisation=organisation, settled_history=True)
    rows, history = live_and_history(units, today)
    scope = {"council": council, "organisation": organisation}
    records = list(
        ChaseRecord.objects.filter(**scope).select_related("workplace", "round", "decided_by", "requirement")
    )
    places = contracted_workplaces(council).filter(organisation=organisation)
    returns = WorkforceReturn.objects.filter(workplace__in=places).exclude(submitted_at=None)
    trail = [("chase", _when(r.created_at), r) for r in records if r.status != ChaseRecord.Status.SKIPPED]
    trail += [("submission", r.submitted_at, r) for r in returns.select_related("workplace", "round")]
    trail += [("review", r.reviewed_at, r) for r in returns.exclude(reviewed_at=None).select_related("workplace")]
    trail += [("approval", r.decided_at, r) for r in records if r.decided_at]
    trail += [(e.kind, e.created_at, e) for e in OfficerEntry.objects.filter(**scope).select_related("recorded_by")]
    related = ("workplace", "round", "decided_by", "requirement")
    trail += [("extension", e.created_at, e) for e in Extension.objects.filter(**scope).select_related(*related)]
    trail += [("exemption", e.created_at, e) for e in Exemption.objects.filter(**scope).select_related(*related)]
    trail += [("notice", n.created_at, n) for n in Notice.objects.filter(**scope).select_related("issued_by")]
    trail.sort(key=lambda item: item[1], reverse=True)
    return {
        "rows": rows,
        "history": history,
        "pending": [r for r in records if r.status == ChaseRecord.Status.AWAITING_APPROVAL],
        "tasks": [r for r in records if r.status == ChaseRecord.Status.QUEUED and r.channel == "task"],
        "trail": [{"kind": kind, "when": when, "item": item} for kind, when, item in trail],
    }
