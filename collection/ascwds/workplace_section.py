"""The return-section columns of a workplace row: job-role counts, leaver reasons, pay and conditions.

Rules (ASCWDS.md 3.2, columns 25-44):
- STARTERS, LEAVERS and VACANCIES each hold one count (0-999) per ALLJOBROLES code, or a single 999 (don't know).
  Blank is "not answered"; all zeros is "none". ALLJOBROLES is required when any count is above 0, its codes must
  be known job roles and appear once.
- Starters above total staff, or leavers or vacancies at or above total staff, are warnings. A registered-manager
  vacancy at a workplace that is not CQC regulated is a warning and is ignored.
- REASONS (leaver reason codes, this service's 9-reason list) and REASONNOS (a whole-number count for each) must
  match one for one, and the counts must add up to the total of LEAVERS (errors).
- SICKPAY and PENSION are 0, 1 or unknown; ACTUALCONT (over 3 up to 100) only with PENSION 1; HOLIDAY is digits;
  sleep-ins only for main services in pay group 1 or 2; travel-time pay only for pay group 1 (domiciliary);
  TTDIFFRATE (2.50-200) only with TRAVELTIME 3. All of these are warnings and the value is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from collection.ascwds.cells import Row, warn, whole_number
from collection.ascwds.codelists import CODES, main_service_rows
from collection.ascwds.problems import WARNING
from collection.rules.records import JobRoleCount, WorkplaceSectionData

COUNT_COLUMNS = ("STARTERS", "LEAVERS", "VACANCIES")
REGISTERED_MANAGER = "4"
DONT_KNOW = "999"


@dataclass(frozen=True, slots=True)
class JobRoleCounts:
    declared: dict[str, str | None]  # column -> "with_jobs" | "none" | "dont_know" | None
    totals: dict[str, int]
    job_roles: tuple[JobRoleCount, ...]


def job_role_counts(row: Row, *, total: int | None, regulated: bool | None) -> JobRoleCounts:
    roles = row.items("ALLJOBROLES")
    roles_ok = True
    if roles and any(r not in CODES["job_roles"] for r in roles):
        row.add("ALLJOBROLES", "alljobroles_invalid", "ALLJOBROLES must list ASC-WDS job role codes separated by ;.")
        roles_ok = False
    elif len(set(roles)) != len(roles):
        row.add("ALLJOBROLES", "alljobroles_duplicate", "ALLJOBROLES lists a job role more than once. List each once.")
        roles_ok = False
    declared: dict[str, str | None] = {}
    totals: dict[str, int] = {}
    per_role: dict[str, list[int]] = {}
    for column in COUNT_COLUMNS:
        state, counts = _counts(row, column, roles=roles, roles_ok=roles_ok)
        if column == "VACANCIES" and regulated is False and REGISTERED_MANAGER in roles and counts:
            position = roles.index(REGISTERED_MANAGER)
            if counts[position]:
                warn(
                    row,
                    "VACANCIES",
                    "rm_vacancy_not_cqc",
                    "A registered manager vacancy is only for CQC-regulated workplaces. It has been ignored.",
                )
                counts[position] = 0
                state = "with_jobs" if any(counts) else "none"
        declared[column], totals[column] = state, sum(counts)
        per_role[column] = counts
    if total is not None:
        _sanity(row, totals=totals, total=total)
    job_roles: tuple[JobRoleCount, ...] = ()
    if roles_ok:
        job_roles = tuple(
            JobRoleCount(
                job_role=role,
                starters=_at(per_role["STARTERS"], i),
                leavers=_at(per_role["LEAVERS"], i),
                vacancies=_at(per_role["VACANCIES"], i),
            )
            for i, role in enumerate(roles)
        )
    return JobRoleCounts(declared=declared, totals=totals, job_roles=job_roles)


def _at(counts: list[int], i: int) -> int:
    return counts[i] if i < len(counts) else 0


def _counts(row: Row, column: str, *, roles: list[str], roles_ok: bool) -> tuple[str | None, list[int]]:
    items = row.items(column)
    if not items:
        return None, []
    if items == [DONT_KNOW] and roles != [DONT_KNOW]:
        return "dont_know", []
    if not roles and all(whole_number(i) == 0 for i in items):
        return "none", []
    if not roles:
        row.add(
            "ALLJOBROLES",
            "alljobroles_missing",
            "ALLJOBROLES is required when there are starters, leavers or vacancies. List the job role codes.",
        )
        return None, []
    if len(items) != len(roles):
        row.add(
            column,
            f"{column.lower()}_count",
            f"{column} must have one count (separated by ;) for each job role in ALLJOBROLES, or be 999 for don't know.",
        )
        return None, []
    counts = [whole_number(i) for i in items]
    if any(c is None or not 0 <= c <= 999 for c in counts):
        row.add(column, f"{column.lower()}_invalid", f"{column} counts must be whole numbers from 0 to 999.")
        return None, []
    if not roles_ok:
        return None, []
    numbers = [c for c in counts if c is not None]
    return ("with_jobs" if any(numbers) else "none"), numbers


def _sanity(row: Row, *, totals: dict[str, int], total: int) -> None:
    if totals["STARTERS"] > total:
        warn(
            row,
            "STARTERS",
            "starters_above_total",
            "The STARTERS add up to more than TOTALPERMTEMP (total staff). Check both.",
        )
    if totals["LEAVERS"] and totals["LEAVERS"] >= total:
        warn(
            row,
            "LEAVERS",
            "leavers_above_total",
            "The LEAVERS add up to at least TOTALPERMTEMP (total staff). Check both.",
        )
    if totals["VACANCIES"] and totals["VACANCIES"] >= total:
        warn(
            row,
            "VACANCIES",
            "vacancies_above_total",
            "The VACANCIES add up to at least TOTALPERMTEMP (total staff). Check both.",
        )


def leaver_reasons(row: Row, *, leavers_declared: str | None, leavers_total: int) -> dict[str, int]:
    """REASONS and REASONNOS into {reason code: count}; their counts must add up to the LEAVERS total."""
    reasons, numbers = row.items("REASONS"), row.items("REASONNOS")
    if not reasons and not numbers:
        if leavers_declared == "with_jobs":
            row.add(
                "REASONNOS",
                "reasons_total_mismatch",
                "REASONS and REASONNOS are blank but there are LEAVERS. Give the reasons people left and how many left for each.",
            )
        return {}
    if leavers_declared == "dont_know":
        warn(
            row,
            "REASONS",
            "reasons_ignored",
            "REASONS are only used when LEAVERS gives counts. They have been ignored.",
        )
        return {}
    if any(r not in CODES["worker_leave_reasons"] for r in reasons):
        row.add("REASONS", "reasons_invalid", "REASONS must be leaver reason codes from 1 to 9 separated by ;.")
        return {}
    if len(set(reasons)) != len(reasons):
        row.add("REASONS", "reasons_duplicate", "REASONS lists a reason more than once. List each once.")
        return {}
    if len(numbers) != len(reasons):
        row.add(
            "REASONNOS", "reasonnos_count", "REASONNOS must have one count (separated by ;) for each code in REASONS."
        )
        return {}
    counts = [whole_number(n) for n in numbers]
    if any(c is None or c < 0 for c in counts):
        row.add("REASONNOS", "reasonnos_invalid", "REASONNOS must be whole numbers of leavers.")
        return {}
    result = {r: c for r, c in zip(reasons, counts, strict=True) if c is not None}
    if leavers_declared is not None and sum(result.values()) != leavers_total:
        row.add(
            "REASONNOS",
            "reasons_total_mismatch",
            "The REASONNOS counts must add up to the total of LEAVERS. Correct the counts.",
        )
    return result


def pay_group(main: str | None) -> str | None:
    """The main service's pay-and-pensions group: 1 domiciliary, 2 care homes and supported living, ..."""
    row = main_service_rows().get(main) if main else None
    return row.get("pay_and_pensions_group") if row else None


