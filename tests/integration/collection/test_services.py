"""The collection services: validation through the shared rules, warnings, conflicts, lifecycle and audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from collection.models import ChangeRecord, StaffRecord, WorkforceReturn
from collection.services import (
    EditConflict,
    InvalidState,
    RulesFailed,
    WarningsNotConfirmed,
    return_carry_forward,
    return_confirm_no_change,
    return_numbers_update,
    return_review,
    return_submit,
    staff_record_create,
    staff_record_remove,
    staff_record_update,
)
from tests.factories.collection import (
    COMPLETE_STAFF,
    CollectionRoundFactory,
    StaffRecordFactory,
    WorkforceReturnFactory,
)


def _data(**changes):
    return {"local_ref": "A1", **COMPLETE_STAFF, **changes}


def test_adding_a_valid_record_audits_it_and_stores_completeness(setup, editor):
    record = staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data())
    found = WorkforceReturn.objects.get(pk=setup.workforce_return.pk)
    assert record.pk and found.state == WorkforceReturn.State.IN_PROGRESS
    assert found.progress_percent is not None and found.is_complete is False  # total staff not given yet
    rows = ChangeRecord.objects.filter(workforce_return=found, staff_ref="A1", action="created")
    (row,) = rows  # one row per new record, holding every answered field
    assert "job_role=" in row.new_value and "pay_rate=" in row.new_value
    assert row.actor == editor


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"local_ref": "AB123456C"}, "local_ref_looks_like_ni_number"),
        ({"sickness_days": Decimal("400")}, "sickness_days_out_of_range"),
        ({"zero_hours": "1"}, "zero_hours_with_contracted_hours"),
        ({"pay_rate": Decimal("1.00")}, "hourly_pay_out_of_range"),
    ],
)
def test_errors_block_with_the_rule_code(setup, editor, changes, code):
    with pytest.raises(RulesFailed) as caught:
        staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data(**changes),
                            confirm_warnings=True)
    assert code in {issue.code for issue in caught.value.issues}
    assert not StaffRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"pay_rate": Decimal("11.00")}, "pay_below_national_living_wage"),
        ({"contracted_hours": Decimal("50")}, "contracted_hours_over_48"),
    ],
)
def test_warnings_need_confirming(setup, editor, changes, code):
    with pytest.raises(WarningsNotConfirmed) as caught:
        staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data(**changes))
    assert code in {issue.code for issue in caught.value.issues}
    assert not StaffRecord.objects.exists()
    staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data(**changes),
                        confirm_warnings=True)
    assert StaffRecord.objects.count() == 1


def test_a_stale_version_is_refused_and_nothing_is_lost(setup, editor):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="A1")
    staff_record_update(record=record, actor=editor, data={"pay_rate": Decimal("14.00")}, version=1)
    with pytest.raises(EditConflict):
        staff_record_update(record=record, actor=editor, data={"pay_rate": Decimal("15.00")}, version=1)
    assert StaffRecord.objects.get(pk=record.pk).pay_rate == Decimal("14.00")


def test_the_same_reference_twice_is_refused(setup, editor):
    StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="A1")
    with pytest.raises(Exception, match="already used"):
        staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data())


def test_submit_twice_submits_once_and_sends_one_receipt(setup, editor, django_capture_on_commit_callbacks):
    StaffRecordFactory(workforce_return=setup.workforce_return)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = return_submit(workforce_return=setup.workforce_return, actor=editor)
    with pytest.raises(InvalidState), django_capture_on_commit_callbacks(execute=True):
        return_submit(workforce_return=setup.workforce_return, actor=editor)
    assert submitted.submission_reference.startswith("WR-")
    assert len(mail.outbox) == 1
    assert editor.email in mail.outbox[0].to and setup.world.users["provider_admin"].email in mail.outbox[0].to
    assert "Completeness:" in mail.outbox[0].body
    assert ChangeRecord.objects.filter(action="submitted", field="state").count() == 1


def test_a_submitted_return_cannot_be_edited(setup, editor):
    return_submit(workforce_return=setup.workforce_return, actor=editor)
    with pytest.raises(InvalidState):
        staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data())


def test_council_returns_then_accepts_and_the_provider_is_told(setup, editor, django_capture_on_commit_callbacks):
    officer = setup.world.users["contract_officer"]
    return_submit(workforce_return=setup.workforce_return, actor=editor)
    with pytest.raises(Exception, match="correct"):
        return_review(workforce_return=setup.workforce_return, actor=officer, decision="returned", comment="")
    with django_capture_on_commit_callbacks(execute=True):
        return_review(workforce_return=setup.workforce_return, actor=officer, decision="returned",
                      comment="Add sickness days")
    assert "Add sickness days" in mail.outbox[-1].body
    # the provider corrects and resubmits; the council accepts
    staff_record_create(workforce_return=setup.workforce_return, actor=editor, data=_data())
    return_submit(workforce_return=setup.workforce_return, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = return_review(workforce_return=setup.workforce_return, actor=officer, decision="accepted")
    assert accepted.state == WorkforceReturn.State.ACCEPTED
    assert "accepted" in mail.outbox[-1].subject
    with pytest.raises(InvalidState):
        return_review(workforce_return=setup.workforce_return, actor=officer, decision="accepted")


def test_carry_forward_copies_unconfirmed_records_and_no_change_confirms_them(setup, editor):
    earlier = CollectionRoundFactory(slug="r2025", snapshot_date=setup.round.snapshot_date.replace(year=2025),
                                     window_opens=setup.round.window_opens.replace(year=2025),
                                     due_date=setup.round.due_date.replace(year=2025),
                                     closes=setup.round.closes.replace(year=2025))
    old = WorkforceReturnFactory(workplace=setup.world.workplace_a, round=earlier, state="accepted")
    for ref in ("P1", "P2", "P3"):
        StaffRecordFactory(workforce_return=old, local_ref=ref)
    gone = StaffRecordFactory(workforce_return=old, local_ref="P4")
    StaffRecord.objects.filter(pk=gone.pk).update(left_on="2025-01-01", leaving_reason="1")

    copies = return_carry_forward(workforce_return=setup.workforce_return, previous=old, actor=editor)
    assert sorted(c.local_ref for c in copies) == ["P1", "P2", "P3"]
    assert all(c.carried_forward and not c.confirmed for c in copies)
    with pytest.raises(InvalidState):
        return_carry_forward(workforce_return=setup.workforce_return, previous=old, actor=editor)
    with pytest.raises(Exception, match="started or left"):
        return_confirm_no_change(workforce_return=setup.workforce_return, actor=editor, starters_declared="",
                                 leavers_declared="none")
    count = return_confirm_no_change(workforce_return=setup.workforce_return, actor=editor,
                                     starters_declared="none", leavers_declared="none")
    assert count == 3
    found = WorkforceReturn.objects.get(pk=setup.workforce_return.pk)
    assert found.starters_declared == "none" and found.total_staff == 3


def test_removing_a_record_needs_a_reason_and_is_audited(setup, editor):
    record = StaffRecordFactory(workforce_return=setup.workforce_return, local_ref="A1")
    with pytest.raises(Exception, match="why they left"):
        staff_record_remove(record=record, actor=editor, leaving_reason="")
    staff_record_remove(record=record, actor=editor, leaving_reason="6")
    record.refresh_from_db()
    assert record.left_on and record.leaving_reason == "6"
    assert ChangeRecord.objects.filter(action="removed", staff_ref="A1", field="leaving_reason",
                                       new_value="6").exists()


def test_numbers_leaver_reasons_must_add_up(setup, editor):
    kwargs = dict(workforce_return=setup.workforce_return, actor=editor, total_staff=10, starters_declared="none",
                  leavers_declared="with_jobs", vacancies_declared="none", job_roles={"10": {"leavers": 2}})
    with pytest.raises(RulesFailed) as caught:
        return_numbers_update(**kwargs, leaver_reasons={"1": 1})
    assert "leaver_reasons_total_mismatch" in {i.code for i in caught.value.issues}
    saved = return_numbers_update(**kwargs, leaver_reasons={"1": 2}, confirm_warnings=True)
    assert saved.leaver_reasons.get().count == 2 and saved.job_role_counts.get().leavers == 2
    assert ChangeRecord.objects.filter(action="numbers_updated", field="total_staff", new_value="10").exists()
