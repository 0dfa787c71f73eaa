"""Staff record rules about the person: reference, dates, sickness, nationality and qualifications."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from collection.rules.checks import (
    BRITISH,
    OCCUPATIONAL_THERAPIST,
    REGISTERED_NURSE,
    SOCIAL_WORKER,
    YES,
    RecordRule,
    code_issue,
    is_half_step,
    long_date,
    number,
    row_for,
    run_rules,
)
from collection.rules.issues import Issue, error, warning
from collection.rules.records import StaffRecordData

LOCAL_REF_MAX = 50
SICKNESS_MAX = Decimal(366)
YOUNGEST_WORKER = 14
OLDEST_WORKER = 100
QUALIFIED_PROFESSIONS = frozenset({SOCIAL_WORKER, REGISTERED_NURSE, OCCUPATIONAL_THERAPIST})

# The shape of a National Insurance number: two letters, six digits and an optional suffix A-D. Spaces are ignored,
# as people write "QQ 12 34 56 C". Deliberately looser than HMRC's own prefix rules, so that the made-up examples
# people copy from forms (QQ 12 34 56 C) are caught too.
_NI_NUMBER = re.compile(r"^[A-Z]{2}\d{6}[A-D]?$")

# staff record fields answered from a code list, checked here (the job fields are checked in staff_job)
PERSON_CODE_FIELDS = (
    "gender",
    "ethnicity",
    "nationality",
    "disability",
    "recruitment_source",
    "care_certificate",
    "social_care_qualification",
    "social_care_level",
    "other_qualification",
    "other_qualification_level",
    "apprenticeship",
    "health_care_visa",
    "country_of_birth",
    "pay_interval",
)


def person_issues(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """All coded answers, date, sickness, nationality and qualification rules for one staff record."""
    return run_rules(PERSON_RULES, record, snapshot_date, None)


def looks_like_ni_number(text: str) -> bool:
    return bool(_NI_NUMBER.match(re.sub(r"\s+", "", text).upper()))


def local_ref_valid(*, record: StaffRecordData) -> list[Issue]:
    """Every record has the provider's own staff reference: up to 50 characters, never a National Insurance number."""
    ref = record.local_ref.strip()
    if not ref:
        return [error("local_ref_required", "local_ref", "Enter your staff reference for this worker")]
    if len(ref) > LOCAL_REF_MAX:
        return [
            error("local_ref_too_long", "local_ref", f"Staff reference must be {LOCAL_REF_MAX} characters or fewer")
        ]
    if looks_like_ni_number(ref):
        return [
            error(
                "local_ref_looks_like_ni_number",
                "local_ref",
                "Use your own staff reference, not a National Insurance number",
            )
        ]
    return []


def sickness_days_in_range(*, record: StaffRecordData) -> list[Issue]:
    """Days lost to sickness in the last 12 months are from 0 to 366, in whole or half days."""
    days = record.sickness_days
    if days is None:
        return []
    if not 0 <= days <= SICKNESS_MAX:
        return [
            error(
                "sickness_days_out_of_range",
                "sickness_days",
                f"Sickness days must be between 0 and {number(SICKNESS_MAX)} (you entered {number(days)})",
            )
        ]
    if not is_half_step(days):
        return [
            error(
                "sickness_days_not_half_day",
                "sickness_days",
                f"Sickness days must be a whole or half number, like 3 or 3.5 (you entered {number(days)})",
            )
        ]
    return []


