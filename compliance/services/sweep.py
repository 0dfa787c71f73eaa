"""The daily chase sweep: decide with the pure rules, record every step BEFORE sending, then deliver.

Idempotent: a step is a ChaseRecord with a unique (requirement, workplace, round, step), so a step that exists
is never planned or sent again, whether the sweep runs twice for a day or resumes after a crash. The number of
queries for planning does not grow with the number of workplaces (see `chase_units`); delivery costs a claim per
CLAIM messages and a mark per BATCH sent (compliance.services.delivery).
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from functools import partial

from django.db import IntegrityError, connection, connections, transaction
from django.db.models import JSONField

from compliance.ladders import built_in_setting
from compliance.messages import Renderer, recipients
from compliance.models import ChaseRecord, LadderStepSetting
from compliance.rules import Channel, dated_steps, is_escalated, plan_sweep, schedule_key
from compliance.selectors.units import Unit, chase_units, current_rounds
from compliance.services.delivery import DELIVERED_CHANNELS, messages_deliver, release_claims
from compliance.services.statuses import statuses_replace
from config import clock
from config.bulk import copy_rows, cycle_collector_paused, next_ids
from providers.models import Membership

S = ChaseRecord.Status
SWITCH_INTERVAL = 0.0002  # seconds, while the statuses are written in a thread (see `_in_background`)


@dataclass(frozen=True)
class Action:
    kind: str
    organisation: str
    workplace: str
    requirement: str
    step: str
    status: str

    def as_json(self) -> dict:
        return asdict(self)


def _initial_status(setting: LadderStepSetting) -> str:
    if setting.needs_approval:
        return S.AWAITING_APPROVAL
    return S.QUEUED


def _admin_emails(units: list[Unit]) -> dict[int, list[str]]:
    org_ids = {unit.organisation.id for unit in units}
    found: dict[int, list[str]] = {}
    rows = Membership.objects.filter(
        organisation_id__in=list(org_ids) if len(org_ids) < 900 else Membership.objects.values("organisation_id"),
        role=Membership.Role.ADMIN, user__is_active=True,
    ).values_list("organisation_id", "user__email")  # fmt: skip
    for org_id, email in rows:
        found.setdefault(org_id, []).append(email)
    return found


_COPY_FIELDS = [f for f in ChaseRecord._meta.concrete_fields if not f.primary_key]
_JSON_FIELDS = frozenset(f.attname for f in _COPY_FIELDS if isinstance(f, JSONField))
_DEFAULTS = {f.attname: f.get_default() for f in _COPY_FIELDS}
_STAMPED = frozenset({"created_at", "updated_at"})
# each column as COPY takes it when the step does not set it: JSON defaults as their text, written once
_DEFAULT_ROW = [json.dumps(_DEFAULTS[f.attname]) if f.attname in _JSON_FIELDS else _DEFAULTS[f.attname] for f in _COPY_FIELDS]
_POSITION = {f.attname: at for at, f in enumerate(_COPY_FIELDS)}
_STAMPED_AT = [_POSITION[name] for name in _STAMPED]


class Planned:
    """A chase step the sweep will record: the values of its ChaseRecord row (`pk` once it is saved). Plain
    attributes, not a model instance, so planning tens of thousands of steps costs little."""

    __slots__ = ("values", "pk")

    def __init__(self, unit: Unit, setting: LadderStepSetting, *, status: str, today: date, **extra) -> None:
        self.pk: int | None = None
        self.values = {
            "council_id": unit.council.id, "organisation_id": unit.organisation.id,
            "requirement_id": unit.requirement.id, "workplace_id": unit.workplace.id if unit.workplace else None,
            "round_id": unit.round.id, "step": setting.key, "kind": setting.kind, "channel": setting.channel,
            "needs_approval": setting.needs_approval, "marks_default": setting.marks_default, "status": status,
            "sweep_date": today, **extra,
        }  # fmt: skip

    def __getattr__(self, name: str):
        try:
            return self.values[name] if name in self.values else _DEFAULTS[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def key(self) -> tuple:
        v = self.values
        return (v["requirement_id"], v["workplace_id"], v["round_id"], v["step"])

    def claimable(self) -> bool:
        """A message to deliver now: the sweep writes it already claimed by itself (`claim`)."""
        v = self.values
        return v["status"] == S.QUEUED and v["channel"] in DELIVERED_CHANNELS

    def claim(self, now) -> dict:
        """The values that make the record claimed by this run as it is inserted (as `delivery._claim` would)."""
        return {"status": S.SENDING, "claimed_at": now, "attempts": 1} if now and self.claimable() else {}

    def row(self, now, claim_at=None) -> list:
        """The values in `_COPY_FIELDS` order, JSON as text, as COPY takes them (the columns the step does not set
        keep their defaults: a copy of one row of them, filled in by position)."""
        row = _DEFAULT_ROW.copy()
        for at in _STAMPED_AT:
            row[at] = now
        for values in (self.values, self.claim(claim_at)):
            for name, value in values.items():
                row[_POSITION[name]] = json.dumps(value) if name in _JSON_FIELDS and type(value) is not str else value
        return row

    def record(self, claim_at=None) -> ChaseRecord:
        """As a model instance (for databases without COPY). Recipients are held as JSON text."""
        values = {**self.values, **self.claim(claim_at)}
        if isinstance(values.get("recipients"), str):
            values["recipients"] = json.loads(values["recipients"])
        return ChaseRecord(**values)


def plan_records(
    units: list[Unit], *, today: date, results: dict | None = None
) -> tuple[list[tuple[Planned, Unit]], list[Planned]]:
    """(steps to act on today with their units, superseded steps to keep as skipped), by the pure rules.
    `results`, if given, collects each planned unit's status (by unit key) for the stored statuses.

    Each message is rendered by one `Renderer` for the day (its pieces once per step and template), and each
    organisation's recipients are worked out once per step."""
    admins = _admin_emails(units)
    render = Renderer(today=today)
    addressed: dict[tuple[int, int], str] = {}
    now = clock.now()
    due_records, skipped = [], []
    schedules: dict[tuple, tuple] = {}  # units with the same ladder and dates share one laid-out schedule
    # `plan_sweep` is pure: units with the same facts (one object when equal: `chase_units`), ladder and steps done
    # get one plan (the facts and the ladder are held, so their ids stay their own)
    plans: dict[tuple, tuple] = {}
    for unit in units:
        facts = unit.facts
        if facts is None:
            continue  # not assessable yet (e.g. a survey requirement before surveys have campaigns)
        ladder = unit.rule_ladder
        same = (id(facts), id(ladder), tuple(unit.done.items()))
        planned = plans.get(same)
        if planned is None or planned[0] is not facts or planned[1] is not ladder:
            key = (id(ladder), schedule_key(facts))
            found = schedules.get(key)
            if found is None or found[0] is not ladder:
                found = schedules[key] = (ladder, dated_steps(facts, ladder=ladder))
            planned = plans[same] = (facts, ladder, plan_sweep(facts, ladder=ladder, done=unit.done, today=today,
                                                               dated=found[1]))  # fmt: skip
        plan = planned[2]
        if results is not None:
            results[unit.key] = plan.status
        if not plan.due and not plan.superseded:
            continue
        settings = {setting.key: setting for setting in unit.ladder}
        if plan.superseded:  # one row for every step this unit will never be sent (exactly-once by its first key)
            first, *rest = plan.superseded
            skipped.append(Planned(unit, settings[first.key], status=S.SKIPPED, today=today,
                                   superseded=[step.key for step in rest]))  # fmt: skip
        for step in plan.due:
            setting = settings.get(step.key) or built_in_setting(unit.council.id, step)
            subject, body = render(unit, setting, plan.status)
            who = (unit.organisation.id, id(setting))
            if who not in addressed:
                to, cc = recipients(unit, setting, admins) if setting.channel != Channel.TASK else ([], [])
                addressed[who] = json.dumps({"to": to, "cc": cc})
            record = Planned(
                unit, setting, status=_initial_status(setting), today=today, subject=subject, body=body,
                recipients=addressed[who], compliance_status=plan.status.status.value,
                completeness_percent=unit.facts.completeness_percent, next_attempt_at=now,
            )  # fmt: skip
            due_records.append((record, unit))
    return due_records, skipped


