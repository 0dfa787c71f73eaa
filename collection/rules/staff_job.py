"""Staff record rules about the job: main job role, contract type and weekly hours."""

from __future__ import annotations

from decimal import Decimal

from collection.rules.checks import (
    DONT_KNOW,
    EMPLOYED_CONTRACTS,
    NO,
    REGISTERED_MANAGER,
    YES,
    RecordRule,
    code_issue,
    is_half_step,
    number,
    row_for,
    run_rules,
)
from collection.rules.issues import Issue, error, warning
from collection.rules.records import StaffRecordData, WorkplaceData
from providers.reference import codes

JOB_ROLE_OTHER_MAX = 120
HOURS_MAX = Decimal(75)
HOURS_WARN_ABOVE = Decimal(48)


def job_issues(*, record: StaffRecordData, workplace: WorkplaceData | None) -> list[Issue]:
    """All job, contract and hours rules for one staff record."""
    return run_rules(JOB_RULES, record, None, workplace)


def job_role_given(*, record: StaffRecordData) -> list[Issue]:
    """Every staff record has a main job role from the ASC-WDS list."""
    if not record.job_role:
        return [error("job_role_required", "job_role", "Select the main job role")]
    return code_issue(field="job_role", value=record.job_role)


def job_role_current(*, record: StaffRecordData) -> list[Issue]:
    """A job role withdrawn from the national list cannot be used for a new return."""
    row = row_for("job_roles", record.job_role)
    if row is None or row.get("status", "active") in ("", "active"):
        return []
    return [
        error(
            "job_role_retired",
            "job_role",
            f"'{row['label']}' is no longer a job role in the national list – select a current job role",
        )
    ]


def job_role_other_described(*, record: StaffRecordData) -> list[Issue]:
    """The two "other" job roles need a description of up to 120 characters; other roles do not take one."""
    row = row_for("job_roles", record.job_role)
    if row is None:
        return []
    description = record.job_role_other.strip()
    if row["requires_other_description"] != "Y":
        if not description:
            return []
        return [
            warning(
                "job_role_other_not_needed",
                "job_role_other",
                f"The job role description will be ignored because '{row['label']}' does not need one",
            )
        ]
    if not description:
        return [error("job_role_other_required", "job_role_other", "Enter a description of the job role")]
    if len(description) > JOB_ROLE_OTHER_MAX:
        return [
            error(
                "job_role_other_too_long",
                "job_role_other",
                f"Job role description must be {JOB_ROLE_OTHER_MAX} characters or fewer",
            )
        ]
    return []


def registered_manager_needs_regulated_workplace(
    *, record: StaffRecordData, workplace: WorkplaceData | None
) -> list[Issue]:
    """Only a workplace regulated by CQC has a registered manager."""
    if record.job_role != REGISTERED_MANAGER or workplace is None or workplace.is_cqc_regulated is not False:
        return []
    return [
        error(
            "registered_manager_not_regulated",
            "job_role",
            "Registered manager can only be chosen for a workplace regulated by CQC – select another job role",
        )
    ]


def contract_type_given(*, record: StaffRecordData) -> list[Issue]:
    """Every staff record has a contract type: permanent, temporary, pool or bank, agency or other."""
    if not record.contract_type:
        return [error("contract_type_required", "contract_type", "Select the contract type")]
    return code_issue(field="contract_type", value=record.contract_type)


def zero_hours_without_contracted_hours(*, record: StaffRecordData) -> list[Issue]:
    """Contracted hours above 0 cannot go with a zero-hours contract (or a "don't know" answer to it).

    When the zero-hours question is not answered, contracted hours above 0 ask the user to answer it.
    """
    hours = record.contracted_hours
    if hours is None or hours <= 0:
        return []
    if record.zero_hours in (YES, DONT_KNOW):
        reason = "is on a zero-hours contract" if record.zero_hours == YES else "may be on a zero-hours contract"
        return [
            error(
                "zero_hours_with_contracted_hours",
                "contracted_hours",
                f"Contracted hours must be empty because this worker {reason} – enter their average weekly "
                f"hours instead (you entered {number(hours)})",
            )
        ]
    if record.zero_hours is None:
        return [
            warning(
                "zero_hours_missing_with_contracted_hours",
                "zero_hours",
                "Select whether the worker is on a zero-hours contract",
            )
        ]
    return []


