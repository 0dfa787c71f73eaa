"""Delivering chase messages: each one is claimed, sent, and its outcome written on its chase record.

Messages are claimed CLAIM at a time in one transaction (rows locked by another worker are skipped), so two
workers never send the same message (the sweep writes the messages it creates already claimed by itself: the insert
is their claim, `messages_deliver(claimed=...)`); every BATCH messages sent, one query marks them sent. A
failure is recorded at once with the error, the attempt count and the time of the next try (back-off); after
the last try the record stays `failed` for the officer to see. If the run stops with an error, the sent
messages are still marked and the untried claims released. Nothing is lost: claims left by a worker killed
outright are picked up again after STALE_CLAIM; that is the one case that can send a message twice (at most
the BATCH messages sent since the last mark when the process died).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat

from compliance.models import ChaseRecord
from compliance.rules import Channel
from compliance.senders import DeliveryError, get_sender
from config import clock
from providers.models import Organisation

INDIVIDUAL_EMPLOYER = Organisation.Kind.INDIVIDUAL_EMPLOYER

BACKOFF = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(BACKOFF) + 1
STALE_CLAIM = timedelta(minutes=15)
DELIVERED_CHANNELS = (Channel.EMAIL, Channel.LETTER)  # a letter also goes to the organisation by email

S = ChaseRecord.Status


def deliverable(now: datetime) -> Q:
    """Records that may be (re)sent at `now`."""
    waiting = Q(status__in=[S.QUEUED, S.APPROVED]) | Q(status=S.FAILED, next_attempt_at__lte=now)
    stale = Q(status=S.SENDING, claimed_at__lte=now - STALE_CLAIM)
    return (waiting | stale) & Q(channel__in=DELIVERED_CHANNELS, attempts__lt=MAX_ATTEMPTS)


CLAIM = 500  # records claimed per query
RELEASE = 10_000  # claims given back per query (a sweep stopped early gives back all it recorded; SQLite's limit)
BATCH = 25  # sent messages marked per query: at most this many can go twice if the process is killed outright


def messages_deliver(*, now: datetime | None = None, ids: list[int] | None = None, fail_after: int | None = None,
                     claimed: list[dict] | None = None):
    """Send every deliverable message (or only `ids`); returns {record id: status}. `fail_after` exists for the
    crash tests: raise after that many messages, as a dying worker would stop.

    `claimed` are messages this worker already holds (the sweep writes its new messages claimed: the insert is the
    claim), as rows with the keys read below and the status they go back to if never tried: they are sent first,
    marked and released exactly as the ones claimed here."""
    now = now or clock.now()
    records = ChaseRecord.objects.filter(deliverable(now)).order_by("pk")
    if ids is not None and len(ids) < 900:
        records = records.filter(pk__in=ids)
    wanted = set(ids) if ids is not None else None
    rows = [
        r
        for r in records.values("pk", "status", "subject", "body", "recipients", "attempts", "organisation__kind")
        if wanted is None or r["pk"] in wanted
    ]
    results: dict[int, str] = {}
    if not rows and not claimed:
        return results
    count = [0]  # messages tried in this run (for `fail_after`)
    with get_sender() as sender:
        if claimed:
            _send_claimed([row["pk"] for row in claimed], {row["pk"]: row for row in claimed}, sender=sender,
                          results=results, fail_after=fail_after, count=count)  # fmt: skip
        for start in range(0, len(rows), CLAIM):
            chunk = {row["pk"]: row for row in rows[start : start + CLAIM]}
            pks = _claim(list(chunk), now=now)
            _send_claimed(pks, chunk, sender=sender, results=results, fail_after=fail_after, count=count)
    return results


def _send_claimed(claimed: list[int], chunk: dict, *, sender, results: dict, fail_after: int | None,
                  count: list[int]) -> None:  # fmt: skip
    """Send the claimed messages in order, marking them sent BATCH at a time; whatever stops the run, the sent ones
    are marked and the untried claims given back."""
    sent: list[int] = []
    try:
        for pk in claimed:
            if fail_after is not None and count[0] >= fail_after:
                raise RuntimeError(f"Simulated crash after {fail_after} messages")
            count[0] += 1
            results[pk] = _send(chunk[pk], sender=sender)
            if results[pk] == S.SENT:
                sent.append(pk)
                if len(sent) >= BATCH:
                    _mark_sent(sent)
                    sent = []
    finally:
        _mark_sent(sent)
        _release([pk for pk in claimed if pk not in results], chunk)


def message_deliver(*, record_id: int, now: datetime | None = None) -> str:
    """Deliver one message (the per-message retry task)."""
    return messages_deliver(now=now, ids=[record_id]).get(record_id, "")


def _claim(pks: list[int], *, now: datetime) -> list[int]:
    """Claim a batch for this worker: rows another worker holds are skipped, so nothing is sent twice. On PostgreSQL
    one statement (its own transaction) locks, marks and returns the batch."""
    if connection.vendor == "postgresql":
        return _claim_pg(pks, now=now)
    with transaction.atomic():
        claimed = list(
            ChaseRecord.objects.select_for_update(skip_locked=True)
            .filter(deliverable(now), pk__in=pks)
            .values_list("pk", flat=True)
        )
        ChaseRecord.objects.filter(pk__in=claimed).update(
            status=S.SENDING, claimed_at=clock.now(), attempts=F("attempts") + 1
        )
    return sorted(claimed)


def _claim_pg(pks: list[int], *, now: datetime) -> list[int]:
    # The same rows the portable path claims (`deliverable`, compiled by the ORM), locked with SKIP LOCKED and
    # updated in one statement. The locked ids are gathered first (ARRAY(…), run once) so the update itself is an
    # index lookup whatever the planner thinks of a freshly filled table.
    table = connection.ops.quote_name(ChaseRecord._meta.db_table)
    wanted = ChaseRecord.objects.filter(deliverable(now), pk__any=pks).values("pk")
    sql, params = wanted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, claimed_at = %s, attempts = attempts + 1 "
            f"WHERE id = ANY(ARRAY({sql} FOR UPDATE SKIP LOCKED)) RETURNING id",
            [S.SENDING, clock.now(), *params],
        )
        return sorted(row[0] for row in cursor.fetchall())


def reference_for(pk: int) -> str:
    """The delivery reference of a chase message: its email Message-ID, and its GOV.UK Notify `reference`."""
    return f"chase-{pk}"


def _mark_sent(pks: list[int]) -> None:
    """One query for the batch: status sent, the time, and each record's delivery reference.

    On PostgreSQL the mark does not wait for its WAL to reach the disk (`synchronous_commit` off for this
    transaction only): a database crash could lose the last fraction of a second of marks, which would send those
    few messages again, the same bound as a worker killed between sending and marking. Waiting for the disk on
    every batch is what made delivery slow under load."""
    if not pks:
        return
    if connection.vendor == "postgresql":
        # One round trip: the two statements go as one simple query, which PostgreSQL runs as one transaction
        # (or inside the caller's), so `set_config(..., true)` covers exactly this mark, as SET LOCAL did.
        table = connection.ops.quote_name(ChaseRecord._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('synchronous_commit', 'off', true); "
                f"UPDATE {table} SET status = %s, sent_at = %s, last_error = '', next_attempt_at = NULL, "
                "provider_reference = 'chase-' || id::text WHERE id = ANY(%s)",
                [S.SENT, clock.now(), list(pks)],
            )
        return
    ChaseRecord.objects.filter(pk__in=pks).update(
        status=S.SENT, sent_at=clock.now(), last_error="", next_attempt_at=None,
        provider_reference=Concat(Value("chase-"), Cast("pk", CharField())),
    )  # fmt: skip


def release_claims(rows: list[dict]) -> None:
    """Give back messages a run claimed (rows as `messages_deliver(claimed=...)` takes them) and never tried."""
    _release([row["pk"] for row in rows], {row["pk"]: row for row in rows})


def _release(pks: list[int], chunk: dict) -> None:
    """Give back claims that were never tried (the run stopped): they go out on the next run. One query for each
    status they were claimed from (a stale claim taken over goes back as queued)."""
    by_status: dict[str, list[int]] = {}
    for pk in pks:
        status = chunk[pk]["status"]
        by_status.setdefault(S.QUEUED if status == S.SENDING else status, []).append(pk)
    for status, group in by_status.items():
        for start in range(0, len(group), RELEASE):
            ChaseRecord.objects.filter(pk__any=group[start : start + RELEASE], status=S.SENDING).update(
                status=status, claimed_at=None, attempts=F("attempts") - 1
            )


def _send(row: dict, *, sender) -> str:
    to, cc = row["recipients"].get("to", []), row["recipients"].get("cc", [])
    try:
        if not to:
            raise DeliveryError("No email address to send to: the organisation has no admin and no senior contact.")
        kind = "pa_notice" if row["organisation__kind"] == INDIVIDUAL_EMPLOYER else "chase"
        # attempts counts this one: a message tried before is first looked up by its reference, never sent twice
        ids = sender.send(kind=kind, subject=row["subject"], body=row["body"], to=to, cc=cc,
                          reference=reference_for(row["pk"]), retry=row["attempts"] > 1)  # fmt: skip
    except DeliveryError as error:
        return _record_failure(row["pk"], str(error), no_address=not to)
    if ids:
        ChaseRecord.objects.filter(pk=row["pk"]).update(deliveries=[{"id": i, "status": "created"} for i in ids])
    return S.SENT


FINAL_STATUSES = frozenset({"delivered", "permanent-failure", "temporary-failure", "technical-failure",
                            "validation-failed", "cancelled"})  # fmt: skip
POLL_FOR = timedelta(days=7)


def delivery_statuses_poll(*, now: datetime | None = None) -> int:
    """Ask GOV.UK Notify how each message sent in the last week fared, and write it on the chase record (the
    evidence trail); a status is asked for until it is final. Returns how many statuses changed."""
    from providers.messaging import NotifySender

    now = now or clock.now()
    records = list(ChaseRecord.objects.filter(status=S.SENT, sent_at__gte=now - POLL_FOR).exclude(deliveries=[])
                   .values("pk", "deliveries"))  # fmt: skip
    waiting = {r["pk"]: r["deliveries"] for r in records
               if any(d.get("status") not in FINAL_STATUSES for d in r["deliveries"])}  # fmt: skip
    if not waiting:
        return 0
    changed = 0
    with NotifySender() as sender:
        for pk, deliveries in waiting.items():
            statuses = sender.statuses([d["id"] for d in deliveries if d.get("status") not in FINAL_STATUSES])
            updated = [{**d, "status": statuses[d["id"]], "checked_at": now.isoformat()} if d["id"] in statuses else d
                       for d in deliveries]  # fmt: skip
            if updated != deliveries:
                changed += sum(1 for old, new in zip(deliveries, updated, strict=True) if old.get("status") != new["status"])
                ChaseRecord.objects.filter(pk=pk).update(deliveries=updated)
    return changed


def _record_failure(pk: int, error: str, *, no_address: bool) -> str:
    attempts = ChaseRecord.objects.filter(pk=pk).values_list("attempts", flat=True).get()
    last = no_address or attempts >= MAX_ATTEMPTS
    next_at = None if last else clock.now() + BACKOFF[attempts - 1]
    ChaseRecord.objects.filter(pk=pk).update(
        status=S.FAILED, last_error=error[:2000], next_attempt_at=next_at,
        attempts=MAX_ATTEMPTS if no_address else attempts,
    )  # fmt: skip
    if next_at is not None:
        transaction.on_commit(lambda: _schedule_retry(pk, next_at, attempts))
    return S.FAILED


def _schedule_retry(pk: int, when: datetime, attempts: int) -> None:
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=f"chase-message-{pk}",
        defaults={
            "func": "compliance.tasks.deliver_message", "args": str(pk), "schedule_type": Schedule.ONCE,
            "next_run": when, "repeats": 1,
        },
    )  # fmt: skip