def _save(records: list[Planned], *, today: date, claim_at=None) -> list[Planned]:
    """Insert the records; if another sweep got there first, keep only the ones this run created. With `claim_at`,
    the messages to deliver go in claimed by this run at that time (status sending, one attempt).

    On PostgreSQL they go in with one COPY (the unique constraints still hold: any step already recorded fails the
    whole COPY, and the slow path below then keeps exactly the new ones), and their ids come back in one query.
    """
    if not records:
        return []
    if connection.vendor == "postgresql":
        ids = next_ids(ChaseRecord._meta.db_table, len(records))
        try:
            with transaction.atomic():
                _copy(records, ids, claim_at)
        except IntegrityError:
            pass  # (the ids taken are left unused)
        else:
            for record, pk in zip(records, ids, strict=True):
                record.pk = pk
            return records
    models = [record.record(claim_at) for record in records]
    try:
        with transaction.atomic():
            ChaseRecord.objects.bulk_create(models, batch_size=500)
    except IntegrityError:
        created = []
        for record, model in zip(records, models, strict=True):
            try:
                with transaction.atomic():
                    model.pk = None
                    model._state.adding = True
                    model.save()
            except IntegrityError:
                continue
            record.pk = model.pk
            created.append(record)
        return created
    for record, model in zip(records, models, strict=True):
        record.pk = model.pk
    return records