def birth_year_plausible(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """The birth year cannot be after the snapshot date, and should give an age from 14 to 100 on that date."""
    year = record.birth_year
    if year is None:
        return []
    if year > snapshot_date.year:
        return [
            error(
                "birth_year_in_future",
                "birth_year",
                f"Year of birth must not be after {snapshot_date.year} (you entered {year})",
            )
        ]
    oldest, youngest = snapshot_date.year - year, snapshot_date.year - year - 1
    if oldest < YOUNGEST_WORKER or youngest > OLDEST_WORKER:
        return [
            warning(
                "birth_year_age_out_of_range",
                "birth_year",
                f"A year of birth of {year} makes the worker under {YOUNGEST_WORKER} or over {OLDEST_WORKER} on "
                f"{long_date(snapshot_date)} – check the year",
            )
        ]
    return []


def start_date_plausible(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """The start date in this job is not after the snapshot date, nor before the worker was 14."""
    start = record.start_date
    if start is None:
        return []
    if start > snapshot_date:
        return [
            warning(
                "start_date_in_future",
                "start_date",
                f"Start date must not be after {long_date(snapshot_date)} (you entered {long_date(start)})",
            )
        ]
    birth_year = _plausible_birth_year(record=record, snapshot_date=snapshot_date)
    if birth_year is not None and start.year - birth_year < YOUNGEST_WORKER:
        return [
            warning(
                "start_date_before_age_14",
                "start_date",
                f"Start date of {long_date(start)} is before the worker was {YOUNGEST_WORKER} – check the date "
                "and year of birth",
            )
        ]
    return []


def sector_start_plausible(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """The year started in adult social care is not in the future, not after the start date, nor before age 14."""
    year = record.year_started_in_sector
    if year is None:
        return []
    if year > snapshot_date.year:
        return [
            warning(
                "sector_start_in_future",
                "year_started_in_sector",
                f"Year started in adult social care must not be after {snapshot_date.year} (you entered {year})",
            )
        ]
    if record.start_date is not None and year > record.start_date.year:
        return [
            warning(
                "sector_start_after_job_start",
                "year_started_in_sector",
                f"Year started in adult social care ({year}) must not be after the start date in this job "
                f"({long_date(record.start_date)})",
            )
        ]
    birth_year = _plausible_birth_year(record=record, snapshot_date=snapshot_date)
    if birth_year is not None and year - birth_year < YOUNGEST_WORKER:
        return [
            warning(
                "sector_start_before_age_14",
                "year_started_in_sector",
                f"Year started in adult social care ({year}) is before the worker was {YOUNGEST_WORKER} – check the "
                "year and year of birth",
            )
        ]
    return []


def _plausible_birth_year(*, record: StaffRecordData, snapshot_date: date) -> int | None:
    """The birth year, unless it is after the snapshot date (an error of its own, so no use for other checks)."""
    if record.birth_year is None or record.birth_year > snapshot_date.year:
        return None
    return record.birth_year


def visa_only_for_non_british(*, record: StaffRecordData) -> list[Issue]:
    """The Health and Care Worker visa question is only for workers who are not British; otherwise it is ignored."""
    if record.health_care_visa is None or record.nationality != BRITISH:
        return []
    return [
        warning(
            "health_care_visa_british_national",
            "health_care_visa",
            "The Health and Care Worker visa answer will be ignored because the worker is British",
        )
    ]


def qualification_levels_match_answers(*, record: StaffRecordData) -> list[Issue]:
    """A "Yes" to a social care qualification needs its level; a level without a "Yes" is ignored."""
    issues: list[Issue] = []
    if record.social_care_qualification == YES and record.social_care_level is None:
        issues.append(
            error(
                "social_care_level_required",
                "social_care_level",
                "Select the level of the highest social care qualification held",
            )
        )
    if record.social_care_level is not None and record.social_care_qualification != YES:
        issues.append(
            warning(
                "social_care_level_not_needed",
                "social_care_level",
                "The social care qualification level will be ignored because the answer to 'Does the worker hold "
                "a social care qualification?' is not Yes",
            )
        )
    if record.other_qualification_level is not None and record.other_qualification != YES:
        issues.append(
            warning(
                "other_qualification_level_not_needed",
                "other_qualification_level",
                "The other qualification level will be ignored because the answer to 'Does the worker hold a "
                "non-social care qualification?' is not Yes",
            )
        )
    return issues


def professions_hold_qualifications(*, record: StaffRecordData) -> list[Issue]:
    """Social workers, registered nurses and occupational therapists are qualified, so "No" or "Don't know" needs
    checking."""
    if record.job_role not in QUALIFIED_PROFESSIONS or record.social_care_qualification is None:
        return []
    if record.social_care_qualification == YES and record.social_care_level not in (None, "999"):
        return []
    if record.social_care_qualification == YES and record.social_care_level is None:
        return []  # already an error: the level is required
    role = (row_for("job_roles", record.job_role) or {"label": "This role"})["label"].lower()
    return [
        warning(
            "professional_role_without_qualification",
            "social_care_qualification",
            f"A {role} usually holds a social care qualification – check the qualification and its level",
        )
    ]


def _code_rule(field: str) -> RecordRule:
    return RecordRule(lambda r, s, w: code_issue(field=field, value=getattr(r, field)), (field,))


PERSON_RULES: tuple[RecordRule, ...] = (
    *(_code_rule(field) for field in PERSON_CODE_FIELDS),
    RecordRule(lambda r, s, w: sickness_days_in_range(record=r), ("sickness_days",)),
    RecordRule(lambda r, s, w: birth_year_plausible(record=r, snapshot_date=s), ("birth_year",)),
    RecordRule(lambda r, s, w: start_date_plausible(record=r, snapshot_date=s), ("start_date", "birth_year")),
    RecordRule(
        lambda r, s, w: sector_start_plausible(record=r, snapshot_date=s),
        ("year_started_in_sector", "start_date", "birth_year"),
    ),
    RecordRule(lambda r, s, w: visa_only_for_non_british(record=r), ("health_care_visa", "nationality")),
    RecordRule(
        lambda r, s, w: qualification_levels_match_answers(record=r),
        ("social_care_qualification", "social_care_level", "other_qualification", "other_qualification_level"),
    ),
    RecordRule(
        lambda r, s, w: professions_hold_qualifications(record=r),
        ("job_role", "social_care_qualification", "social_care_level"),
    ),
)
LOCAL_REF_RULE = RecordRule(lambda r, s, w: local_ref_valid(record=r), ("local_ref",))
