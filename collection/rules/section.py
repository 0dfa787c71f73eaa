"""Validation of the workplace section of one annual return: staff totals, starters, leavers, vacancies and pay."""

from __future__ import annotations

from decimal import Decimal

from collection.rules.checks import YES, code_issue, code_issues, money, number, plural
from collection.rules.issues import Issue, error, warning
from collection.rules.records import WorkplaceSectionData

COUNT_MAX = 999
DECLARATIONS = ("with_jobs", "none", "dont_know")
MEASURES = (("starters", "starters"), ("leavers", "leavers"), ("vacancies", "vacancies"))
SINGULAR = {"starters": "starter", "leavers": "leaver", "vacancies": "vacancy"}
PENSION_YES = "1"  # sick_pay_pension uses 1 / 0 / unknown
TRAVEL_TIME_DIFFERENT_RATE = "3"
TRAVEL_RATE_MIN = Decimal("2.50")
TRAVEL_RATE_MAX = Decimal(200)
HOLIDAY_MAX = 366


def validate_workplace_section(section: WorkplaceSectionData, *, staff_record_count: int | None = None) -> list[Issue]:
    """Every issue with the workplace section of a return, errors and warnings together, in the order of the form.

    `staff_record_count`, when given, is compared with the total number of staff.
    """
    return (
        total_staff_in_range(section=section)
        + declarations_valid(section=section)
        + job_role_counts_valid(section=section)
        + counts_only_when_declared(section=section)
        + measures_against_total_staff(section=section)
        + leaver_reasons_valid(section=section)
        + pay_policies_valid(section=section)
        + staff_records_match_total(section=section, staff_record_count=staff_record_count)
    )


def measure_total(section: WorkplaceSectionData, measure: str) -> int:
    """The sum over job roles of one measure ("starters", "leavers" or "vacancies")."""
    return sum(getattr(count, measure) for count in section.job_roles)


def total_staff_in_range(*, section: WorkplaceSectionData) -> list[Issue]:
    """The total number of staff, across every contract type, is a whole number from 0 to 999."""
    total = section.total_staff
    if total is None or 0 <= total <= COUNT_MAX:
        return []
    return [
        error(
            "total_staff_out_of_range",
            "total_staff",
            f"Total number of staff must be between 0 and {COUNT_MAX} (you entered {total})",
        )
    ]


def declarations_valid(*, section: WorkplaceSectionData) -> list[Issue]:
    """Starters, leavers and vacancies are each answered "with jobs", "none" or "don't know"."""
    issues: list[Issue] = []
    for measure, noun in MEASURES:
        value = getattr(section, f"{measure}_declared")
        if value is not None and value not in DECLARATIONS:
            issues.append(error("invalid_code", f"{measure}_declared", f"'{value}' is not a valid answer for {noun}"))
    return issues


def job_role_counts_valid(*, section: WorkplaceSectionData) -> list[Issue]:
    """Each job role appears once, is in the ASC-WDS list, and has counts from 0 to 999."""
    roles = [count.job_role for count in section.job_roles]
    issues = code_issues(field="job_roles", values=list(dict.fromkeys(roles)))
    for role in sorted({role for role in roles if roles.count(role) > 1}):
        issues.append(error("job_role_repeated", "job_roles", f"Job role '{role}' must only be entered once"))
    for count in section.job_roles:
        for measure, noun in MEASURES:
            value = getattr(count, measure)
            if not 0 <= value <= COUNT_MAX:
                issues.append(
                    error(
                        "job_role_count_out_of_range",
                        "job_roles",
                        f"Number of {noun} for job role '{count.job_role}' must be between 0 and {COUNT_MAX} "
                        f"(you entered {value})",
                    )
                )
    return issues


def counts_only_when_declared(*, section: WorkplaceSectionData) -> list[Issue]:
    """Counts by job role only count when the measure was answered "with jobs"; otherwise they are ignored."""
    issues: list[Issue] = []
    for measure, noun in MEASURES:
        if getattr(section, f"{measure}_declared") != "with_jobs" and measure_total(section, measure) > 0:
            issues.append(
                warning(
                    "job_counts_not_declared",
                    f"{measure}_declared",
                    f"The numbers of {noun} by job role will be ignored because you did not say there were {noun}",
                )
            )
    return issues


def measures_against_total_staff(*, section: WorkplaceSectionData) -> list[Issue]:
    """More starters than staff, or as many leavers or vacancies as staff, needs checking."""
    total = section.total_staff
    if total is None or not 0 <= total <= COUNT_MAX:
        return []
    issues: list[Issue] = []
    for measure, code, too_many in (
        ("starters", "starters_exceed_total_staff", lambda n: n > total),
        ("leavers", "leavers_not_below_total_staff", lambda n: n >= total),
        ("vacancies", "vacancies_not_below_total_staff", lambda n: n >= total),
    ):
        count = measure_total(section, measure)
        if getattr(section, f"{measure}_declared") == "with_jobs" and count > 0 and too_many(count):
            issues.append(
                warning(
                    code,
                    f"{measure}_declared",
                    f"You entered {plural(count, SINGULAR[measure], measure)} and "
                    f"{plural(total, 'member of staff', 'staff')} – check both numbers",
                )
            )
    return issues