def _copy(records: list[Planned], ids: list[int], claim_at=None) -> None:
    now = clock.now()
    copy_rows(ChaseRecord._meta.db_table, ["id", *(f.column for f in _COPY_FIELDS)],
              ([pk, *record.row(now, claim_at)] for record, pk in zip(records, ids, strict=True)))  # fmt: skip


def _action(record: Planned, unit: Unit, status: str) -> Action:
    workplace = unit.workplace.local_ref or unit.workplace.name if unit.workplace else unit.organisation.name
    return Action(
        kind=record.kind, organisation=unit.organisation.slug, workplace=workplace,
        requirement=unit.requirement.kind, step=record.step, status=status,
    )  # fmt: skip


def chase_sweep(*, today: date, dry_run: bool = False, councils=None, fail_after: int | None = None) -> list[Action]:
    """Run the chase for `today`: returns what was done (or, with `dry_run`, what would be done).

    Python's cycle collector is paused meanwhile (`config.bulk.cycle_collector_paused`): the sweep makes objects
    without cycles by the hundred thousand (units, facts, rows, messages), which it would walk again and again
    (about a third of the sweep's own time at 40,000 workplaces)."""
    with cycle_collector_paused():
        return _sweep(today=today, dry_run=dry_run, councils=councils, fail_after=fail_after)


def _sweep(*, today: date, dry_run: bool, councils, fail_after: int | None) -> list[Action]:
    units = chase_units(today=today, councils=councils)
    results: dict = {}
    due_records, skipped = plan_records(units, today=today, results=results)
    if dry_run:
        would = {S.QUEUED: S.SENT}
        return [
            _action(r, u, S.QUEUED if r.channel == Channel.TASK else would.get(r.status, r.status))
            for r, u in due_records
        ]
    due = [r for r, _ in due_records]
    if _may_overlap():
        # The stored statuses are written on a connection of their own while the steps are recorded and the
        # messages go out (most of each is the database server's work), with every step planned as recorded: the
        # usual case, and the one the statuses are written for again below if another sweep recorded some first.
        with _in_background(partial(_store_statuses, units, due, today=today, councils=councils, results=results)):
            saved, sent = _record_and_deliver(due_records, skipped, today=today, fail_after=fail_after)
        if len(saved) != len(due):
            _store_statuses(chase_units(today=today, councils=councils), [], today=today, councils=councils,
                            results={})  # fmt: skip
    else:
        saved, sent = _record_and_deliver(due_records, skipped, today=today, fail_after=fail_after, before=partial(
            _store_statuses, units, today=today, councils=councils, results=results))  # fmt: skip
    created = {id(r) for r in saved}
    return [_action(r, u, sent.get(r.pk) or r.status) for r, u in due_records if id(r) in created and r.pk]


