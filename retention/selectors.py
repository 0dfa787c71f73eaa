"""What the retention schedule applies to: one `Item` per unit of deletion (an upload's files, a return's staff
records, a campaign's responses, a contract's chase evidence, an account, an invitation), with the dates the pure
rules need. Read through each app's selectors in a fixed number of grouped queries, whatever the installation's
size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from collection.selectors import staff_record_counts_by_return
from compliance.selectors.evidence_counts import chase_evidence_by_contract, officer_records_by_pair
from config import clock
from providers.models import Council
from providers.selectors import (
    active_users_for_retention,
    contracted_organisation_ids,
    contracts_for_retention,
    invitations_for_retention,
)
from retention import rules
from retention.models import AccountWarning, LegalHold, RetentionLog
from surveys.models import Channel, Kind
from surveys.selectors import response_counts_by_campaign
from uploads.selectors import uploads_holding_files

CHANNELS, SURVEY_KINDS = dict(Channel.choices), dict(Kind.choices)
__all__ = ["Item", "Scope", "Upcoming", "contracted_organisation_ids", "held_organisation_ids", "holds_for_council", "items",
           "periods", "recently_removed", "upcoming_for_council"]


@dataclass(frozen=True)
class Item:
    dataset: str
    key: tuple  # what to delete: ("upload", id), ("return", id), ("campaign", id), ("contract", id),
    #             ("pair", council id, organisation id), ("user", id), ("invitation", id)
    label: str
    count: int
    dates: dict
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    council_ids: frozenset[int] = field(default_factory=frozenset)


def periods() -> rules.Periods:
    return rules.Periods.from_mapping(settings.RETENTION)


def held_organisation_ids() -> set[int]:
    return set(LegalHold.objects.filter(lifted_at__isnull=True).values_list("organisation_id", flat=True))


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localtime(moment).date()


def _ids(*values) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


@dataclass(frozen=True)
class Scope:
    """One council's view: its own rounds, channels, contracts, staff and invitations, and the organisations it has
    (or had) a contract with. The daily task has no scope: it sees everything."""

    council_id: int
    organisation_ids: frozenset[int]

    @classmethod
    def of(cls, council_id: int) -> Scope:
        return cls(council_id, frozenset(contracted_organisation_ids(council_id)))

    def kwargs(self) -> dict:
        return {"council_id": self.council_id, "organisation_ids": self.organisation_ids}


def _upload_items(scope: Scope | None) -> list[Item]:
    return [
        Item(rules.UPLOAD_FILES, ("upload", r["upload_id"]), f"Upload {r['upload_id']} for {r['upload__organisation__name']}",
             r["n"], {"uploaded_on": _day(r["upload__created_at"]), "applied_on": _day(r["upload__applied_at"])},
             _ids(r["upload__organisation_id"]))  # fmt: skip
        for r in uploads_holding_files(**({"organisation_ids": scope.organisation_ids} if scope else {}))
    ]


def _staff_items(scope: Scope | None) -> list[Item]:
    return [
        Item(rules.STAFF_RECORDS, ("return", r["workforce_return_id"]),
             f"{r['workforce_return__workplace__name']}, {r['workforce_return__round__name']}", r["n"],
             {"round_closes": r["workforce_return__round__closes"]},
             _ids(r["workforce_return__workplace__organisation_id"]), _ids(r["workforce_return__round__council_id"]))  # fmt: skip
        for r in staff_record_counts_by_return(**(scope.kwargs() if scope else {}))
    ]


def _survey_items(scope: Scope | None) -> list[Item]:
    items = []
    for r in response_counts_by_campaign(**(scope.kwargs() if scope else {})):
        channel = CHANNELS.get(r["campaign__channel"], r["campaign__channel"])
        audience = r["campaign__workplace__name"] or f"{r['campaign__council__name']} ({channel})"
        kind = SURVEY_KINDS.get(r["campaign__kind"], r["campaign__kind"])
        items.append(Item(
            rules.SURVEY_RESPONSES, ("campaign", r["campaign_id"]), f"{audience}, {kind}, {r['campaign__round__name']}",
            r["n"],
            {"round_closes": r["campaign__round__closes"]},
            _ids(r["campaign__workplace__organisation_id"]), _ids(r["campaign__council_id"]),
        ))  # fmt: skip
    return items


def _chase_items(scope: Scope | None) -> list[Item]:
    """Per contract: its chase records, extensions and exemptions. Per council and organisation: calls, notes and
    notices, kept until every contract between the two has ended (then the same period)."""
    council = {"council_id": scope.council_id} if scope else {}
    contracts = {c["pk"]: c for c in contracts_for_retention(**council)}
    items = []
    for pk, n in sorted(chase_evidence_by_contract(**council).items()):
        c = contracts[pk]
        items.append(Item(rules.CHASE_EVIDENCE, ("contract", pk), f"Contract {c['reference']} ({c['organisation__name']})",
                          n, {"contract_ends": c["ends_on"]}, _ids(c["organisation_id"]), _ids(c["council_id"])))  # fmt: skip
    ends: dict[tuple[int, int], list[date | None]] = {}
    names: dict[tuple[int, int], str] = {}
    for c in contracts.values():
        pair = (c["council_id"], c["organisation_id"])
        ends.setdefault(pair, []).append(c["ends_on"])
        names[pair] = c["organisation__name"]
    for pair, n in sorted(officer_records_by_pair(**council).items()):
        pair_ends = ends.get(pair, [])
        last_end = None if not pair_ends or None in pair_ends else max(pair_ends)
        items.append(Item(rules.CHASE_EVIDENCE, ("pair", *pair),
                          f"Calls, notes and notices about {names.get(pair, 'an organisation')}", n,
                          {"contract_ends": last_end}, _ids(pair[1]), _ids(pair[0])))  # fmt: skip
    return items


def _account_items(scope: Scope | None) -> list[Item]:
    warned = dict(AccountWarning.objects.values_list("user_id", "warned_on"))
    items = []
    for user in active_users_for_retention(**(scope.kwargs() if scope else {})):
        last_active = _day(max(m for m in (user["last_login"], user["date_joined"]) if m is not None))
        warned_on = warned.get(user["pk"])
        dataset = rules.ACCOUNT_DEACTIVATION if warned_on else rules.ACCOUNT_WARNING
        items.append(Item(dataset, ("user", user["pk"]), user["email"], 1,
                          {"last_active": last_active, "warned_on": warned_on},
                          frozenset(user["organisations"]), frozenset(user["councils"])))  # fmt: skip
    return items


def _invitation_items(scope: Scope | None) -> list[Item]:
    return [
        Item(rules.INVITATIONS, ("invitation", r["pk"]), f"Invitation for {r['email']}", 1,
             {"expires_on": _day(r["expires_at"])}, _ids(r["organisation_id"]), _ids(r["council_id"]))  # fmt: skip
        for r in invitations_for_retention(**(scope.kwargs() if scope else {}))
    ]


def items(scope: Scope | None = None) -> list[Item]:
    """Everything the schedule covers, whether due or not (within one council's view, when a scope is given)."""
    return [*_upload_items(scope), *_staff_items(scope), *_survey_items(scope), *_chase_items(scope),
            *_account_items(scope), *_invitation_items(scope)]  # fmt: skip


def holds_for_council(council_id: int, *, open_only: bool = False):
    """The legal holds a council placed, newest first (only those in place, when asked)."""
    holds = LegalHold.objects.filter(council_id=council_id).select_related("organisation", "placed_by", "lifted_by")
    return holds.filter(lifted_at__isnull=True) if open_only else holds


@dataclass(frozen=True)
class Upcoming:
    dataset: str
    label: str
    what: str
    count: int
    goes_on: date
    held: bool


UPCOMING_DAYS = 31


def upcoming_for_council(*, council: Council, today: date | None = None, days: int = UPCOMING_DAYS) -> list[Upcoming]:
    """What the schedule removes from today to a month ahead, for one council's organisations and its own data."""
    today = today or clock.today()
    schedule = periods()
    held = held_organisation_ids()
    found = []
    for item in items(Scope.of(council.pk)):
        when = rules.due_by(item.dataset, item.dates, until=today + timedelta(days=days), periods=schedule)
        if when is None:
            continue
        found.append(Upcoming(item.dataset, rules.LABELS[item.dataset], item.label, item.count, max(when, today),
                              bool(item.organisation_ids & held)))  # fmt: skip
    return sorted(found, key=lambda u: (u.goes_on, u.dataset, u.what))


def recently_removed(*, council: Council, today: date | None = None, days: int = UPCOMING_DAYS) -> list[RetentionLog]:
    """What the task removed in the last month from the organisations the council contracts with."""
    today = today or clock.today()
    return list(RetentionLog.objects.filter(run_on__gte=today - timedelta(days=days),
                                            organisation_id__in=contracted_organisation_ids(council.pk))
                .select_related("organisation").order_by("-run_on", "dataset"))  # fmt: skip
