"""Running the shared record rules (`collection.rules`) on uploaded rows and putting each issue on a column.

Rules:
- The same rules serve the web form, the upload and the API; here each Issue's `field` is mapped to its ASC-WDS
  column (pay_rate goes to SALARY or HOURLYRATE by the pay interval).
- When the upload's own cell checks already reported a problem in a column of a row, rule issues for that column
  of that row are not repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from collection.ascwds.cells import Row

STAFF_FIELD_COLUMNS: dict[str, str] = {
    "local_ref": "UNIQUEWORKERID", "job_role": "MAINJOBROLE", "job_role_other": "MAINJRDESC",
    "contract_type": "EMPLSTATUS", "zero_hours": "ZEROHRCONT", "contracted_hours": "CONTHOURS",
    "average_hours": "AVGHOURS", "pay_interval": "SALARYINT", "gender": "GENDER", "ethnicity": "ETHNICITY",
    "nationality": "NATIONALITY", "disability": "DISABLED", "birth_year": "DOB", "start_date": "STARTDATE",
    "year_started_in_sector": "STARTINSECT", "recruitment_source": "RECSOURCE", "sickness_days": "DAYSSICK",
    "care_certificate": "CARECERT", "social_care_qualification": "SCQUAL", "social_care_level": "SCQUAL",
    "other_qualification": "NONSCQUAL", "other_qualification_level": "NONSCQUAL", "apprenticeship": "APPRENTICE",
    "health_care_visa": "HANDCVISA", "country_of_birth": "COUNTRYOFBIRTH",
}  # fmt: skip

WORKPLACE_FIELD_COLUMNS: dict[str, str] = {
    "name": "ESTNAME", "address1": "ADDRESS1", "postcode": "POSTCODE", "is_cqc_regulated": "REGTYPE",
    "cqc_location_id": "LOCATIONID", "main_service": "MAINSERVICE", "other_services": "ALLSERVICES",
    "capacity": "CAPACITY", "utilisation": "UTILISATION", "service_users": "SERVICEUSERS", "employer_type": "ESTTYPE",
    "total_staff": "TOTALPERMTEMP", "starters_declared": "STARTERS", "leavers_declared": "LEAVERS",
    "vacancies_declared": "VACANCIES", "job_roles": "ALLJOBROLES", "leaver_reasons": "REASONNOS",
    "sick_pay": "SICKPAY", "pension": "PENSION", "pension_percentage": "ACTUALCONT", "holiday_days": "HOLIDAY",
    "sleep_ins": "SLEEPINS", "sleep_in_pay": "SLEEPINPAY", "travel_time_pay": "TRAVELTIME",
    "travel_time_rate": "TTDIFFRATE", "starters": "STARTERS", "leavers": "LEAVERS", "vacancies": "VACANCIES",
}  # fmt: skip


@dataclass(frozen=True)
class RuleSet:
    """The three shared rule functions (replaceable in tests)."""

    staff: Callable[..., list[Any]]
    section: Callable[..., list[Any]]
    workplace: Callable[..., list[Any]]


def default_rules() -> RuleSet:
    from collection.rules import validate_staff_record, validate_workplace, validate_workplace_section

    return RuleSet(staff=validate_staff_record, section=validate_workplace_section, workplace=validate_workplace)


def no_rules() -> RuleSet:
    """Only the upload's own checks (for tests of the reader and parser alone)."""
    return RuleSet(staff=lambda *a, **k: [], section=lambda *a, **k: [], workplace=lambda *a, **k: [])


def _base(field: str) -> str:
    for separator in (".", "[", ":"):
        field = field.split(separator, 1)[0]
    return field


def staff_column(field: str, *, pay_interval: str | None) -> str:
    base = _base(field)
    if base == "pay_rate":
        return "HOURLYRATE" if pay_interval == "3" else "SALARY"
    return STAFF_FIELD_COLUMNS.get(base, "UNIQUEWORKERID")


def workplace_column(field: str) -> str:
    base = _base(field)
    return WORKPLACE_FIELD_COLUMNS.get(base, "LOCALESTID")


def add_issues(row: Row, issues: list[Any], *, column_of: Callable[[str], str]) -> None:
    """Put rule issues on the row, skipping columns the cell checks already flagged."""
    for issue in issues:
        column = column_of(getattr(issue, "field", "") or "")
        if column in row.flagged:
            continue
        severity = str(getattr(issue, "severity", "error")).lower()
        row.add(
            column,
            str(issue.code),
            str(issue.message),
            severity="warning" if severity.startswith("w") else "error",
        )
        row.flagged.discard(column)  # several rule issues may share a column; only cell checks suppress them
