"""What the contract officer's desk shows: every unit of the council's contracts with its status, the
organisations on the default list, and one organisation's full evidence trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from collection.models import CollectionRound, WorkforceReturn
from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry
from compliance.rules import Status, StatusResult
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
SORTS = {
    "organisation": lambda r: (r.unit.organisation.name.lower(), r.unit.place_name.lower()),
    "status": lambda r: (list(STATUS_LABELS).index(r.status_value), r.unit.organisation.name.lower()),
    "due": lambda r: (r.due_date or date.max, r.unit.organisation.name.lower()),
    "complete": lambda r: (r.percent if r.percent is not None else -1, r.unit.organisation.name.lower()),
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
        unit = self.unit
        return [
            unit.organisation.name, unit.workplace.local_ref if unit.workplace else "", unit.place_name,
            self.district, self.service, unit.requirement.get_kind_display(), unit.contract.reference, self.label,
            self.due_date, self.percent, self.last_step, self.officer, self.result.reason if self.result else "",
        ]  # fmt: skip


EXPORT_HEADERS = [
    "Organisation", "Workplace reference", "Workplace", "District", "Main service", "Requirement", "Contract",
    "Status", "Due date", "% complete", "Latest chase step", "Contract officer", "Reason",
]  # fmt: skip


def rounds_for_council(council: Council) -> QuerySet[CollectionRound]:
    return CollectionRound.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("-window_opens")


def _last_steps(units: list[Unit]) -> dict[tuple, str]:
    order = {}
    for unit in units:
        keys = [s.key for s in unit.ladder if s.key in unit.done and unit.done[s.key] in ACTIVE_STEPS]
        order[unit.key] = keys[-1].replace("_", " ") if keys else ""
    return order


def desk_rows(*, council: Council, round: CollectionRound, today: date, filters: dict | None = None) -> list[DeskRow]:
    """Every unit of the council's contracts in `round`, filtered and sorted as the desk's form asks."""
    filters = filters or {}
    units = chase_units(today=today, councils=[council], rounds=[round])
    last = _last_steps(units)
    rows = [DeskRow(unit=u, result=u.status(today), last_step=last[u.key]) for u in units]
    if filters.get("status"):
        rows = [r for r in rows if r.status_value == filters["status"]]
    if filters.get("service"):
        rows = [r for r in rows if r.unit.workplace and r.unit.workplace.main_service == filters["service"]]
    if filters.get("district"):
        rows = [r for r in rows if r.district == filters["district"]]
    if filters.get("officer"):
        rows = [r for r in rows if r.unit.contract.contract_officer_id == int(filters["officer"])]
    rows.sort(key=SORTS.get(filters.get("sort") or "organisation", SORTS["organisation"]))
    return rows


def status_counts(rows: list[DeskRow]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
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
