"""Completeness policies: which fields must be answered, and the share of complete staff records needed.

A policy is data, held per contract requirement (for example as JSON on the requirement) and read with
`CompletenessPolicy.from_dict`. `DEFAULT_POLICY` is the national rule ASC-WDS uses for its Local Authority return:
90 % of staff records complete on the key fields, and the workplace fields its funding (WDF) check needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

STAFF_FIELD_LABELS: dict[str, str] = {
    "job_role": "main job role",
    "job_role_other": "job role description",
    "contract_type": "contract type",
    "zero_hours": "zero-hours contract",
    "contracted_hours": "contracted hours",
    "average_hours": "average hours",
    "pay_interval": "pay interval",
    "pay_rate": "pay rate",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "nationality": "nationality",
    "disability": "disability",
    "birth_year": "year of birth",
    "start_date": "start date",
    "year_started_in_sector": "year started in adult social care",
    "recruitment_source": "recruitment source",
    "sickness_days": "sickness days",
    "care_certificate": "Care Certificate",
    "social_care_qualification": "social care qualification",
    "social_care_level": "social care qualification level",
    "other_qualification": "other qualification",
    "other_qualification_level": "other qualification level",
    "apprenticeship": "apprenticeship",
    "health_care_visa": "Health and Care Worker visa",
    "country_of_birth": "country of birth",
}

WORKPLACE_FIELD_LABELS: dict[str, str] = {
    # WorkplaceData
    "name": "Workplace name",
    "address1": "Address",
    "postcode": "Postcode",
    "is_cqc_regulated": "Whether CQC regulates the workplace",
    "cqc_location_id": "CQC location ID",
    "main_service": "Main service",
    "other_services": "Other services",
    "capacity": "Capacity of the main service",
    "utilisation": "Number using the main service",
    "service_users": "Who the service supports",
    "employer_type": "Type of employer",
    # WorkplaceSectionData
    "total_staff": "Total number of staff",
    "starters_declared": "Starters in the last 12 months",
    "leavers_declared": "Leavers in the last 12 months",
    "vacancies_declared": "Current vacancies",
    "job_roles": "Starters, leavers and vacancies by job role",
    "leaver_reasons": "Reasons for leaving",
    "sick_pay": "Sick pay",
    "pension": "Pension contributions",
    "pension_percentage": "Employer pension percentage",
    "holiday_days": "Holiday days",
    "sleep_ins": "Sleep-ins",
    "sleep_in_pay": "Sleep-in pay",
    "travel_time_pay": "Travel time pay",
    "travel_time_rate": "Travel time rate",
}

# ASC-WDS Local Authority return: the key fields of a staff record (agency staff need only the job, hours and pay)
LA_STAFF_KEY_FIELDS = (
    "job_role",
    "contract_type",
    "contracted_hours",
    "average_hours",
    "pay_interval",
    "pay_rate",
    "gender",
    "birth_year",
    "ethnicity",
    "social_care_qualification",
    "social_care_level",
    "other_qualification",
    "sickness_days",
)
LA_AGENCY_KEY_FIELDS = ("job_role", "contract_type", "contracted_hours", "average_hours", "pay_interval", "pay_rate")
# ASC-WDS funding (WDF) check: the workplace fields
WDF_WORKPLACE_FIELDS = (
    "employer_type",
    "main_service",
    "capacity",
    "utilisation",
    "service_users",
    "total_staff",
    "starters_declared",
    "leavers_declared",
    "vacancies_declared",
)

_STAFF_FIELDS = frozenset(STAFF_FIELD_LABELS)
_WORKPLACE_FIELDS = frozenset(WORKPLACE_FIELD_LABELS)


@dataclass(frozen=True)
class CompletenessPolicy:
    """What a complete return needs, as data. Field names are StaffRecordData / WorkplaceData /
    WorkplaceSectionData field names; `agency_key_fields` is the smaller set asked of agency staff."""

    threshold_percent: int
    staff_key_fields: tuple[str, ...]
    workplace_fields: tuple[str, ...]
    agency_key_fields: tuple[str, ...] = LA_AGENCY_KEY_FIELDS

    def __post_init__(self) -> None:
        if not 0 <= self.threshold_percent <= 100:
            raise ValueError(f"threshold_percent must be 0 to 100, not {self.threshold_percent}")
        unknown_staff = set(self.staff_key_fields + self.agency_key_fields) - _STAFF_FIELDS
        unknown_workplace = set(self.workplace_fields) - _WORKPLACE_FIELDS
        if unknown_staff or unknown_workplace:
            raise ValueError(f"Unknown completeness fields: {sorted(unknown_staff | unknown_workplace)}")

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CompletenessPolicy:
        """A policy from stored data; anything left out takes the national default."""
        threshold = data.get("threshold_percent", DEFAULT_POLICY.threshold_percent)
        if not isinstance(threshold, int | str):
            raise TypeError(f"threshold_percent must be a whole number, not {threshold!r}")
        return cls(
            threshold_percent=int(threshold),
            staff_key_fields=_names(data, "staff_key_fields", DEFAULT_POLICY.staff_key_fields),
            workplace_fields=_names(data, "workplace_fields", DEFAULT_POLICY.workplace_fields),
            agency_key_fields=_names(data, "agency_key_fields", DEFAULT_POLICY.agency_key_fields),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "threshold_percent": self.threshold_percent,
            "staff_key_fields": list(self.staff_key_fields),
            "workplace_fields": list(self.workplace_fields),
            "agency_key_fields": list(self.agency_key_fields),
        }


DEFAULT_POLICY = CompletenessPolicy(
    threshold_percent=90,
    staff_key_fields=LA_STAFF_KEY_FIELDS,
    workplace_fields=WDF_WORKPLACE_FIELDS,
    agency_key_fields=LA_AGENCY_KEY_FIELDS,
)


def _names(data: Mapping[str, object], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(key, default)
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError(f"{key} must be a list of field names, not {value!r}")
    return tuple(str(name) for name in value)
