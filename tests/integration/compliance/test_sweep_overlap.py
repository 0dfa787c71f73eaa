"""On PostgreSQL, outside a caller's transaction, the sweep writes the stored statuses on a connection of its own
while the steps are recorded and the messages go out (`compliance.services.sweep._in_background`). Committed data, as in production: the
statuses still equal the pure rules, every message goes once, and an error on either side still surfaces."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection

from compliance.models import ChaseRecord
from compliance.services import chase_sweep, sweep
from tests.factories.compliance import DUE
from tests.integration.compliance.test_stored_status import _stored, _truth

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the overlapped path is PostgreSQL's"),
]


@pytest.fixture
def threads(monkeypatch) -> list[str]:
    """The names of the threads the stored statuses were written in."""
    names: list[str] = []
    original = sweep._store_statuses

    def recorded(*args, **kwargs):
        names.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(sweep, "_store_statuses", recorded)
    return names


def test_the_statuses_written_beside_delivery_equal_the_rules(season, move_clock_to, mailoutbox, threads):
    for day in (DUE - timedelta(14), DUE, DUE + timedelta(1), DUE + timedelta(14)):
        move_clock_to(day)
        chase_sweep(today=day)
        assert _stored(season, day) == _truth(season, day), day
        chase_sweep(today=day)  # (idempotent: nothing new to send)
    assert threads and all(name == "chase-sweep-statuses" for name in threads)
    sent = ChaseRecord.objects.filter(status=ChaseRecord.Status.SENT)
    assert sent.count() == len(mailoutbox) > 0
    assert not ChaseRecord.objects.filter(status=ChaseRecord.Status.SENDING).exists()


def test_inside_a_transaction_the_statuses_are_written_first(season, mailoutbox, threads):
    from django.db import transaction

    with transaction.atomic():
        chase_sweep(today=DUE)
    assert threads == [threading.main_thread().name]
    assert _stored(season, DUE) == _truth(season, DUE)


def test_an_error_writing_the_statuses_surfaces_after_delivery(season, move_clock_to, mailoutbox, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("statuses failed")

    monkeypatch.setattr(sweep, "_store_statuses", broken)
    move_clock_to(DUE)
    with pytest.raises(RuntimeError, match="statuses failed"):
        chase_sweep(today=DUE)
    # the recorded messages went out once (the stored statuses are worked out again by the desk's first read)
    assert ChaseRecord.objects.filter(status=ChaseRecord.Status.SENT).count() == len(mailoutbox) > 0
    assert not ChaseRecord.objects.filter(status=ChaseRecord.Status.SENDING).exists()


def test_a_crash_in_delivery_waits_for_the_statuses_and_gives_back_the_claims(season, move_clock_to, mailoutbox):
    move_clock_to(DUE)
    with pytest.raises(RuntimeError, match="Simulated crash"):
        chase_sweep(today=DUE, fail_after=1)
    assert len(mailoutbox) == 1
    assert _stored(season, DUE) == _truth(season, DUE)
    chase_sweep(today=DUE)  # the next run sends the rest, once
    assert ChaseRecord.objects.filter(status=ChaseRecord.Status.SENT).count() == len(mailoutbox) == 3


def test_a_sweep_that_loses_the_race_stores_the_true_statuses(season, move_clock_to, mailoutbox, monkeypatch):
    """The thread writes the statuses as if every planned step were recorded; when another sweep recorded one
    first, they are written again from what is stored."""
    original = sweep._save

    def another_sweep_first(records, *, today, claim_at=None):
        if claim_at is not None and records:
            # another sweep's, since decided otherwise (what the thread assumed recorded is not what is stored)
            ChaseRecord.objects.filter(pk=original(records[:1], today=today)[0].pk).update(
                status=ChaseRecord.Status.REJECTED
            )
        return original(records, today=today, claim_at=claim_at)

    monkeypatch.setattr(sweep, "_save", another_sweep_first)
    day = DUE + timedelta(14)
    move_clock_to(day)
    assert len(chase_sweep(today=day)) == 2  # of the three steps, the one recorded first is the other sweep's
    assert _stored(season, day) == _truth(season, day)
