"""The sweep at scale: messages rendered from shared pieces stay personal, delivery's queries grow with batches of
messages (not with messages), and a claim given back is deliverable again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import ChaseRecord, LadderStepSetting
from compliance.services import chase_sweep, messages_deliver
from compliance.services.delivery import BATCH
from tests.factories.compliance import DUE, WINDOW_OPENS
from tests.factories.providers import ContractFactory, MembershipFactory, OrganisationFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db
S = ChaseRecord.Status


def _providers(council, count: int) -> list:
    orgs = []
    for n in range(count):
        org = OrganisationFactory(slug=f"scale-{n}", name=f"Scale Care {n}")
        MembershipFactory(organisation=org, role="admin")
        WorkplaceFactory(organisation=org, name=f"Scale Home {n}")
        ContractFactory(council=council, organisation=org, reference=f"SC-{n}")
        orgs.append(org)
    return orgs


def test_each_message_names_its_own_organisation_and_workplace(season, mailoutbox):
    """The subject and opening are formatted once per step: each organisation's name still lands in its own."""
    chase_sweep(today=WINDOW_OPENS, dry_run=True)  # creates the ladder on first use
    LadderStepSetting.objects.filter(council=season.council, key="final_reminder").update(
        subject="{organisation}: due {due}", wording="Dear colleagues at {organisation}, it is due {due}."
    )
    _providers(season.council, 3)
    chase_sweep(today=DUE)
    by_org = {m.to[0]: m for m in mailoutbox}
    for n in range(3):
        message = next(m for m in mailoutbox if m.subject == f"Scale Care {n}: due 30 June")
        assert f"Dear colleagues at Scale Care {n}, it is due 30 June." in message.body
        assert f"Workplace: Scale Home {n}" in message.body and f"(SC-{n}, Chase Council)" in message.body
        assert f"/scale-{n}/" in message.body
    assert by_org["admin@late.test"].subject == "Late: due 30 June"


def test_delivery_queries_grow_with_batches_not_messages(season, mailoutbox):
    _providers(season.council, 2 * BATCH)
    chase_sweep(today=DUE - timedelta(1), dry_run=True)  # the ladder exists before counting
    from compliance.selectors import chase_units
    from compliance.services.sweep import _save, plan_records

    due, skipped = plan_records(chase_units(today=DUE), today=DUE)
    _save(skipped, today=DUE)
    _save([r for r, _ in due], today=DUE)
    with CaptureQueriesContext(connection) as queries:
        results = messages_deliver()
    sent = [pk for pk, status in results.items() if status == S.SENT]
    assert len(sent) == 2 * BATCH + 3 == len(mailoutbox)
    # one read, one claim (two queries and a transaction), a mark (and its transaction) per BATCH messages sent
    batches = -(-len(sent) // BATCH)
    assert len(queries.captured_queries) <= 1 + 4 + 4 * batches
    assert set(ChaseRecord.objects.filter(pk__in=sent).values_list("status", flat=True)) == {S.SENT}


def test_a_stale_claim_given_back_unsent_is_queued_again(season, mailoutbox):
    with pytest.raises(RuntimeError):
        chase_sweep(today=DUE, fail_after=0)
    record = ChaseRecord.objects.filter(organisation=season.late).exclude(status=S.SKIPPED).get()
    ChaseRecord.objects.filter(pk=record.pk).update(status=S.SENDING, claimed_at=timezone.now(), attempts=1)
    later = timezone.now() + timedelta(minutes=16)
    with pytest.raises(RuntimeError):
        messages_deliver(now=later, fail_after=0)  # takes the stale claim over, then stops before sending
    record.refresh_from_db()
    assert (record.status, record.claimed_at, record.attempts) == (S.QUEUED, None, 1)
    assert messages_deliver(now=later)[record.pk] == S.SENT