def contracted_hours_zero_means_zero_hours(*, record: StaffRecordData) -> list[Issue]:
    """0 contracted hours on a contract that is not zero-hours is probably a mistake."""
    if record.contracted_hours is None or record.contracted_hours != 0 or record.zero_hours != NO:
        return []
    return [
        warning(
            "contracted_hours_zero_not_zero_hours",
            "contracted_hours",
            "Contracted hours are 0 but the worker is not on a zero-hours contract – check the hours",
        )
    ]


def needs_contracted_hours(record: StaffRecordData) -> bool:
    """Contracted hours apply to permanent and temporary staff not on (or not possibly on) a zero-hours contract."""
    return record.contract_type in EMPLOYED_CONTRACTS and record.zero_hours not in (YES, DONT_KNOW)


def needs_average_hours(record: StaffRecordData) -> bool:
    """Average hours apply to pool or bank, agency and other staff, and to zero-hours (or "don't know") contracts."""
    return record.contract_type is not None and not needs_contracted_hours(record)


def hours_in_the_right_place(*, record: StaffRecordData) -> list[Issue]:
    """Contracted hours are for permanent and temporary staff; average hours are for everyone else.

    Hours in the wrong place are ignored. Zero-hours contracts with contracted hours are an error of their own.
    """
    issues: list[Issue] = []
    if record.contract_type not in codes("contract_types"):
        return issues  # a missing or unknown contract type is reported on its own
    if record.contracted_hours is not None and record.contract_type not in EMPLOYED_CONTRACTS:
        issues.append(
            warning(
                "contracted_hours_not_applicable",
                "contracted_hours",
                "Contracted hours will be ignored because they are only for permanent and temporary staff – "
                "enter average weekly hours instead",
            )
        )
    if record.average_hours is not None and needs_contracted_hours(record):
        issues.append(
            warning(
                "average_hours_not_applicable",
                "average_hours",
                "Average hours will be ignored because this worker has contracted hours – "
                "enter contracted weekly hours instead",
            )
        )
    return issues


def hours_in_range(*, record: StaffRecordData, field: str) -> list[Issue]:
    """Weekly hours are from 0 to 75 in whole or half hours; more than 48 asks "are you sure"."""
    hours = getattr(record, field)
    if hours is None:
        return []
    kind = "Contracted" if field == "contracted_hours" else "Average"
    if not 0 <= hours <= HOURS_MAX:
        return [
            error(
                "hours_out_of_range",
                field,
                f"{kind} weekly hours must be between 0 and {number(HOURS_MAX)} (you entered {number(hours)})",
            )
        ]
    if not is_half_step(hours):
        return [
            error(
                "hours_not_half_hour",
                field,
                f"{kind} weekly hours must be a whole or half number, like 37 or 37.5 (you entered {number(hours)})",
            )
        ]
    if hours > HOURS_WARN_ABOVE:
        return [
            warning(
                f"{field}_over_48",
                field,
                f"{number(hours)} {kind.lower()} hours a week is more than 48 – check the hours are right",
            )
        ]
    return []


JOB_RULES: tuple[RecordRule, ...] = (
    RecordRule(lambda r, s, w: job_role_given(record=r), ("job_role",)),
    RecordRule(lambda r, s, w: job_role_current(record=r), ("job_role",)),
    RecordRule(lambda r, s, w: job_role_other_described(record=r), ("job_role", "job_role_other")),
    RecordRule(
        lambda r, s, w: registered_manager_needs_regulated_workplace(record=r, workplace=w), ("job_role",), True
    ),
    RecordRule(lambda r, s, w: contract_type_given(record=r), ("contract_type",)),
    RecordRule(lambda r, s, w: code_issue(field="zero_hours", value=r.zero_hours), ("zero_hours",)),
    RecordRule(lambda r, s, w: zero_hours_without_contracted_hours(record=r), ("contracted_hours", "zero_hours")),
    RecordRule(lambda r, s, w: contracted_hours_zero_means_zero_hours(record=r), ("contracted_hours", "zero_hours")),
    RecordRule(
        lambda r, s, w: hours_in_the_right_place(record=r),
        ("contract_type", "zero_hours", "contracted_hours", "average_hours"),
    ),
    RecordRule(lambda r, s, w: hours_in_range(record=r, field="contracted_hours"), ("contracted_hours",)),
    RecordRule(lambda r, s, w: hours_in_range(record=r, field="average_hours"), ("average_hours",)),
)
