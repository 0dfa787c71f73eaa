"""Every message the service sends goes through GOV.UK Notify's official client when Notify is configured, tested
against a local server that speaks Notify's API (tests/notify_server.py): the template of each kind and its
personalisation, Notify's errors (403, 400), back-off on 429 and 5xx with each message sent exactly once, and Notify's
delivery status written on the chase evidence trail."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings

from collection.models import WorkforceReturn
from collection.services.notifications import send_receipt, send_review_outcome
from compliance.models import ChaseRecord
from compliance.services import messages_deliver
from compliance.tasks import poll_delivery_statuses
from providers.messaging import KINDS, DeliveryError, send_message
from providers.models import Membership, Organisation
from providers.services import invitation_create
from providers.signin.codes import signin_code_send
from retention.services import _send_warning
from tests.factories.collection import WorkforceReturnFactory
from tests.factories.compliance import chase_record_for
from tests.factories.providers import (
    ContractFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    UserFactory,
    WorkplaceFactory,
)
from tests.notify_server import API_KEY, NotifyServer

pytestmark = pytest.mark.django_db

TEMPLATES = {kind: str(uuid.uuid5(uuid.NAMESPACE_URL, f"cwr/{kind}")) for kind in KINDS}


@pytest.fixture
def notify(settings):
    server = NotifyServer({template: ["subject", "body"] for template in TEMPLATES.values()})
    server.start()
    settings.MESSAGE_SENDER = "providers.messaging.NotifySender"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TEMPLATES = {"default": "", **TEMPLATES}
    settings.NOTIFY_RETRY_DELAYS = (0.01, 0.02, 0.04)
    yield server
    server.stop()


def _posts(server):
    return [r for r in server.requests if r["method"] == "POST"]


def test_the_settings_name_a_template_for_every_kind():
    assert set(django_settings.NOTIFY_TEMPLATES) == {"default", *KINDS}


def test_every_kind_of_message_goes_to_its_own_notify_template(notify, client, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role=Membership.Role.ADMIN, user__email="admin@care.test")
    organisation = admin.organisation
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(invited_by=admin.user, email="new.editor@care.test", role="editor", organisation=organisation)
    found = WorkforceReturnFactory(workplace=WorkplaceFactory(organisation=organisation), state="submitted",
                                   submitted_by=admin.user, submission_reference="WR-123")  # fmt: skip
    send_receipt(workforce_return_id=found.pk)
    WorkforceReturn.objects.filter(pk=found.pk).update(state="accepted")
    send_review_outcome(workforce_return_id=found.pk)
    signin_code_send(user=admin.user)
    _send_warning("idle@care.test", "Sign in within 30 days", "Body")
    contract = ContractFactory(organisation=organisation)
    chase = chase_record_for(contract, found.workplace, step="reminder_30", status=ChaseRecord.Status.QUEUED)
    ChaseRecord.objects.filter(pk=chase.pk).update(channel="email", kind="reminder",
                                                   recipients={"to": ["admin@care.test"], "cc": ["boss@care.test"]})  # fmt: skip
    individual = MembershipFactory(role=Membership.Role.ADMIN, user__email="ann@home.test",
                                   organisation__kind=Organisation.Kind.INDIVIDUAL_EMPLOYER)  # fmt: skip
    pa_contract = ContractFactory(organisation=individual.organisation)
    pa_chase = chase_record_for(pa_contract, WorkplaceFactory(organisation=individual.organisation),
                                step="reminder_30", status=ChaseRecord.Status.QUEUED)  # fmt: skip
    ChaseRecord.objects.filter(pk=pa_chase.pk).update(channel="email", kind="reminder",
                                                      recipients={"to": ["ann@home.test"], "cc": []})  # fmt: skip
    assert messages_deliver() == {chase.pk: "sent", pa_chase.pk: "sent"}
    response = client.post("/accounts/password/reset/", {"email": "admin@care.test"})
    assert response.status_code == 302

    by_template = {v: k for k, v in TEMPLATES.items()}
    sent = [(by_template[n["template"]["id"]], n["email_address"]) for n in notify.sent]
    assert sorted(sent) == sorted([
        ("invitation", "new.editor@care.test"), ("receipt", "admin@care.test"),
        ("review_outcome", "admin@care.test"), ("signin_code", "admin@care.test"),
        ("inactive_account", "idle@care.test"), ("chase", "admin@care.test"), ("chase", "boss@care.test"),
        ("pa_notice", "ann@home.test"), ("account", "admin@care.test"),
    ])  # fmt: skip
    for notification in notify.sent:
        assert set(notification["personalisation"]) == {"subject", "body"} and notification["personalisation"]["body"]
    receipt = next(n for n in notify.sent if by_template[n["template"]["id"]] == "receipt")
    assert "WR-123" in receipt["personalisation"]["subject"]
    assert {n["reference"] for n in notify.sent if n["email_address"] == "boss@care.test"} == {f"chase-{chase.pk}.1"}


def test_a_key_notify_does_not_know_is_refused(notify, settings):
    settings.NOTIFY_API_KEY = API_KEY[:-36] + str(uuid.uuid4())
    with pytest.raises(DeliveryError, match="403"):
        send_message(kind="receipt", subject="S", body="B", to=["a@care.test"])
    assert len(_posts(notify)) == 1 and notify.sent == []


def test_a_400_is_reported_and_not_retried(notify, settings):
    settings.NOTIFY_TEMPLATES = {**settings.NOTIFY_TEMPLATES, "receipt": str(uuid.uuid4())}
    with pytest.raises(DeliveryError, match="Template not found"):
        send_message(kind="receipt", subject="S", body="B", to=["a@care.test"])
    with pytest.raises(DeliveryError, match="Not a valid email address"):
        send_message(kind="invitation", subject="S", body="B", to=["not-an-address"])
    assert len(_posts(notify)) == 2 and notify.sent == []


def test_rate_limits_and_server_errors_are_retried_with_back_off_and_the_message_goes_once(notify):
    notify.fail_next(429, 503)
    ids = send_message(kind="receipt", subject="S", body="B", to=["a@care.test"], reference="receipt-7")
    assert len(_posts(notify)) == 3 and [n["id"] for n in notify.sent] == ids
    lookups = [r for r in notify.requests if r["method"] == "GET"]
    assert [r["query"]["reference"] for r in lookups] == [["receipt-7.0"], ["receipt-7.0"]]  # before each retry


def test_an_answer_lost_after_notify_accepted_the_message_does_not_send_it_twice(notify):
    notify.fail_next("500-after-create")
    ids = send_message(kind="receipt", subject="S", body="B", to=["a@care.test"], reference="receipt-8")
    assert len(_posts(notify)) == 1 and len(notify.sent) == 1 and ids == [notify.sent[0]["id"]]


def test_retries_run_out_and_the_failure_is_reported(notify):
    notify.fail_next(429, 429, 429, 429)
    with pytest.raises(DeliveryError, match="429"):
        send_message(kind="receipt", subject="S", body="B", to=["a@care.test"])
    assert len(_posts(notify)) == 4 and notify.sent == []


def test_notify_delivery_status_is_written_on_the_chase_evidence_trail(notify, client):
    officer = UserFactory(with_mfa=True)
    admin = MembershipFactory(role=Membership.Role.ADMIN, user__email="admin@slow.test")
    contract = ContractFactory(organisation=admin.organisation, contract_officer=officer)
    chase = chase_record_for(contract, WorkplaceFactory(organisation=admin.organisation), step="reminder_30",
                             status=ChaseRecord.Status.QUEUED)  # fmt: skip
    ChaseRecord.objects.filter(pk=chase.pk).update(channel="email", kind="reminder",
                                                   recipients={"to": ["admin@slow.test"], "cc": ["gone@slow.test"]})  # fmt: skip
    messages_deliver()
    chase.refresh_from_db()
    assert chase.status == "sent" and [d["status"] for d in chase.deliveries] == ["created", "created"]
    first, second = (d["id"] for d in chase.deliveries)
    notify.set_status(first, "delivered")
    notify.set_status(second, "permanent-failure")
    assert poll_delivery_statuses() == 2
    chase.refresh_from_db()
    assert chase.delivery_outcomes == ["delivered", "not delivered: the address does not exist"]
    gets = len([r for r in notify.requests if r["method"] == "GET"])
    assert poll_delivery_statuses() == 0  # final statuses are not asked for again
    assert len([r for r in notify.requests if r["method"] == "GET"]) == gets
    CouncilMembershipFactory(council=contract.council, user=officer, role="contract_officer")
    client.force_login(officer)
    page = client.get(f"/council/{contract.council.slug}/compliance/organisations/{admin.organisation.slug}/")
    assert "Delivery (GOV.UK Notify): delivered; not delivered: the address does not exist" in page.content.decode()


def test_a_chase_message_retried_after_notify_took_it_is_not_sent_again(notify):
    admin = MembershipFactory(role=Membership.Role.ADMIN, user__email="admin@retry.test")
    contract = ContractFactory(organisation=admin.organisation)
    chase = chase_record_for(contract, WorkplaceFactory(organisation=admin.organisation), step="reminder_30",
                             status=ChaseRecord.Status.QUEUED)  # fmt: skip
    ChaseRecord.objects.filter(pk=chase.pk).update(channel="email", kind="reminder",
                                                   recipients={"to": ["admin@retry.test"], "cc": []})  # fmt: skip
    notify.fail_next(500, 500, 500, 500)
    assert messages_deliver() == {chase.pk: "failed"}
    assert notify.sent == []
    ChaseRecord.objects.filter(pk=chase.pk).update(next_attempt_at=None, status=ChaseRecord.Status.QUEUED)
    notify.fail_next("500-after-create", 500, 500, 500)  # Notify takes it but answers 500, then keeps failing
    assert messages_deliver() == {chase.pk: "sent"}  # the lookup by reference finds it: sent, once
    assert len(notify.sent) == 1


def test_the_status_poll_is_scheduled_and_does_nothing_without_notify():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="compliance.tasks.poll_delivery_statuses")
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 15
    assert django_settings.MESSAGE_SENDER == "providers.messaging.DjangoEmailSender"  # the default: SMTP
    assert poll_delivery_statuses() == 0


def test_smtp_stays_the_default_sender_and_sends_every_kind(mailoutbox):
    for kind in KINDS:
        assert send_message(kind=kind, subject=f"About {kind}", body="Body", to=["a@care.test"]) == []
    assert [m.subject for m in mailoutbox] == [f"About {kind}" for kind in KINDS]
    assert all(m.extra_headers["Message-ID"].startswith(f"<{kind}-") for m, kind in zip(mailoutbox, KINDS, strict=True))