def leaver_reasons_valid(*, section: WorkplaceSectionData) -> list[Issue]:
    """Leaver reasons use the list of reasons, each count is 0 to 999, and together they add up to the leavers."""
    reasons = section.leaver_reasons
    if not reasons:
        return []
    issues = code_issues(field="leaver_reasons", values=list(reasons))
    for reason, count in reasons.items():
        if not 0 <= count <= COUNT_MAX:
            issues.append(
                error(
                    "leaver_reason_count_out_of_range",
                    "leaver_reasons",
                    f"Number of leavers for reason '{reason}' must be between 0 and {COUNT_MAX} (you entered {count})",
                )
            )
    given = sum(reasons.values())
    if section.leavers_declared != "with_jobs":
        if given > 0:
            issues.append(
                warning(
                    "leaver_reasons_without_leavers",
                    "leaver_reasons",
                    "The reasons for leaving will be ignored because you did not say there were leavers",
                )
            )
        return issues
    leavers = measure_total(section, "leavers")
    if given != leavers:
        issues.append(
            error(
                "leaver_reasons_total_mismatch",
                "leaver_reasons",
                f"The reasons for leaving must add up to the number of leavers ({leavers}) – they add up to {given}",
            )
        )
    return issues


def pay_policies_valid(*, section: WorkplaceSectionData) -> list[Issue]:
    """Pay policy answers are valid codes, and follow-up answers are only given after the answer that asks for them.

    Employer pension contribution: above 3 % and up to 100 %, only with a "Yes" to paying above the minimum.
    Sleep-in pay: only when sleep-ins are offered. Travel time rate: £2.50 to £200, only for "a different rate".
    Holiday: 0 to 366 days.
    """
    issues = (
        code_issue(field="sick_pay", value=section.sick_pay)
        + code_issue(field="pension", value=section.pension)
        + code_issue(field="sleep_ins", value=section.sleep_ins)
        + code_issue(field="sleep_in_pay", value=section.sleep_in_pay)
        + code_issue(field="travel_time_pay", value=section.travel_time_pay)
    )
    percent = section.pension_percentage
    if percent is not None and section.pension != PENSION_YES:
        issues.append(
            warning(
                "pension_percentage_not_needed",
                "pension_percentage",
                "The pension percentage will be ignored because you did not say you pay more than the minimum",
            )
        )
    elif percent is not None and not 3 < percent <= 100:
        issues.append(
            error(
                "pension_percentage_out_of_range",
                "pension_percentage",
                f"Employer pension contribution must be more than 3% and no more than 100% "
                f"(you entered {number(percent)}%)",
            )
        )
    if section.sleep_in_pay is not None and section.sleep_ins != YES:
        issues.append(
            warning(
                "sleep_in_pay_not_needed",
                "sleep_in_pay",
                "How you pay for sleep-ins will be ignored because you did not say you offer sleep-ins",
            )
        )
    rate = section.travel_time_rate
    if rate is not None and section.travel_time_pay != TRAVEL_TIME_DIFFERENT_RATE:
        issues.append(
            warning(
                "travel_time_rate_not_needed",
                "travel_time_rate",
                "The travel time rate will be ignored because you did not say you pay a different rate",
            )
        )
    elif rate is not None and not TRAVEL_RATE_MIN <= rate <= TRAVEL_RATE_MAX:
        issues.append(
            error(
                "travel_time_rate_out_of_range",
                "travel_time_rate",
                f"Travel time rate must be between {money(TRAVEL_RATE_MIN)} and {money(TRAVEL_RATE_MAX)} an hour "
                f"(you entered {money(rate)})",
            )
        )
    if section.holiday_days is not None and not 0 <= section.holiday_days <= HOLIDAY_MAX:
        issues.append(
            error(
                "holiday_days_out_of_range",
                "holiday_days",
                f"Holiday days must be between 0 and {HOLIDAY_MAX} (you entered {section.holiday_days})",
            )
        )
    return issues


def staff_records_match_total(*, section: WorkplaceSectionData, staff_record_count: int | None) -> list[Issue]:
    """There is one staff record for each member of staff in the total."""
    total = section.total_staff
    if staff_record_count is None or total is None or staff_record_count == total:
        return []
    return [
        warning(
            "staff_records_not_total_staff",
            "total_staff",
            f"You told us you have {plural(total, 'member of staff', 'staff')} but have added "
            f"{plural(staff_record_count, 'staff record')} – add or remove records, or change the total",
        )
    ]
