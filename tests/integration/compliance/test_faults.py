"""Faults: the mail server down during a sweep, and a worker dying halfway through sending."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import Schedule

from compliance.models import ChaseRecord
from compliance.services import chase_sweep, messages_deliver
from compliance.services.delivery import MAX_ATTEMPTS
from tests.factories.compliance import DUE
from tests.factories.providers import ContractFactory, MembershipFactory, OrganisationFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db
S = ChaseRecord.Status


def _recipients(smtp_server) -> Counter:
    return Counter(m["X-Envelope-To"] for m in smtp_server.messages)


def test_mail_server_down_then_back(season, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        actions = chase_sweep(today=DUE)
    assert {a.status for a in actions} == {"failed"} and len(actions) == 3
    failed = ChaseRecord.objects.filter(status=S.FAILED)
    assert failed.count() == 3
    assert all(r.attempts == 1 and r.next_attempt_at > timezone.now() and r.last_error for r in failed)
    assert (
        Schedule.objects.filter(name__startswith="chase-message-", func="compliance.tasks.deliver_message").count() == 3
    )

    assert messages_deliver() == {}, "nothing is retried before its back-off has passed"
    smtp_server.start()
    later = timezone.now() + timedelta(minutes=6)
    assert set(messages_deliver(now=later).values()) == {S.SENT}
    assert set(messages_deliver(now=later + timedelta(days=1)).values()) == set(), "sent once only"
    chase_sweep(today=DUE)  # the same day again: nothing new
    assert _recipients(smtp_server) == Counter(
        {"admin@late.test, boss@late.test": 1, "admin@prompt.test, boss@prompt.test": 1,
         "admin@individual.test, boss@individual.test": 1}
    )  # fmt: skip
    assert set(ChaseRecord.objects.exclude(status=S.SKIPPED).values_list("attempts", flat=True)) == {2}


def test_failures_stop_after_the_last_try_and_stay_visible(season, smtp_server):
    smtp_server.stop()
    chase_sweep(today=DUE)
    moment = timezone.now()
    for _ in range(MAX_ATTEMPTS + 2):
        moment += timedelta(days=1)
        messages_deliver(now=moment)
    records = ChaseRecord.objects.exclude(status=S.SKIPPED)
    assert {(r.status, r.attempts, r.next_attempt_at) for r in records} == {(S.FAILED, MAX_ATTEMPTS, None)}
    assert "Connection" in records[0].last_error or "refused" in records[0].last_error.lower()


def test_an_organisation_with_nobody_to_write_to_is_failed_at_once(season, mailoutbox):
    lonely = OrganisationFactory(slug="lonely")
    WorkplaceFactory(organisation=lonely)
    ContractFactory(council=season.council, organisation=lonely)
    chase_sweep(today=DUE)
    record = ChaseRecord.objects.exclude(status=S.SKIPPED).get(organisation=lonely)
    assert (record.status, record.attempts, record.next_attempt_at) == (S.FAILED, MAX_ATTEMPTS, None)
    assert "No email address" in record.last_error


def test_a_crash_halfway_is_completed_by_the_next_run_without_duplicates(season, smtp_server):
    for n in range(5):
        org = OrganisationFactory(slug=f"extra-{n}")
        MembershipFactory(organisation=org, role="admin")
        WorkplaceFactory(organisation=org)
        ContractFactory(council=season.council, organisation=org)
    with pytest.raises(RuntimeError, match="Simulated crash"):
        chase_sweep(today=DUE, fail_after=3)
    assert len(smtp_server.messages) == 3
    assert ChaseRecord.objects.filter(status=S.QUEUED).count() == 5
    chase_sweep(today=DUE)  # the next run of the same day
    assert len(smtp_server.messages) == 8
    assert max(_recipients(smtp_server).values()) == 1
    assert set(ChaseRecord.objects.exclude(status=S.SKIPPED).values_list("status", flat=True)) == {S.SENT}


def test_a_claim_left_by_a_dead_worker_is_picked_up_later(season, mailoutbox):
    with pytest.raises(RuntimeError):
        chase_sweep(today=DUE, fail_after=0)
    record = ChaseRecord.objects.filter(organisation=season.late).exclude(status=S.SKIPPED).get()
    ChaseRecord.objects.filter(pk=record.pk).update(status=S.SENDING, claimed_at=timezone.now(), attempts=1)
    assert record.pk not in messages_deliver(), "a fresh claim belongs to a live worker"
    results = messages_deliver(now=timezone.now() + timedelta(minutes=16))
    assert results[record.pk] == S.SENT
    assert sum(1 for m in mailoutbox if "admin@late.test" in m.to) == 1
