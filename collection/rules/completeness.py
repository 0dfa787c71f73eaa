"""Completeness of an annual return, computed live for the task list, reminders and submission.

The rule (ASC-WDS's national one, with the threshold and fields taken from the contract requirement's policy):
the workplace fields are answered; there is one staff record per declared member of staff; and at least the
threshold share of staff records (90 % by default) are complete on the key fields.

"Complete on the key fields" means answered: a "Don't know" code counts as an answer, as in ASC-WDS. Fields that do
not apply to a worker are not asked for (see `staff_field_applies`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

from collection.rules.checks import (
    AGENCY,
    BANK,
    HEAD_OFFICE,
    OCCUPATIONAL_THERAPIST,
    SOCIAL_WORKER,
    YES,
    plural,
    row_for,
)
from collection.rules.policy import (
    DEFAULT_POLICY,
    STAFF_FIELD_LABELS,
    WORKPLACE_FIELD_LABELS,
    CompletenessPolicy,
)
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData
from collection.rules.section import measure_total
from collection.rules.staff_job import needs_average_hours, needs_contracted_hours

__all__ = [
    "DEFAULT_POLICY",
    "Completeness",
    "CompletenessPolicy",
    "records_share",
    "return_completeness",
    "staff_field_applies",
    "staff_record_missing",
    "workplace_missing",
]

MUST_HOLD_SOCIAL_CARE_QUALIFICATION = frozenset({SOCIAL_WORKER, OCCUPATIONAL_THERAPIST})
TRAVEL_TIME_DIFFERENT_RATE = "3"
PENSION_YES = "1"


@dataclass(frozen=True)
class Completeness:
    """Two numbers, never to be confused:

    `progress_percent` is task progress (how much of what the return needs is done; 100 exactly when
    `is_complete`). `records_complete_percent` is the share of staff records complete on the key fields (rounded
    down; None when there are no staff records): the number a contract's completeness threshold is about.
    """

    progress_percent: int
    is_complete: bool
    missing: tuple[str, ...]  # plain English, most important first
    complete_records: int
    total_records: int

    @property
    def records_complete_percent(self) -> int | None:
        return records_share(self.complete_records, self.total_records)


def records_share(complete: int, total: int) -> int | None:
    """The share of staff records complete on the key fields, rounded down (so it reaches a whole-number
    threshold exactly when the unrounded share does). None when there are no records."""
    return None if total == 0 else (100 * complete) // total


def _answered(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple | list | dict):
        return bool(value)
    return True


_FILLED = (tuple, list, dict)  # answered when not empty


@cache
def _values_of(names: tuple[str, ...]) -> Callable[[StaffRecordData], tuple]:
    """A function giving a record's values of these fields, as a tuple."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return attrgetter(*names) if names else lambda record: ()


def staff_field_applies(field: str, record: StaffRecordData) -> bool:
    """Whether a key field is asked of this worker.

    Contracted hours: permanent or temporary staff not on a zero-hours contract. Average hours: everyone else.
    Sickness days: everyone except pool or bank and agency staff. A qualification level: only after a "Yes" to
    holding the qualification. A job role description: only for the two "other" job roles.
    """
    match field:
        case "contracted_hours":
            return needs_contracted_hours(record)
        case "average_hours":
            return needs_average_hours(record)
        case "sickness_days":
            return record.contract_type not in (BANK, AGENCY)
        case "social_care_level":
            return record.social_care_qualification == YES
        case "other_qualification_level":
            return record.other_qualification == YES
        case "job_role_other":
            row = row_for("job_roles", record.job_role)
            return row is not None and row["requires_other_description"] == "Y"
    return True


def staff_record_missing(record: StaffRecordData, *, policy: CompletenessPolicy) -> list[str]:
    """The key fields (names, in policy order) this staff record still needs; empty when it is complete.

    Agency staff are asked only the policy's agency fields. Social workers and occupational therapists must answer
    "Yes" to holding a social care qualification, so any other answer leaves that field missing.
    """
    wanted = policy.agency_key_fields if record.contract_type == AGENCY else policy.staff_key_fields
    missing = [  # (answered first: most fields are, and both tests are pure; `_answered` written out, as it is
        # asked of every key field of every record: 1.3 million times for an upload of 100,000)
        field
        for field, value in zip(wanted, _values_of(tuple(wanted))(record), strict=True)
        if (value is None or (not value.strip() if isinstance(value, str) else isinstance(value, _FILLED) and not value))
        and staff_field_applies(field, record)
    ]
    if (
        "social_care_qualification" in wanted
        and "social_care_qualification" not in missing
        and record.job_role in MUST_HOLD_SOCIAL_CARE_QUALIFICATION
        and record.social_care_qualification != YES
    ):
        missing.append("social_care_qualification")
    return missing


