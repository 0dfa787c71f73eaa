"""Applying an upload: all or nothing, audited, missing staff never silently deleted, and a clean round trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db import IntegrityError

from collection.models import ChangeRecord, JobRoleCount, StaffRecord, WorkforceReturn
from providers.models import Workplace
from tests.factories.providers import OrganisationFactory
from tests.integration.uploads.conftest import rows_of, sample, to_csv, unchecked, with_cells, without_lines
from uploads.services import missing_staff, result_apply, return_files, upload_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(upload_round):
    return OrganisationFactory(slug="apply-org")


def check(organisation, round, workplace: bytes, staff: bytes):
    return upload_check(organisation=organisation, round=round, files=[("w.csv", workplace), ("s.csv", staff)])


def apply(organisation, round, workplace: bytes, staff: bytes, leavers=None):
    checked = check(organisation, round, workplace, staff)
    assert not checked.failed, checked.result.errors
    return result_apply(
        organisation=organisation,
        round=round,
        result=checked.result,
        held=checked.held,
        actor=None,
        leavers=leavers or {},
    )


def snapshot(organisation) -> tuple:
    return (
        sorted(Workplace.objects.filter(organisation=organisation).values_list("local_ref", "name", "is_active")),
        sorted(StaffRecord.objects.values_list("local_ref", "pay_rate", "job_role", "left_on")),
        sorted(WorkforceReturn.objects.values_list("workplace__local_ref", "total_staff", "state", "version")),
        sorted(JobRoleCount.objects.values_list("workforce_return__workplace__local_ref", "job_role", "starters")),
        ChangeRecord.objects.count(),
    )


def test_a_failure_part_way_through_leaves_an_empty_database_empty(organisation, upload_round):
    checked = check(organisation, upload_round, *sample("clean"))
    duplicated = replace(checked.result, staff=checked.result.staff + (checked.result.staff[-1],))
    with pytest.raises(IntegrityError):
        result_apply(organisation=organisation, round=upload_round, result=duplicated, held=checked.held, actor=None)
    assert snapshot(organisation) == ([], [], [], [], 0)


def test_a_failure_part_way_through_an_update_keeps_every_old_value(organisation, upload_round):
    workplace, staff = sample("clean")
    apply(organisation, upload_round, workplace, staff)
    before = snapshot(organisation)
    changed_workplace = with_cells(unchecked(workplace), 2, STATUS="UPDATE", ESTNAME="Renamed Court")
    changed_staff = with_cells(unchecked(staff), 3, STATUS="UPDATE", HOURLYRATE="15.50")
    checked = check(organisation, upload_round, changed_workplace, changed_staff)
    assert not checked.failed
    new_plan = replace(checked.result.staff[0], action="new", line=99)
    broken = replace(checked.result, staff=checked.result.staff + (new_plan,))
    with pytest.raises(IntegrityError):
        result_apply(organisation=organisation, round=upload_round, result=broken, held=checked.held, actor=None)
    assert snapshot(organisation) == before


def test_an_update_changes_the_fields_and_audits_each_one(organisation, upload_round):
    workplace, staff = sample("clean")
    apply(organisation, upload_round, workplace, staff)
    worker = rows_of(staff)[2][1]
    counts = apply(
        organisation,
        upload_round,
        unchecked(workplace),
        with_cells(unchecked(staff), 3, STATUS="UPDATE", HOURLYRATE="15.50"),
    )
    assert counts["staff"]["updated"] == 1
    record = StaffRecord.objects.get(local_ref=worker)
    assert str(record.pay_rate) == "15.50" and record.version == 2
    audit = ChangeRecord.objects.filter(staff_ref=worker, action="updated")
    assert list(audit.values_list("field", "source", "new_value")) == [("pay_rate", "upload", "15.50")]


def test_delete_status_removes_the_record_and_a_deleted_workplace_takes_its_staff(organisation, upload_round):
    workplace, staff = sample("clean")
    apply(organisation, upload_round, workplace, staff)
    rows = rows_of(staff)
    first_est = rows_of(workplace)[1][0]
    staff_rows = [rows[0]] + [r[:2] + ["DELETE" if r[0] == first_est else "UNCHECKED"] + r[3:] for r in rows[1:]]
    workplace_rows = rows_of(workplace)
    workplace_rows[1][1] = "DELETE"
    for row in workplace_rows[2:]:
        row[1] = "UNCHECKED"
    staff_kept = [r for r in staff_rows if r[0] != first_est]
    counts = apply(organisation, upload_round, to_csv(workplace_rows), to_csv(staff_kept))
    held_there = sum(1 for r in rows[1:] if r[0] == first_est)
    assert counts["workplaces"]["deleted"] == 1 and counts["staff"]["deleted"] == held_there
    assert not StaffRecord.objects.filter(workforce_return__workplace__local_ref=first_est).exists()
    assert Workplace.objects.get(organisation=organisation, local_ref=first_est).is_active is False
    assert ChangeRecord.objects.filter(action="deleted").count() == held_there


def test_staff_missing_from_the_file_are_listed_not_deleted_and_only_leavers_are_marked(organisation, upload_round):
    workplace, staff = sample("clean")
    apply(organisation, upload_round, workplace, staff)
    rows = rows_of(staff)
    gone, stays = (rows[3][0], rows[3][1]), (rows[4][0], rows[4][1])
    workplace_file = unchecked(workplace)
    staff_file = unchecked(without_lines(staff, 4, 5))
    checked = check(organisation, upload_round, workplace_file, staff_file)
    assert sorted(missing_staff(checked)) == sorted([gone, stays])
    counts = result_apply(
        organisation=organisation,
        round=upload_round,
        result=checked.result,
        held=checked.held,
        actor=None,
        leavers={gone: "6"},
    )
    assert counts["staff"]["left"] == 1 and counts["staff"]["deleted"] == 0
    left = StaffRecord.objects.get(local_ref=gone[1])
    assert left.left_on is not None and left.leaving_reason == "6"
    kept = StaffRecord.objects.get(local_ref=stays[1])
    assert kept.left_on is None and kept.leaving_reason == ""
    assert ChangeRecord.objects.filter(action="removed", staff_ref=gone[1], field="leaving_reason").exists()
    # a later upload no longer asks about the leaver, only about the one who stays but is still not in the file
    again = check(organisation, upload_round, workplace_file, staff_file)
    assert missing_staff(again) == [stays]


def test_round_trip_of_the_download_reports_no_changes_and_writes_nothing(organisation, upload_round):
    apply(organisation, upload_round, *sample("clean"))
    before = snapshot(organisation)
    workplace, staff = return_files(organisation=organisation, round=upload_round)
    checked = check(organisation, upload_round, workplace, staff)
    assert checked.result.status == "passed", checked.result.problems
    counts = checked.result.counts
    assert counts["workplaces"] == {"new": 0, "updated": 0, "unchanged": 3, "deleted": 0}
    assert counts["staff"] == {"new": 0, "updated": 0, "unchanged": 34, "deleted": 0}
    assert missing_staff(checked) == []
    result_apply(organisation=organisation, round=upload_round, result=checked.result, held=checked.held, actor=None)
    assert snapshot(organisation) == before


def test_download_leaves_out_staff_who_have_left(organisation, upload_round):
    apply(organisation, upload_round, *sample("clean"))
    record = StaffRecord.objects.order_by("pk").first()
    StaffRecord.objects.filter(pk=record.pk).update(left_on="2026-02-01", leaving_reason="1")
    _workplace, staff = return_files(organisation=organisation, round=upload_round)
    assert record.local_ref not in staff.decode("utf-8-sig")
    checked = check(organisation, upload_round, *return_files(organisation=organisation, round=upload_round))
    assert checked.result.status == "passed" and missing_staff(checked) == []


def test_a_submitted_return_cannot_be_changed_by_upload(organisation, upload_round):
    workplace, staff = sample("clean")
    apply(organisation, upload_round, workplace, staff)
    first_est = rows_of(workplace)[1][0]
    WorkforceReturn.objects.filter(workplace__local_ref=first_est).update(state="submitted")
    checked = check(
        organisation,
        upload_round,
        with_cells(unchecked(workplace), 2, STATUS="UPDATE", ESTNAME="New name"),
        unchecked(staff),
    )
    assert checked.failed
    assert [(p.line, p.column, p.code) for p in checked.result.errors] == [(2, "STATUS", "return_submitted")]
    # the same files with nothing changed for that workplace are fine
    unchanged = check(organisation, upload_round, unchecked(workplace), unchecked(staff))
    assert [p.code for p in unchanged.result.errors] == []