def as_the_file_carries(section: WorkplaceSectionData | None, *, main: str | None) -> WorkplaceSectionData | None:
    """The section as an ASC-WDS workplace file can hold it: the answers the reader below ignores for this main
    service (sleep-ins outside care homes and supported living, travel time outside domiciliary care) or without
    the answer they hang on (the pension percentage, the sleep-in pay, the travel time rate) left out. The download
    writes only these, and comparing a file with what is held compares only these, so the service's own download
    uploads again with no warning and no change."""
    if section is None:
        return None
    group = pay_group(main)
    sleep_ins = section.sleep_ins if group in ("1", "2") else None
    travel = section.travel_time_pay if group == "1" else None
    return replace(
        section,
        pension_percentage=section.pension_percentage if section.pension == "1" else None,
        sleep_ins=sleep_ins,
        sleep_in_pay=section.sleep_in_pay if sleep_ins == "1" else None,
        travel_time_pay=travel,
        travel_time_rate=section.travel_time_rate if travel == "3" else None,
    )


def pay_and_conditions(row: Row, *, main: str | None) -> dict[str, object]:
    """The pay-and-conditions fields of WorkplaceSectionData (all warnings; a bad value is ignored)."""
    group = pay_group(main)
    sick_pay = _yes_no_unknown(row, "SICKPAY")
    pension = _yes_no_unknown(row, "PENSION")
    percentage = row.decimal("ACTUALCONT", low=Decimal("3.01"), high=Decimal(100), severity=WARNING, code="actualcont")
    if percentage is not None and pension != "1":
        warn(
            row,
            "ACTUALCONT",
            "actualcont_ignored",
            "ACTUALCONT is only used when PENSION is 1 (Yes). It has been ignored.",
        )
        percentage = None
    holiday = row.get("HOLIDAY")
    holiday_days = int(holiday) if holiday.isdigit() and holiday.isascii() and len(holiday) < 4 else None
    if holiday and holiday_days is None:
        warn(
            row,
            "HOLIDAY",
            "holiday_invalid",
            "HOLIDAY must be a whole number of days (digits only). It has been ignored.",
        )
    sleep_ins = row.code(
        "SLEEPINS", allowed=CODES["yes_no_dont_know"], describe="1 (Yes), 2 (No) or 999 (Don't know)", severity=WARNING
    )
    sleep_pay = row.code(
        "SLEEPINPAY", allowed=CODES["sleep_in_pay"], describe="1 (Hourly rate), 2 (Flat rate) or 999", severity=WARNING
    )
    if sleep_pay is not None and sleep_ins != "1":
        warn(
            row,
            "SLEEPINPAY",
            "sleepinpay_ignored",
            "SLEEPINPAY is only used when SLEEPINS is 1 (Yes). It has been ignored.",
        )
        sleep_pay = None
    if group not in ("1", "2") and (sleep_ins or sleep_pay):
        warn(
            row,
            "SLEEPINS",
            "sleepins_ignored",
            "Sleep-in answers are only used for care homes and supported living. They have been ignored.",
        )
        sleep_ins = sleep_pay = None
    travel = row.code(
        "TRAVELTIME",
        allowed=CODES["travel_time_pay_options"],
        describe="1 to 6 or 999 (the ASC-WDS travel time pay option)",
        severity=WARNING,
    )
    if travel is not None and group != "1":
        warn(
            row,
            "TRAVELTIME",
            "traveltime_ignored",
            "TRAVELTIME is only used for domiciliary care services. It has been ignored.",
        )
        travel = None
    rate = row.decimal("TTDIFFRATE", low=Decimal("2.50"), high=Decimal(200), severity=WARNING)
    if rate is not None and travel != "3":
        warn(
            row,
            "TTDIFFRATE",
            "ttdiffrate_ignored",
            "TTDIFFRATE is only used when TRAVELTIME is 3 (a different rate). It has been ignored.",
        )
        rate = None
    return {
        "sick_pay": sick_pay,
        "pension": pension,
        "pension_percentage": percentage,
        "holiday_days": holiday_days,
        "sleep_ins": sleep_ins,
        "sleep_in_pay": sleep_pay,
        "travel_time_pay": travel,
        "travel_time_rate": rate,
    }


def _yes_no_unknown(row: Row, column: str) -> str | None:
    value = row.get(column)
    if not value:
        return None
    if value.lower() == "unknown":
        return "unknown"
    if value in ("0", "1"):
        return value
    warn(row, column, f"{column.lower()}_invalid", f"{column} must be 0 (No), 1 (Yes) or unknown. It has been ignored.")
    return None
