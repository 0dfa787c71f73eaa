"""Turn the models into the frozen records the pure rules read (and back into field values)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from collection.models import JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from collection.rules.records import JobRoleCount as JobRoleCountData
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData
from providers.models import Workplace

STAFF_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(StaffRecordData))
SECTION_FIELDS: tuple[str, ...] = (
    "total_staff",
    "starters_declared",
    "leavers_declared",
    "vacancies_declared",
    "sick_pay",
    "pension",
    "pension_percentage",
    "holiday_days",
    "sleep_ins",
    "sleep_in_pay",
    "travel_time_pay",
    "travel_time_rate",
)
WORKPLACE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(WorkplaceData))


def _blank_to_none(value):
    return None if value == "" else value


def staff_data(values: StaffRecord | dict) -> StaffRecordData:
    """A StaffRecordData from a model instance or a dict of field values (blank strings become None)."""
    get = values.get if isinstance(values, dict) else lambda name, default=None: getattr(values, name, default)
    data = {}
    for name in STAFF_FIELDS:
        value = get(name, None)
        if name in ("local_ref", "job_role_other"):
            data[name] = (value or "").strip()
        else:
            data[name] = _blank_to_none(value)
    return StaffRecordData(**data)


_STRIPPED = tuple(i for i, name in enumerate(STAFF_FIELDS) if name in ("local_ref", "job_role_other"))
_TEXTS = tuple(
    i for i, name in enumerate(STAFF_FIELDS)
    if i not in _STRIPPED and StaffRecord._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
)  # the other fields are never text in a row read from the database


def staff_data_from_row(values: Sequence) -> StaffRecordData:
    """`staff_data` for the values of STAFF_FIELDS in order (a `values_list` row read from the database): the same
    record, made faster (an upload reads up to 100,000)."""
    values = list(values)
    if len(values) != len(STAFF_FIELDS):
        raise ValueError(f"{len(values)} values for {len(STAFF_FIELDS)} staff fields")
    for i in _STRIPPED:
        values[i] = (values[i] or "").strip()
    for i in _TEXTS:
        values[i] = values[i] or None  # a blank text is not an answer
    return StaffRecordData(*values)


def staff_values(record: StaffRecord) -> dict:
    return {name: getattr(record, name) for name in STAFF_FIELDS}


def section_values(workforce_return: WorkforceReturn) -> dict:
    return {name: getattr(workforce_return, name) for name in SECTION_FIELDS}


def section_data(
    values: WorkforceReturn | dict,
    *,
    job_roles: Iterable[JobRoleCount | JobRoleCountData] = (),
    leaver_reasons: Iterable[LeaverReasonCount] | dict[str, int] = (),
) -> WorkplaceSectionData:
    get = values.get if isinstance(values, dict) else lambda name, default=None: getattr(values, name, default)
    reasons = (
        dict(leaver_reasons)
        if isinstance(leaver_reasons, dict)
        else {row.reason: row.count for row in leaver_reasons}
    )
    return WorkplaceSectionData(
        **{name: _blank_to_none(get(name, None)) for name in SECTION_FIELDS},
        job_roles=tuple(
            JobRoleCountData(job_role=row.job_role, starters=row.starters, leavers=row.leavers, vacancies=row.vacancies)
            for row in job_roles
        ),
        leaver_reasons={code: count for code, count in reasons.items() if count},
    )


def workplace_data(values: Workplace | dict) -> WorkplaceData:
    get = values.get if isinstance(values, dict) else lambda name, default=None: getattr(values, name, default)
    return WorkplaceData(
        name=get("name", "") or "",
        address1=get("address1", "") or "",
        postcode=get("postcode", "") or "",
        is_cqc_regulated=get("is_cqc_regulated", None),
        cqc_location_id=get("cqc_location_id", "") or "",
        main_service=_blank_to_none(get("main_service", None)),
        other_services=tuple(get("other_services", None) or ()),
        capacity=get("capacity", None),
        utilisation=get("utilisation", None),
        service_users=tuple(get("service_users", None) or ()),
        employer_type=_blank_to_none(get("employer_type", None)),
    )
