"""What the retention schedule applies to: one `Item` per unit of deletion (an upload's files, a return's staff
records, a campaign's responses, a contract's chase evidence, an account, an invitation), with the dates the pure
rules need. Counts come from a fixed number of grouped queries, whatever the size of the installation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from collection.models import StaffRecord
from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry
from providers.models import Contract, CouncilMembership, Invitation, Membership, User
from retention import rules
from retention.models import AccountWarning, LegalHold
from surveys.models import Response
from uploads.models import UploadFile


@dataclass(frozen=True)
class Item:
    dataset: str
    key: tuple  # what to delete: e.g. ("return", 12), ("contract", 3), ("pair", council_id, organisation_id)
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
    return None if moment is None else timezone.localdate(moment)


def _upload_items() -> list[Item]:
    rows = (
        UploadFile.objects.values("upload_id", "upload__organisation_id", "upload__created_at", "upload__applied_at",
                                  "upload__organisation__name")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    return [
        Item(
            rules.UPLOAD_FILES, ("upload", r["upload_id"]), f"Upload {r['upload_id']} for {r['upload__organisation__name']}",
            r["n"], {"uploaded_on": _day(r["upload__created_at"]), "applied_on": _day(r["upload__applied_at"])},
            frozenset({r["upload__organisation_id"]}),
        )  # fmt: skip
        for r in rows
    ]


def _staff_items() -> list[Item]:
    rows = (
        StaffRecord.objects.values(
            "workforce_return_id", "workforce_return__workplace__organisation_id", "workforce_return__round__closes",
            "workforce_return__round__council_id", "workforce_return__workplace__name", "workforce_return__round__name",
        ).annotate(n=Count("pk"))
    )  # fmt: skip
    return [
        Item(
            rules.STAFF_RECORDS, ("return", r["workforce_return_id"]),
            f"{r['workforce_return__workplace__name']}, {r['workforce_return__round__name']}", r["n"],
            {"round_closes": r["workforce_return__round__closes"]},
            frozenset({r["workforce_return__workplace__organisation_id"]}),
            frozenset({r["workforce_return__round__council_id"]} - {None}),
        )  # fmt: skip
        for r in rows
    ]


def _survey_items() -> list[Item]:
    rows = (
        Response.objects.values(
            "campaign_id", "campaign__round__closes", "campaign__round__name", "campaign__workplace__organisation_id",
            "campaign__workplace__name", "campaign__council_id", "campaign__council__name", "campaign__channel",
            "campaign__kind",
        ).annotate(n=Count("pk"))
    )  # fmt: skip
    items = []
    for r in rows:
        audience = r["campaign__workplace__name"] or f"{r['campaign__council__name']} ({r['campaign__channel']})"
        items.append(Item(
            rules.SURVEY_RESPONSES, ("campaign", r["campaign_id"]),
            f"{audience}, {r['campaign__kind']} survey, {r['campaign__round__name']}", r["n"],
            {"round_closes": r["campaign__round__closes"]},
            frozenset({r["campaign__workplace__organisation_id"]} - {None}),
            frozenset({r["campaign__council_id"]} - {None}),
        ))  # fmt: skip
    return items


def _chase_items() -> list[Item]:
    """Per contract: its chase records, extensions and exemptions. Per council and organisation: calls, notes and
    notices, kept until every contract between the two has ended (then 6 years)."""
    contracts = {
        c["pk"]: c for c in Contract.objects.values("pk", "council_id", "organisation_id", "ends_on", "reference",
                                                     "organisation__name")
    }  # fmt: skip
    per_contract: dict[int, int] = defaultdict(int)
    for model in (ChaseRecord, Extension, Exemption):
        for r in model.objects.values("requirement__contract_id").annotate(n=Count("pk")):
            per_contract[r["requirement__contract_id"]] += r["n"]
    items = [
        Item(
            rules.CHASE_EVIDENCE, ("contract", pk), f"Contract {contracts[pk]['reference']} ({contracts[pk]['organisation__name']})",
            n, {"contract_ends": contracts[pk]["ends_on"]},
            frozenset({contracts[pk]["organisation_id"]}), frozenset({contracts[pk]["council_id"]}),
        )  # fmt: skip
        for pk, n in sorted(per_contract.items())
    ]
    ends: dict[tuple[int, int], date | None] = {}
    names: dict[tuple[int, int], str] = {}
    for c in contracts.values():
        pair = (c["council_id"], c["organisation_id"])
        names[pair] = c["organisation__name"]
        if pair in ends and (ends[pair] is None or c["ends_on"] is None):
            ends[pair] = None
        else:
            ends[pair] = c["ends_on"] if pair not in ends else max(ends[pair], c["ends_on"])
    per_pair: dict[tuple[int, int], int] = defaultdict(int)
    for model in (OfficerEntry, Notice):
        for r in model.objects.values("council_id", "organisation_id").annotate(n=Count("pk")):
            per_pair[(r["council_id"], r["organisation_id"])] += r["n"]
    for pair, n in sorted(per_pair.items()):
        items.append(Item(
            rules.CHASE_EVIDENCE, ("pair", *pair), f"Calls, notes and notices about {names.get(pair, 'an organisation')}",
            n, {"contract_ends": ends.get(pair)}, frozenset({pair[1]}), frozenset({pair[0]}),
        ))  # fmt: skip
    return items


def _account_items() -> list[Item]:
    warned = dict(AccountWarning.objects.values_list("user_id", "warned_on"))
    organisations: dict[int, set[int]] = defaultdict(set)
    for user_id, organisation_id in Membership.objects.values_list("user_id", "organisation_id"):
        organisations[user_id].add(organisation_id)
    councils: dict[int, set[int]] = defaultdict(set)
    for user_id, council_id in CouncilMembership.objects.values_list("user_id", "council_id"):
        councils[user_id].add(council_id)
    items = []
    for user in User.objects.filter(is_active=True).values("pk", "email", "last_login", "date_joined"):
        last_active = _day(max(m for m in (user["last_login"], user["date_joined"]) if m is not None))
        warned_on = warned.get(user["pk"])
        dates = {"last_active": last_active, "warned_on": warned_on}
        scope = (frozenset(organisations[user["pk"]]), frozenset(councils[user["pk"]]))
        dataset = rules.ACCOUNT_DEACTIVATION if warned_on else rules.ACCOUNT_WARNING
        items.append(Item(dataset, ("user", user["pk"]), user["email"], 1, dates, *scope))
    return items


def _invitation_items() -> list[Item]:
    return [
        Item(
            rules.INVITATIONS, ("invitation", r["pk"]), f"Invitation for {r['email']}", 1,
            {"expires_on": _day(r["expires_at"])},
            frozenset({r["organisation_id"]} - {None}), frozenset({r["council_id"]} - {None}),
        )  # fmt: skip
        for r in Invitation.objects.values("pk", "email", "expires_at", "organisation_id", "council_id")
    ]


def items() -> list[Item]:
    """Everything the schedule covers, whether due or not."""
    return [*_upload_items(), *_staff_items(), *_survey_items(), *_chase_items(), *_account_items(),
            *_invitation_items()]  # fmt: skip


def contracted_organisation_ids(council_id: int) -> set[int]:
    return set(Contract.objects.filter(council_id=council_id).values_list("organisation_id", flat=True))


def in_council_scope(item: Item, *, council_id: int, organisation_ids: set[int]) -> bool:
    """A council sees what belongs to it and to the organisations it has (or had) a contract with."""
    return council_id in item.council_ids or bool(item.organisation_ids & organisation_ids)


def latest_log(limit: int = 50):
    from retention.models import RetentionLog

    return RetentionLog.objects.select_related("organisation")[:limit]