def _record_and_deliver(due_records: list[tuple[Planned, Unit]], skipped: list[Planned], *, today: date,
                        fail_after: int | None, before: Callable[[list[Planned]], object] | None = None):  # fmt: skip
    """Record the steps, then deliver what this run created and anything left waiting by an earlier run (a crash, a
    retry that is due); `before` (given the steps created) runs before delivery, which does not start if it fails.
    Returns (the steps created, {record id: status})."""
    _save(skipped, today=today)
    # The messages go in claimed by this run (the insert is the claim): delivered below without another write.
    saved = _save([r for r, _ in due_records], today=today, claim_at=clock.now())
    created = {id(r) for r in saved}
    parsed: dict[str, dict] = {}  # (one recipients text per organisation and step: decoded once)
    claimed = [_delivery_row(r, u, parsed) for r, u in due_records if id(r) in created and r.claimable()]
    if before is not None:
        try:
            before(saved)
        except BaseException:
            release_claims(claimed)
            raise
    return saved, messages_deliver(fail_after=fail_after, claimed=claimed)


def _may_overlap() -> bool:
    """Whether the statuses can be written on another connection meanwhile: PostgreSQL, and the sweep not inside a
    caller's transaction (whose uncommitted rows another connection could not see)."""
    return connection.vendor == "postgresql" and connection.get_autocommit() and not connection.in_atomic_block


@contextmanager
def _in_background(work: Callable[[], object]) -> Iterator[None]:
    """Run `work` in a thread (with its own database connection, closed after) while the block runs; on leaving,
    wait for it and raise its error, if any (the block's own error comes first)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            failed.append(error)
        finally:
            connections.close_all()  # (this thread's connections only)

    thread = threading.Thread(target=run, name="chase-sweep-statuses")
    # Python's threads take turns at its lock every `switchinterval` (5 ms): a block that waits on the database
    # every few hundred microseconds (a mark of sent messages) would wait that long for its turn each time.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    thread.start()
    try:
        yield
    finally:
        thread.join()
        sys.setswitchinterval(interval)
    if failed:
        raise failed[0]


def _delivery_row(record: Planned, unit: Unit, parsed: dict[str, dict]) -> dict:
    """A message this run claimed, as delivery reads one (it goes back to queued if it is never tried)."""
    text = record.recipients
    found = parsed.get(text)
    if found is None:
        found = parsed[text] = json.loads(text)
    return {"pk": record.pk, "status": S.QUEUED, "subject": record.subject, "body": record.body,
            "recipients": found, "attempts": 1, "organisation__kind": unit.organisation.kind}  # fmt: skip


def _store_statuses(units: list[Unit], created: list[Planned], *, today: date, councils, results: dict) -> None:
    """Write today's status of every unit of the current rounds (where every unit is live, so `units` holds them
    all), with the steps this run recorded: a new step can escalate a unit or change its latest step."""
    by_key = {unit.key: unit for unit in units}
    for record in created:
        unit = by_key[(record.requirement_id, record.workplace_id, record.round_id)]
        before, unit.done = unit.done, {**unit.done, record.step: record.status}
        if not record.needs_approval:
            continue  # only a step that needs approval can escalate a unit (compliance.rules.is_escalated)
        if is_escalated(ladder=unit.rule_ladder, done=unit.done) != is_escalated(ladder=unit.rule_ladder, done=before):
            results.pop(unit.key, None)  # the status reads the steps done only through escalation: work it out again
    rounds = current_rounds(today=today, councils=councils)
    pairs = {(unit.council.id, unit.round.id) for unit in units}
    if councils is not None:
        pairs |= {(c.pk, r.pk) for c in councils for r in rounds if r.council_id in (None, c.pk)}
    current = set(rounds.values_list("pk", flat=True))
    statuses_replace(units=units, today=today, council_rounds={p for p in pairs if p[1] in current}, results=results)


def delivered_channel(channel: str) -> bool:
    return channel in DELIVERED_CHANNELS
