"""The units of chasing and their facts, assembled in a fixed number of set-based queries.

A unit is one contract requirement × one contracted workplace × one round (for an individual employer, whose
return is per organisation, the workplace is empty). `chase_units` loads every unit in reach with a constant
number of queries however many workplaces there are: the rows come back in bulk and are joined in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from collection.models import CollectionRound, PersonalAssistantReturn, WorkforceReturn
from compliance.ladders import ladders_for, rule_step
from compliance.models import ChaseRecord, Exemption, ExemptionCategory, Extension, LadderStepSetting
from compliance.rules import (
    ROUND_TAIL_DAYS,
    LadderStep,
    RequirementFacts,
    RequirementKind,
    StatusResult,
    compliance_status,
    contract_in_round,
    is_escalated,
    requirement_due_date,
    stays_live,
    within_round_tail,
)
from config.bulk import loaded_fields, row_loader
from providers.models import Contract, ContractRequirement, Council, Organisation, User, Workplace

SUBMITTED_STATES = {WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED, WorkforceReturn.State.RETURNED}


@dataclass
class Unit:
    council: Council
    organisation: Organisation
    contract: Contract
    requirement: ContractRequirement
    workplace: Workplace | None
    round: CollectionRound
    facts: RequirementFacts | None  # None: the requirement cannot be assessed yet (no survey campaigns)
    ladder: list[LadderStepSetting]
    done: dict[str, str] = field(default_factory=dict)
    return_state: str = ""
    rule_steps: list[LadderStep] = field(default_factory=list)  # the ladder as the pure rules see it (shared)
    progress_percent: int | None = None  # the return's task progress (shown beside the share of complete records)

    key: tuple[int, int | None, int] = field(init=False, repr=False)  # (requirement, workplace, round) ids
    _status: tuple | None = field(default=None, init=False, repr=False, compare=False)  # (today, done, result)

    def __post_init__(self) -> None:
        # `.id`, not `.pk` (a property): the sweep reads ids tens of thousands of times
        self.key = (self.requirement.id, self.workplace.id if self.workplace else None, self.round.id)

    @property
    def rule_ladder(self) -> list[LadderStep]:
        return self.rule_steps or [rule_step(setting) for setting in self.ladder]

    def is_live(self, today: date) -> bool:
        """Still owed, chased and shown as current on `today` (see compliance.rules.stays_live)."""
        if within_round_tail(closes=self.round.closes, today=today):
            return True  # (whatever the status: not worked out here, the sweep's planning does that once)
        result = self.status(today)
        return stays_live(
            status=result.status if result else None, closes=self.round.closes,
            contract_ends_on=self.contract.ends_on, today=today,
        )  # fmt: skip

    def status(self, today: date) -> StatusResult | None:
        """By the pure rules; kept for `today` and these steps done (a sweep asks for it more than once)."""
        if self.facts is None:
            return None
        cached = self._status
        if cached is not None and cached[0] == today and cached[1] is self.done:
            return cached[2]
        escalated = is_escalated(ladder=self.rule_ladder, done=self.done)
        result = compliance_status(self.facts, today=today, escalated=escalated)
        self._status = (today, self.done, result)
        return result

    @property
    def place_name(self) -> str:
        return self.workplace.name if self.workplace else self.organisation.name


_STAMPS = ("created_at", "updated_at")  # read by no unit: not parsing tens of thousands of them saves a tenth


def _requirements(requirements: QuerySet[ContractRequirement]) -> list[ContractRequirement]:
    """The requirements with their contract, organisation, council and contract officer, from one query of plain
    rows (`config.bulk.row_loader`: model instances without Model.__init__), each council once."""
    parts = [  # (model, path from the requirement, fields)
        (ContractRequirement, "", loaded_fields(ContractRequirement, leave=_STAMPS)),
        (Contract, "contract__", loaded_fields(Contract, leave=_STAMPS)),
        (Organisation, "contract__organisation__", loaded_fields(Organisation, leave=_STAMPS)),
        (Council, "contract__council__", loaded_fields(Council)),
        (User, "contract__contract_officer__", loaded_fields(User)),
    ]
    loaders, spans, start = [], [], 0
    for model, _, names in parts:
        loaders.append(row_loader(model, names))
        spans.append((start, start + len(names)))
        start += len(names)
    paths = [f"{path}{name}" for _, path, names in parts for name in names]
    councils: dict[int, Council] = {}
    found = []
    officer = spans[4]
    for row in requirements.values_list(*paths):
        requirement = loaders[0](row[: spans[0][1]])
        contract = loaders[1](row[spans[1][0] : spans[1][1]])
        organisation = loaders[2](row[spans[2][0] : spans[2][1]])
        council = councils.get(contract.council_id)
        if council is None:
            council = councils[contract.council_id] = loaders[3](row[spans[3][0] : spans[3][1]])
        user = loaders[4](row[officer[0] : officer[1]]) if contract.contract_officer_id is not None else None
        requirement._state.fields_cache["contract"] = contract
        cache = contract._state.fields_cache
        cache["organisation"], cache["council"], cache["contract_officer"] = organisation, council, user
        found.append(requirement)
    return found


def current_rounds(*, today: date, councils: QuerySet | list | None = None) -> QuerySet[CollectionRound]:
    """Rounds whose window has opened and that closed no more than ROUND_TAIL_DAYS ago (the desk's round choice)."""
    return opened_rounds(today=today, councils=councils).filter(closes__gte=today - timedelta(ROUND_TAIL_DAYS))


def opened_rounds(*, today: date, councils: QuerySet | list | None = None) -> QuerySet[CollectionRound]:
    """Every round whose window has opened (and that a council admin has opened, if it was set up as a draft): an
    old round's requirement is live while it is still owed."""
    rounds = CollectionRound.objects.filter(window_opens__lte=today, draft=False)
    if councils is not None:
        rounds = rounds.filter(Q(council__isnull=True) | Q(council__in=councils))
    return rounds


def applies_in(contract: Contract, round_: CollectionRound) -> bool:
    """Whether this contract's requirements apply in this round (compliance.rules.contract_in_round)."""
    return contract_in_round(council_id=contract.council_id, starts_on=contract.starts_on, ends_on=contract.ends_on,
                             round_council_id=round_.council_id, round_due=round_.due_date,
                             window_opens=round_.window_opens)  # fmt: skip


def due_date_for(requirement: ContractRequirement, round_: CollectionRound) -> date:
    """This requirement's own due date in this round (compliance.rules.requirement_due_date)."""
    return requirement_due_date(
        rule=requirement.due_rule, window_opens=round_.window_opens, round_due=round_.due_date, closes=round_.closes,
        due_days=requirement.due_days, due_months=requirement.due_months,
        contract_starts_on=requirement.contract.starts_on,
    )  # fmt: skip


def _local_date(moment, zone=None) -> date | None:
    return moment.astimezone(zone or timezone.get_current_timezone()).date() if moment else None


def _survey_distributions(rounds: list[CollectionRound], workplace_ids: Iterable[int]) -> dict | None:
    """(workplace id, round id) -> the first day survey links were recorded as sent; None if surveys have no
    campaign model yet (the survey requirement is then not assessable)."""
    try:
        campaign = apps.get_model("surveys", "Campaign")
    except LookupError:
        return None
    names = {f.name for f in campaign._meta.get_fields()}
    if not {"workplace", "round", "distributed_on"} <= names:
        return None
    rows = campaign.objects.filter(
        round__in=rounds, workplace_id__any=workplace_ids, distributed_on__isnull=False
    ).order_by().values_list("workplace_id", "round_id", "distributed_on")
    found: dict[tuple[int, int], date] = {}
    for workplace_id, round_id, on in rows:
        key = (workplace_id, round_id)
        found[key] = min(on, found.get(key, on))
    return found


def _survey_released(rounds: list[CollectionRound], workplace_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(workplace id, round id) pairs with some staff survey answers published (released) in the round."""
    try:
        release = apps.get_model("surveys", "Release")
    except LookupError:
        return set()
    rows = release.objects.filter(
        campaign__round__in=rounds, campaign__kind="satisfaction", campaign__workplace_id__any=workplace_ids
    ).order_by().values_list("campaign__workplace_id", "campaign__round_id")
    return set(rows)


def chase_units(
    *,
    today: date,
    councils: list[Council] | QuerySet | None = None,
    organisation: Organisation | None = None,
    rounds: list[CollectionRound] | None = None,
    requirement_kinds: list[str] | None = None,
    settled_history: bool = False,
    organisation_ids: list[int] | None = None,
) -> list[Unit]:
    """Every unit in reach (all councils unless `councils` is given), with facts and the steps already done.

    Without `rounds`, the units are those live on `today` (a requirement of an old round stays while it is owed);
    `settled_history=True` adds the settled units of old rounds too (for a history section). `organisation_ids`
    narrows to those organisations (the stored statuses refresh only what went stale).
    """
    requirements = ContractRequirement.objects.filter(contract__starts_on__lte=today).select_related(
        "contract__organisation", "contract__council", "contract__contract_officer"
    )
    if councils is not None:
        requirements = requirements.filter(contract__council__in=councils)
    if organisation is not None:
        requirements = requirements.filter(contract__organisation=organisation)
    if organisation_ids is not None:
        requirements = requirements.filter(contract__organisation_id__in=organisation_ids)
    if requirement_kinds:
        requirements = requirements.filter(kind__in=requirement_kinds)
    requirement_list = _requirements(requirements)
    if not requirement_list:
        return []
    council_ids = {r.contract.council_id for r in requirement_list}
    live_only = False
    if rounds is None:
        rounds = list(opened_rounds(today=today, councils=list(council_ids)))
        live_only = not settled_history
    if not rounds:
        return []

    org_ids = requirements.values("contract__organisation_id")
    workplaces = Workplace.objects.filter(organisation_id__in=org_ids, is_active=True)
    by_org: dict[int, list[Workplace]] = defaultdict(list)
    by_pk: dict[int, Workplace] = {}
    # (the columns no unit reads are left in the database: tens of thousands of workplaces load in a fraction)
    names = loaded_fields(Workplace, leave=("created_at", "updated_at", "other_services", "service_users"))
    load = row_loader(Workplace, names)
    for row in workplaces.order_by("organisation_id", "name").values_list(*names):
        place = load(row)
        by_org[place.organisation_id].append(place)
        by_pk[place.id] = place
    named: dict[int, list[int]] = defaultdict(list)
    for contract_id, workplace_id in Contract.workplaces.through.objects.filter(
        contract__in=requirements.values("contract_id")
    ).values_list("contract_id", "workplace_id"):
        named[contract_id].append(workplace_id)

    # Ids as lists and no model ordering: the nested subqueries and the joins Meta.ordering adds made PostgreSQL
    # plan this read badly on fresh tables (minutes for a 600-workplace council).
    workplace_ids = by_pk.keys()  # (not lists: the query is built without walking tens of thousands of ids)
    org_id_set = {r.contract.organisation_id for r in requirement_list}
    # the contract's threshold is about the share of staff records complete on the key fields
    returns = {
        (w, r): (state, complete, percent, submitted, progress)
        for w, r, state, complete, percent, submitted, progress in WorkforceReturn.objects.filter(
            round__in=rounds, workplace_id__any=workplace_ids
        ).order_by().values_list(
            "workplace_id", "round_id", "state", "is_complete", "records_complete_percent", "submitted_at",
            "progress_percent",
        )
    }
    pa_returns = {
        (o, r): (state, submitted)
        for o, r, state, submitted in PersonalAssistantReturn.objects.filter(
            round__in=rounds, organisation_id__any=org_id_set
        ).order_by().values_list("organisation_id", "round_id", "state", "submitted_at")
    }
    surveys = _survey_distributions(rounds, workplace_ids)
    released = _survey_released(rounds, workplace_ids) if surveys is not None else set()
    decisions = Q(round__in=rounds, requirement__in=requirements.values("pk"))
    extensions: dict[tuple, date] = {}
    for ext in Extension.objects.filter(decisions).order_by("created_at", "pk"):
        extensions[(ext.requirement_id, ext.workplace_id, ext.round_id)] = ext.new_due_date
    exemptions: dict[tuple, str] = {}
    labels = dict(ExemptionCategory.choices)
    for exe in Exemption.objects.filter(decisions).order_by("created_at", "pk"):
        exemptions[(exe.requirement_id, exe.workplace_id, exe.round_id)] = f"{labels[exe.category]}: {exe.details}"
    done: dict[tuple, dict[str, str]] = defaultdict(dict)
    # `superseded` as its JSON text, decoded only when it holds something (most rows hold "[]"), each text once
    decoded: dict[str, list] = {}
    for req_id, wp_id, round_id, step, status, superseded in (
        ChaseRecord.objects.filter(decisions)
        .annotate(superseded_text=Cast("superseded", TextField()))
        .values_list("requirement_id", "workplace_id", "round_id", "step", "status", "superseded_text")
    ):
        unit_done = done[(req_id, wp_id, round_id)]
        unit_done[step] = ChaseRecord.Status.QUEUED if status == "sending" else status
        if not superseded or superseded == "[]":
            continue
        keys = decoded.get(superseded)
        if keys is None:
            keys = decoded[superseded] = json.loads(superseded)
        for key in keys:  # skipped in the same row
            unit_done.setdefault(key, ChaseRecord.Status.SKIPPED)
    ladders = ladders_for(council_ids)
    rule_ladders = {council_id: [rule_step(s) for s in ladder] for council_id, ladder in ladders.items()}

    zone = timezone.get_current_timezone()
    interned: dict[tuple, RequirementFacts] = {}  # equal facts are one (frozen) object: most units share theirs
    units = []
    for requirement in requirement_list:
        contract = requirement.contract
        organisation = contract.organisation
        for round_ in rounds:
            if not applies_in(contract, round_):
                continue
            if organisation.is_individual_employer:
                places: list[Workplace | None] = [None]
            elif named.get(contract.id):
                places = [by_pk[pk] for pk in named[contract.id] if pk in by_pk]
            else:
                places = by_org.get(organisation.id, [])
            base = {
                "kind": RequirementKind(requirement.kind),
                "window_opens": round_.window_opens,
                "due_date": due_date_for(requirement, round_),
                "closes": round_.closes,
                "threshold_percent": requirement.completeness_threshold,
                "is_individual_employer": organisation.is_individual_employer,
            }
            for place in places:
                key = (requirement.id, place.id if place else None, round_.id)
                org_key = (requirement.id, None, round_.id)
                facts, state = _facts(
                    base, requirement, place, organisation, round_, returns, pa_returns, surveys, released,
                    extension=extensions.get(key) or extensions.get(org_key),
                    exempt=exemptions.get(key) or exemptions.get(org_key), zone=zone, interned=interned,
                )  # fmt: skip
                units.append(
                    Unit(
                        council=contract.council,
                        organisation=organisation,
                        contract=contract,
                        requirement=requirement,
                        workplace=place,
                        round=round_,
                        facts=facts,
                        ladder=ladders[contract.council_id],
                        done=done.get(key, {}),
                        return_state=state,
                        rule_steps=rule_ladders[contract.council_id],
                        progress_percent=_progress(returns, place, round_),
                    )  # fmt: skip
                )
    return [unit for unit in units if unit.is_live(today)] if live_only else units


def _progress(returns, place, round_) -> int | None:
    found = returns.get((place.id, round_.id)) if place is not None else None
    return found[4] if found else None


def _facts(base, requirement, place, organisation, round_, returns, pa_returns, surveys, released, *, extension,
           exempt, zone, interned):
    extra: dict = {"extension_until": extension, "exempt_reason": exempt}
    if requirement.kind == ContractRequirement.Kind.SURVEY_DISTRIBUTED:
        if surveys is None or place is None:
            return None, ""
        key = (place.id, round_.id)
        return _interned(interned, base, extra, distributed_on=surveys.get(key), responses_released=key in released), ""
    if place is None:
        state, submitted = pa_returns.get((organisation.id, round_.id), ("not_started", None))
        on = _local_date(submitted, zone) if state == PersonalAssistantReturn.State.SUBMITTED else None
        return _interned(interned, base, extra, submitted_on=on, is_complete=on is not None), state
    state, complete, percent, submitted, _progress = returns.get(
        (place.id, round_.id), ("not_started", False, None, None, None)
    )
    on = _local_date(submitted, zone) if state in SUBMITTED_STATES else None
    facts = _interned(
        interned, base, extra, submitted_on=on, is_complete=complete, completeness_percent=percent,
        accepted=state == WorkforceReturn.State.ACCEPTED,
        returned_for_correction=state == WorkforceReturn.State.RETURNED,
    )  # fmt: skip
    return facts, state


def _interned(interned: dict, base: dict, extra: dict, **facts) -> RequirementFacts:
    """The RequirementFacts of these values, made once: units with equal facts share the object (it is frozen)."""
    key = (*base.values(), *extra.values(), *facts.items())
    found = interned.get(key)
    if found is None:
        found = interned[key] = RequirementFacts(**base, **extra, **facts)
    return found
