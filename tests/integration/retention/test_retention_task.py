"""The daily retention task run at dates either side of each limit: exactly which rows and files go, what a legal
hold keeps, and that released workbooks (their bytes) and survey releases do not change."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from collection.models import ChangeRecord, JobRoleCount, StaffRecord, WorkforceReturn
from compliance.models import ChaseRecord, Exemption, Extension, Notice, OfficerEntry
from exports.models import ExportRelease
from exports.services import release_make_due
from providers.models import ContractRequirement, Invitation, User
from retention.models import AccountWarning, LegalHold, RetentionLog
from retention.rules import add_years
from retention.services import legal_hold_lift, legal_hold_place, retention_run
from surveys.models import Release, Response
from tests.factories.compliance import chase_record_for
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)
from tests.factories.surveys import CampaignFactory, ResponseFactory
from tests.factories.uploads import UploadFactory
from uploads.models import Upload, UploadFile

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _round(slug: str, closes):
    return CollectionRoundFactory(slug=slug, snapshot_date=closes - timedelta(days=160),
                                  window_opens=closes - timedelta(days=120), due_date=closes - timedelta(days=30),
                                  closes=closes)  # fmt: skip


def _run(**kwargs):
    return retention_run(**kwargs).removed


def test_staff_records_and_survey_responses_go_on_their_limits_and_releases_do_not_change(today, move_clock_to):
    closes = today - timedelta(days=1)
    old, recent = _round("old-round", closes), _round("recent-round", closes + timedelta(days=400))
    council = CouncilFactory(slug="keep-council")
    returns = []
    for n in range(4):
        organisation = OrganisationFactory(slug=f"keep-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        workplace = WorkplaceFactory(organisation=organisation)
        returns.append(submitted_return(workplace=workplace, collection_round=old, staff=20 + 5 * n,
                                        job_roles={"8": (2, 1, 0)}))  # fmt: skip
    kept_return = submitted_return(workplace=returns[0].workplace, collection_round=recent, staff=7)
    first = returns[0]
    ChangeRecord.objects.create(workforce_return=first, staff_ref=f"R{first.pk}-S0001", action="updated",
                                field="pay_rate", old_value="12.00", new_value="12.50")  # fmt: skip
    ChangeRecord.objects.create(workforce_return=first, action="submitted")
    ChangeRecord.objects.create(workforce_return=kept_return, staff_ref=f"R{kept_return.pk}-S0001", action="created")
    old_campaign = CampaignFactory(workplace=first.workplace, round=old)
    recent_campaign = CampaignFactory(workplace=first.workplace, round=recent)
    ResponseFactory.create_batch(12, campaign=old_campaign)
    ResponseFactory.create_batch(3, campaign=recent_campaign)
    survey_releases = {(r.pk, r.added, r.released_on) for r in Release.objects.all()}

    release = release_make_due(council=council, collection_round=old, today=today)
    assert release is not None and release.status == ExportRelease.Status.RELEASED
    workbook = bytes(release.content)
    old_staff = StaffRecord.objects.filter(workforce_return__round=old).count()
    assert old_staff == 20 + 25 + 30 + 35

    survey_limit, staff_limit = add_years(closes, 3), add_years(closes, 6)
    move_clock_to(survey_limit - timedelta(days=1))
    assert "survey_responses" not in _run() and Response.objects.count() == 15
    move_clock_to(survey_limit)
    assert _run()["survey_responses"] == 12
    assert not Response.objects.filter(campaign=old_campaign).exists()
    assert Response.objects.filter(campaign=recent_campaign).count() == 3
    assert {(r.pk, r.added, r.released_on) for r in Release.objects.all()} == survey_releases

    move_clock_to(staff_limit - timedelta(days=1))
    assert "staff_records" not in _run() and StaffRecord.objects.count() == old_staff + 7
    move_clock_to(staff_limit)
    removed = _run()
    assert removed["staff_records"] == old_staff
    assert set(StaffRecord.objects.values_list("workforce_return_id", flat=True)) == {kept_return.pk}
    assert StaffRecord.objects.count() == 7
    # the audit rows of the deleted records went with them; the return's own history and the aggregates stay
    assert list(ChangeRecord.objects.filter(workforce_return=first).values_list("action", flat=True)) == ["submitted"]
    assert ChangeRecord.objects.filter(workforce_return=kept_return).count() == 1
    assert WorkforceReturn.objects.filter(round=old).count() == 4 and JobRoleCount.objects.count() == 4
    release.refresh_from_db()
    assert bytes(release.content) == workbook and release.size == len(workbook)
    log = RetentionLog.objects.filter(dataset="staff_records", run_on=staff_limit)
    assert sum(log.values_list("count", flat=True)) == old_staff
    assert _run().get("staff_records") is None  # the next day's run finds nothing more


def test_uploaded_files_and_invitations_go_on_their_limits(today, move_clock_to):
    old = UploadFactory(files=[("w.csv", b"workplace"), ("s.csv", b"staff")])
    invitation = InvitationFactory()  # expires in 14 days
    move_clock_to(today + timedelta(days=10))
    newer = UploadFactory(files=[("w.csv", b"workplace")])
    later_invitation = InvitationFactory()

    move_clock_to(today + timedelta(days=13))
    assert _run() == {}
    move_clock_to(today + timedelta(days=14))
    assert _run() == {"invitations": 1}
    assert list(Invitation.objects.values_list("pk", flat=True)) == [later_invitation.pk]
    assert invitation.organisation.invitations.count() == 0
    move_clock_to(today + timedelta(days=23))
    assert _run() == {}
    move_clock_to(today + timedelta(days=24))
    assert _run() == {"invitations": 1} and not Invitation.objects.exists()

    move_clock_to(today + timedelta(days=29))
    assert _run() == {}
    move_clock_to(today + timedelta(days=30))
    assert _run() == {"upload_files": 2}
    assert list(UploadFile.objects.values_list("upload_id", flat=True)) == [newer.pk]
    assert Upload.objects.get(pk=old.pk).files_deleted_at is not None  # the upload and its report stay
    move_clock_to(today + timedelta(days=40))
    assert _run() == {"upload_files": 1}
    assert not UploadFile.objects.exists()


def test_chase_evidence_goes_six_years_after_the_contract_ends(today, move_clock_to):
    council = CouncilFactory()
    officer = UserFactory()
    ended_on = today - timedelta(days=10)
    ended = ContractFactory(council=council, ends_on=ended_on)
    ongoing = ContractFactory(council=council)
    for contract in (ended, ongoing):
        workplace = WorkplaceFactory(organisation=contract.organisation)
        record = chase_record_for(contract, workplace)
        requirement = ContractRequirement.objects.get(contract=contract)
        scope = {"council": council, "organisation": contract.organisation, "requirement": requirement,
                 "workplace": workplace, "round": record.round, "decided_by": officer}  # fmt: skip
        Extension.objects.create(**scope, new_due_date=today, reason="Illness")
        Exemption.objects.create(**scope, category="closing", details="Closing")
        OfficerEntry.objects.create(council=council, organisation=contract.organisation, kind="call", text="Rang",
                                    recorded_by=officer)  # fmt: skip
        Notice.objects.create(council=council, organisation=contract.organisation, kind="warning", text="Warned",
                              issued_by=officer)  # fmt: skip
    limit = add_years(ended_on, 6)

    move_clock_to(limit - timedelta(days=1))
    assert "chase_evidence" not in _run()
    move_clock_to(limit)
    assert _run()["chase_evidence"] == 5  # chase record, extension, exemption, call and notice of the ended contract
    for model in (ChaseRecord, Extension, Exemption, OfficerEntry, Notice):
        assert list(model.objects.values_list("organisation_id", flat=True)) == [ongoing.organisation_id], model


def test_inactive_accounts_are_warned_then_deactivated_unless_they_sign_in(today, move_clock_to,
                                                                          django_capture_on_commit_callbacks):
    last_seen = timezone.now() - timedelta(days=1)
    idle = UserFactory(email="idle@example.com", last_login=last_seen)
    returning = UserFactory(email="returning@example.com", last_login=last_seen)
    User.objects.filter(pk__in=[idle.pk, returning.pk]).update(date_joined=last_seen - timedelta(days=400))
    warn_on = add_years(today - timedelta(days=1), 2)

    move_clock_to(warn_on - timedelta(days=1))
    assert _run() == {}
    move_clock_to(warn_on)
    with django_capture_on_commit_callbacks(execute=True):  # the warning is sent once its row is committed
        assert _run() == {"account_warning": 2}
    assert sorted(m.to[0] for m in mail.outbox) == ["idle@example.com", "returning@example.com"]
    assert "Sign in within 30 days" in mail.outbox[0].subject
    assert _run() == {}  # warned once

    move_clock_to(warn_on + timedelta(days=5))
    User.objects.filter(pk=returning.pk).update(last_login=timezone.now())
    move_clock_to(warn_on + timedelta(days=29))
    assert _run() == {}
    move_clock_to(warn_on + timedelta(days=30))
    assert _run() == {"account_deactivation": 1}
    assert list(User.objects.filter(is_active=False).values_list("email", flat=True)) == ["idle@example.com"]
    assert list(AccountWarning.objects.values_list("user__email", flat=True)) == ["idle@example.com"]
    assert len(mail.outbox) == 2


def test_a_legal_hold_pauses_deletion_until_it_is_lifted(today, move_clock_to):
    closes = today - timedelta(days=1)
    old = _round("held-round", closes)
    council = CouncilFactory()
    admin = UserFactory()
    held_org, free_org = OrganisationFactory(slug="held"), OrganisationFactory(slug="free")
    for organisation in (held_org, free_org):
        ContractFactory(council=council, organisation=organisation)
        submitted_return(workplace=WorkplaceFactory(organisation=organisation), collection_round=old, staff=5)
        UploadFactory(organisation=organisation, files=[("w.csv", b"x")])
        MembershipFactory(organisation=organisation, user__email=f"member@{organisation.slug}.test")
    hold = legal_hold_place(council=council, organisation=held_org, reason="Employment tribunal claim", by=admin)

    move_clock_to(add_years(closes, 6))
    result = retention_run()
    # the council admin and the free organisation's member are warned; the held organisation's member is not
    assert result.removed == {"upload_files": 1, "staff_records": 5, "account_warning": 2}
    assert result.held == {"upload_files": 1, "staff_records": 5, "account_warning": 1}
    assert set(StaffRecord.objects.values_list("workforce_return__workplace__organisation__slug", flat=True)) == {"held"}
    assert set(UploadFile.objects.values_list("upload__organisation__slug", flat=True)) == {"held"}

    legal_hold_lift(hold=hold, reason="Claim settled", by=admin)
    result = retention_run()
    assert result.removed == {"upload_files": 1, "staff_records": 5, "account_warning": 1} and result.held == {}
    assert set(AccountWarning.objects.values_list("user__email", flat=True)) == {
        admin.email, "member@free.test", "member@held.test"}
    assert not StaffRecord.objects.exists() and not UploadFile.objects.exists()
    hold.refresh_from_db()  # the hold is its own audit trail: who placed and lifted it, when and why
    assert (hold.placed_by, hold.reason, hold.lifted_by, hold.lift_reason) == (admin, "Employment tribunal claim",
                                                                                admin, "Claim settled")
    assert hold.placed_at.date() == today and hold.lifted_at is not None
    assert LegalHold.objects.count() == 1


def test_the_dry_run_deletes_nothing(today, move_clock_to):
    UploadFactory(files=[("w.csv", b"x")])
    move_clock_to(today + timedelta(days=31))
    assert retention_run(dry_run=True).removed == {"upload_files": 1}
    assert UploadFile.objects.count() == 1 and not RetentionLog.objects.exists()


def test_the_daily_schedule_exists():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="retention.tasks.daily_retention")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
    assert isinstance(schedule.next_run, datetime)
