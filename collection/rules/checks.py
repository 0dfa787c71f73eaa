"""Small helpers the rule modules share: code-list look-ups and number tests. No rules live here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from collection.rules.issues import Issue, error
from providers.reference import codes, rows

# record field -> (ASC-WDS code list, the noun used in messages)
CODE_FIELDS: dict[str, tuple[str, str]] = {
    "job_role": ("job_roles", "job role"),
    "contract_type": ("contract_types", "contract type"),
    "zero_hours": ("zero_hours_contract", "zero-hours contract answer"),
    "pay_interval": ("salary_interval", "pay interval"),
    "gender": ("gender", "gender"),
    "ethnicity": ("ethnicity", "ethnicity"),
    "nationality": ("nationality", "nationality"),
    "disability": ("disability", "disability"),
    "recruitment_source": ("recruitment_sources", "recruitment source"),
    "care_certificate": ("care_certificate", "Care Certificate answer"),
    "social_care_qualification": ("yes_no_dont_know", "social care qualification answer"),
    "social_care_level": ("qualification_levels", "social care qualification level"),
    "other_qualification": ("yes_no_dont_know", "other qualification answer"),
    "other_qualification_level": ("qualification_levels", "other qualification level"),
    "apprenticeship": ("yes_no_dont_know", "apprenticeship answer"),
    "health_care_visa": ("yes_no_dont_know", "Health and Care Worker visa answer"),
    "country_of_birth": ("country_of_birth", "country of birth"),
    "sick_pay": ("sick_pay_pension", "sick pay answer"),
    "pension": ("sick_pay_pension", "pension answer"),
    "sleep_ins": ("yes_no_dont_know", "sleep-ins answer"),
    "sleep_in_pay": ("sleep_in_pay", "sleep-in pay answer"),
    "travel_time_pay": ("travel_time_pay_options", "travel time pay answer"),
    "main_service": ("main_services", "main service"),
    "other_services": ("main_services", "service"),
    "service_users": ("service_users", "service user group"),
    "employer_type": ("employer_type", "employer type"),
    "leaver_reasons": ("worker_leave_reasons", "leaver reason"),
    "job_roles": ("job_roles", "job role"),
}

YES = "1"
NO = "2"
DONT_KNOW = "999"
BRITISH = "826"
PERMANENT, TEMPORARY, BANK, AGENCY, OTHER_CONTRACT = "1", "2", "3", "4", "7"
EMPLOYED_CONTRACTS = frozenset({PERMANENT, TEMPORARY})
ANNUALLY, HOURLY = "1", "3"
SENIOR_MANAGEMENT = "1"
REGISTERED_MANAGER = "4"
SOCIAL_WORKER = "6"
OCCUPATIONAL_THERAPIST = "15"
REGISTERED_NURSE = "16"
HEAD_OFFICE = "72"


@dataclass(frozen=True)
class RecordRule:
    """One rule of a record, with the record fields it reads (`workplace`: and the workplace's CQC registration).

    `check(record, snapshot_date, workplace)` gives its issues. Rules read values, never their spelling (37.5 and
    37.50 are one value), so many records can be checked once per distinct combination of the fields a rule reads
    (`collection.rules.staff.validate_staff_records`); a rule reading a field it does not declare fails there."""

    check: Callable[..., list[Issue]]
    fields: tuple[str, ...]
    workplace: bool = False


def run_rules(rules: tuple[RecordRule, ...], record, snapshot_date: date | None, workplace) -> list[Issue]:
    """The rules' issues for one record, in the rules' order."""
    issues: list[Issue] = []
    for rule in rules:
        issues += rule.check(record, snapshot_date, workplace)
    return issues


def code_issues(*, field: str, values: tuple[str, ...] | list[str]) -> list[Issue]:
    """Each value given for a coded field must be a code in its ASC-WDS list."""
    list_name, noun = CODE_FIELDS[field]
    valid = codes(list_name)
    return [
        error("invalid_code", field, f"'{value}' is not a valid {noun} code") for value in values if value not in valid
    ]


def code_issue(*, field: str, value: str | None) -> list[Issue]:
    """A single coded answer, when given, must be in its list."""
    return [] if value is None else code_issues(field=field, values=[value])


def row_for(list_name: str, code: str | None) -> dict[str, str] | None:
    return next((row for row in rows(list_name) if row["code"] == code), None)


def is_half_step(value: Decimal) -> bool:
    return (Decimal(value) * 2) % 1 == 0


def has_at_most_2dp(value: Decimal) -> bool:
    return Decimal(value) == Decimal(value).quantize(Decimal("0.01"))


def number(value: Decimal | int) -> str:
    """A number as people write it: 37.5, 40, 12.5 (no trailing zeros)."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: Decimal | int) -> str:
    """£ and pence only when there are pence: £12.21, £25,000."""
    amount = Decimal(value)
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def long_date(day: date) -> str:
    """A date the GOV.UK way: 31 March 2026."""
    return f"{day.day} {day:%B %Y}"
