"""The records the validation and completeness rules read.

These frozen dataclasses are the one shape shared by the web forms, the ASC-WDS bulk upload and the API: each
of them turns its input into these, and the rules never see a form, a model or a CSV row. Codes are the ASC-WDS
bulk-upload (BU) codes as strings; `None` means "not answered".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class StaffRecordData:
    local_ref: str  # the provider's own reference (UNIQUEWORKERID); never a name or NI number
    job_role: str | None = None  # job_roles
    job_role_other: str = ""  # description for the "other" roles (23, 27)
    contract_type: str | None = None  # contract_types: 1 Permanent, 2 Temporary, 3 Pool/Bank, 4 Agency, 7 Other
    zero_hours: str | None = None  # yes_no_dont_know: 1 Yes, 2 No, 999 Don't know
    contracted_hours: Decimal | None = None  # weekly, permanent/temporary and not zero-hours
    average_hours: Decimal | None = None  # weekly, bank/agency/other or zero-hours
    pay_interval: str | None = None  # salary_interval: 1 Annually, 3 Hourly, 999 Don't know
    pay_rate: Decimal | None = None  # £ a year (interval 1) or £ an hour (interval 3)
    gender: str | None = None  # gender
    ethnicity: str | None = None  # ethnicity
    nationality: str | None = None  # nationality (826 British, 998 Don't know, else ISO numeric)
    disability: str | None = None  # disability
    birth_year: int | None = None  # only the year is ever kept
    start_date: date | None = None  # start in this job at this workplace
    year_started_in_sector: int | None = None
    recruitment_source: str | None = None  # recruitment_sources
    sickness_days: Decimal | None = None  # working days lost in the last 12 months
    care_certificate: str | None = None  # care_certificate
    social_care_qualification: str | None = None  # yes_no_dont_know
    social_care_level: str | None = None  # qualification_levels (when social_care_qualification is Yes)
    other_qualification: str | None = None  # yes_no_dont_know
    other_qualification_level: str | None = None  # qualification_levels
    apprenticeship: str | None = None  # yes_no_dont_know
    health_care_visa: str | None = None  # yes_no_dont_know (non-British only)
    country_of_birth: str | None = None  # country_of_birth (826 United Kingdom, 998 Don't know, else ISO numeric)


@dataclass(frozen=True)
class JobRoleCount:
    job_role: str
    starters: int = 0
    leavers: int = 0
    vacancies: int = 0


@dataclass(frozen=True)
class WorkplaceSectionData:
    """The workplace part of one annual return."""

    total_staff: int | None = None
    # declarations: "with_jobs", "none", "dont_know", or None when not answered
    starters_declared: str | None = None
    leavers_declared: str | None = None
    vacancies_declared: str | None = None
    job_roles: tuple[JobRoleCount, ...] = ()
    leaver_reasons: dict[str, int] = field(default_factory=dict)  # worker_leave_reasons code -> count
    sick_pay: str | None = None  # sick_pay_pension
    pension: str | None = None  # sick_pay_pension
    pension_percentage: Decimal | None = None
    holiday_days: int | None = None
    sleep_ins: str | None = None  # yes_no_dont_know
    sleep_in_pay: str | None = None  # sleep_in_pay
    travel_time_pay: str | None = None  # travel_time_pay_options
    travel_time_rate: Decimal | None = None


@dataclass(frozen=True)
class WorkplaceData:
    """The standing details of a workplace (they live on the workplace, not on one return)."""

    name: str = ""
    address1: str = ""
    postcode: str = ""
    is_cqc_regulated: bool | None = None
    cqc_location_id: str = ""
    main_service: str | None = None
    other_services: tuple[str, ...] = ()
    capacity: int | None = None
    utilisation: int | None = None
    service_users: tuple[str, ...] = ()
    employer_type: str | None = None
