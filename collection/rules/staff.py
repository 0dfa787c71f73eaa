"""Validation of one staff record: the same rules for the web form, the ASC-WDS bulk upload and the API."""

from __future__ import annotations

from datetime import date

from collection.rules.issues import Issue
from collection.rules.pay import pay_issues
from collection.rules.records import StaffRecordData, WorkplaceData
from collection.rules.staff_job import job_issues
from collection.rules.staff_person import local_ref_valid, person_issues


def validate_staff_record(
    record: StaffRecordData, *, snapshot_date: date, workplace: WorkplaceData | None = None
) -> list[Issue]:
    """Every issue with one staff record, errors and warnings together, in the order of the form.

    `snapshot_date` is the return's snapshot date (ages, future dates and the National Living Wage are judged on
    it). `workplace`, when given, lets the rules that depend on the workplace run (a registered manager needs a
    workplace regulated by CQC).
    """
    return (
        local_ref_valid(record=record)
        + job_issues(record=record, workplace=workplace)
        + pay_issues(record=record, snapshot_date=snapshot_date)
        + person_issues(record=record, snapshot_date=snapshot_date)
    )
