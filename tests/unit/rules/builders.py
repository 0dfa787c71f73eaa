"""Valid records to start each table row from, and a helper to compare issues."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from collection.rules.issues import Issue
from collection.rules.records import JobRoleCount, StaffRecordData, WorkplaceData, WorkplaceSectionData

SNAPSHOT = date(2026, 3, 31)  # National Living Wage £12.21 (April 2025 rate)

VALID_STAFF = StaffRecordData(
    local_ref="CW-001",
    job_role="8",  # care worker
    contract_type="1",  # permanent
    zero_hours="2",
    contracted_hours=Decimal("37.5"),
    pay_interval="3",  # hourly
    pay_rate=Decimal("12.50"),
    gender="2",
    ethnicity="31",
    nationality="826",
    disability="0",
    birth_year=1985,
    start_date=date(2020, 6, 1),
    year_started_in_sector=2015,
    recruitment_source="2",
    sickness_days=Decimal("3.5"),
    care_certificate="1",
    social_care_qualification="1",
    social_care_level="3",
    other_qualification="2",
    apprenticeship="2",
)

VALID_WORKPLACE = WorkplaceData(
    name="Meadow View Care Home",
    address1="1 High Street",
    postcode="LS1 4AP",
    is_cqc_regulated=True,
    cqc_location_id="1-123456789",
    main_service="1",  # care home services with nursing
    capacity=40,
    utilisation=35,
    service_users=("1",),
    employer_type="6",
)

VALID_SECTION = WorkplaceSectionData(
    total_staff=20,
    starters_declared="with_jobs",
    leavers_declared="with_jobs",
    vacancies_declared="none",
    job_roles=(JobRoleCount(job_role="8", starters=3, leavers=2), JobRoleCount(job_role="7", starters=1, leavers=1)),
    leaver_reasons={"1": 2, "6": 1},
    sick_pay="1",
    pension="1",
    pension_percentage=Decimal("5"),
    holiday_days=28,
    sleep_ins="1",
    sleep_in_pay="2",
    travel_time_pay="3",
    travel_time_rate=Decimal("11.50"),
)


def staff(**changes: Any) -> StaffRecordData:
    return replace(VALID_STAFF, **changes)


def workplace(**changes: Any) -> WorkplaceData:
    return replace(VALID_WORKPLACE, **changes)


def section(**changes: Any) -> WorkplaceSectionData:
    return replace(VALID_SECTION, **changes)


def summary(issues: list[Issue]) -> list[tuple[str, str, str]]:
    """(code, field, severity) for each issue, sorted, so a table row can state exactly what it expects."""
    return sorted((issue.code, issue.field, issue.severity) for issue in issues)


def codes_in(table: list[Any]) -> set[str]:
    """Every code a table expects (each row's last value is its expected summary)."""
    return {code for row in table for code, _field, _severity in row.values[-1]}