def workplace_field_applies(field: str, *, workplace: WorkplaceData, section: WorkplaceSectionData) -> bool:
    """Whether a workplace field is asked of this workplace (capacity questions depend on the main service)."""
    service = row_for("main_services", workplace.main_service)
    match field:
        case "capacity" | "utilisation":
            return service is not None and bool(service[f"{field}_question"])
        case "service_users":
            return workplace.main_service != HEAD_OFFICE
        case "cqc_location_id":
            return bool(workplace.is_cqc_regulated) and workplace.main_service != HEAD_OFFICE
        case "pension_percentage":
            return section.pension == PENSION_YES
        case "sleep_in_pay":
            return section.sleep_ins == YES
        case "travel_time_rate":
            return section.travel_time_pay == TRAVEL_TIME_DIFFERENT_RATE
        case "leaver_reasons":
            return section.leavers_declared == "with_jobs" and measure_total(section, "leavers") > 0
    return True


def _workplace_answered(field: str, *, workplace: WorkplaceData, section: WorkplaceSectionData) -> bool:
    value = getattr(section, field) if hasattr(section, field) else getattr(workplace, field)
    if field.endswith("_declared") and value == "with_jobs":
        # "with jobs" is only an answer once the numbers by job role are there
        return measure_total(section, field.removesuffix("_declared")) > 0
    return _answered(value)


def workplace_missing(
    *, workplace: WorkplaceData, section: WorkplaceSectionData, policy: CompletenessPolicy
) -> list[str]:
    """The workplace fields (names, in policy order) still to answer."""
    return [
        field
        for field in policy.workplace_fields
        if workplace_field_applies(field, workplace=workplace, section=section)
        and not _workplace_answered(field, workplace=workplace, section=section)
    ]


def return_completeness(
    *,
    workplace: WorkplaceData,
    section: WorkplaceSectionData,
    staff: Sequence[StaffRecordData],
    policy: CompletenessPolicy,
) -> Completeness:
    """How complete a return is, and what is missing, in words a registered manager understands.

    Complete = every workplace field answered, as many staff records as the declared total staff, and at least
    the threshold share of those records complete on the key fields.

    `progress_percent` counts the things the return needs: one for each workplace field that applies, and one for each
    declared member of staff (done when there is a complete record for them). It is the share done, rounded down,
    and is 100 only when the return is complete (a return short of complete shows 99 at most, and a complete return
    with a few incomplete records still shows 100, because it meets the rule).
    """
    fields_missing = workplace_missing(workplace=workplace, section=section, policy=policy)
    fields_needed = sum(
        workplace_field_applies(field, workplace=workplace, section=section) for field in policy.workplace_fields
    )
    declared = section.total_staff
    if declared is None and "total_staff" not in fields_missing:
        fields_missing.insert(0, "total_staff")  # the record count cannot be checked without it
    incomplete = [(record, staff_record_missing(record, policy=policy)) for record in staff]
    incomplete = [(record, missing) for record, missing in incomplete if missing]
    total_records = len(staff)
    complete_records = total_records - len(incomplete)

    count_ok = declared is not None and total_records == declared
    share_ok = complete_records * 100 >= policy.threshold_percent * total_records
    is_complete = not fields_missing and count_ok and share_ok

    missing = [WORKPLACE_FIELD_LABELS[field] for field in fields_missing]
    missing += _count_gap(declared=declared, total_records=total_records)
    missing += _share_gap(complete=complete_records, total=total_records, threshold=policy.threshold_percent)
    missing += [
        f"Staff record {record.local_ref.strip() or '(no reference)'}: "
        + ", ".join(STAFF_FIELD_LABELS[field] for field in fields)
        for record, fields in incomplete
    ]

    staff_needed = declared if declared is not None else total_records
    needed = fields_needed + staff_needed
    done = (fields_needed - len(set(fields_missing) & set(policy.workplace_fields))) + min(
        complete_records, staff_needed
    )
    progress = 100 if is_complete else min(99, (100 * done) // needed if needed else 0)
    return Completeness(
        progress_percent=progress,
        is_complete=is_complete,
        missing=tuple(missing),
        complete_records=complete_records,
        total_records=total_records,
    )


def _count_gap(*, declared: int | None, total_records: int) -> list[str]:
    if declared is None or declared == total_records:
        return []
    told = f"(you told us {plural(declared, 'member of staff', 'staff')} and have added {total_records})"
    if total_records < declared:
        return [f"{plural(declared - total_records, 'staff record')} {told}"]
    extra = total_records - declared
    return [f"Remove {plural(extra, 'staff record')} or change the total number of staff {told}"]


def _share_gap(*, complete: int, total: int, threshold: int) -> list[str]:
    if total == 0 or complete * 100 >= threshold * total:
        return []
    needed = -(-threshold * total // 100) - complete  # ceiling of threshold % of total, less those complete
    message = (
        f"Complete {plural(needed, 'more staff record')} – at least {threshold}% of staff records must be complete "
        f"({complete} of {total} are)"
    )
    return [message]
