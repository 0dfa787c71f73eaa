"""One workplace's figures for its provider's benchmarks (issue 20). Pure, no Django.

Each figure is worked out from the workplace's own return: its workplace section (staff, leavers, vacancies) and
its current staff records (not leavers). A figure the return does not give is None, and the workplace is then left
out of that measure's comparison group.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ZERO_HOURS_YES = "1"
CARE_CERTIFICATE_COMPLETED = "1"
HAS_QUALIFICATION = "1"
LEVEL_3_OR_ABOVE = frozenset({"3", "4", "5", "6", "7", "8"})
HOURLY = "3"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "%", "days" or "£ an hour"
    decimals: int = 0
    higher_is: str = ""  # "better", "worse" or "" (no judgement)


MEASURES: tuple[Measure, ...] = (
    Measure("turnover", "Turnover (leavers in the last 12 months as a share of staff)", "%", 0, "worse"),
    Measure("vacancy_rate", "Vacancy rate (vacancies as a share of posts)", "%", 0, "worse"),
    Measure("sickness_days", "Average sickness days per member of staff", "days", 1, "worse"),
    Measure("zero_hours_share", "Staff on zero-hours contracts", "%", 0, ""),
    Measure("care_certificate", "Staff who have completed the Care Certificate", "%", 0, "better"),
    Measure("qualified", "Staff with a social care qualification", "%", 0, "better"),
    Measure("level_3_plus", "Staff qualified at level 3 or above", "%", 0, "better"),
)


@dataclass(frozen=True)
class WorkplaceFacts:
    total_staff: int | None
    leavers: int
    vacancies: int
    staff: Sequence[Mapping[str, object]] = field(default_factory=tuple)  # current staff records' fields


def _share(rows: Sequence[Mapping], name: str, yes) -> float | None:
    answered = [row[name] for row in rows if row.get(name) not in (None, "")]
    if not answered:
        return None
    hits = sum(1 for value in answered if (value in yes if isinstance(yes, frozenset) else value == yes))
    return 100 * hits / len(answered)


def workplace_measures(facts: WorkplaceFacts) -> dict[str, float | None]:
    """Every measure of `MEASURES` for one workplace (None where its return does not say)."""
    staff = facts.total_staff
    sickness = [float(row["sickness_days"]) for row in facts.staff if row.get("sickness_days") is not None]
    qualified = [row for row in facts.staff if row.get("social_care_qualification") == HAS_QUALIFICATION]
    return {
        "turnover": 100 * facts.leavers / staff if staff else None,
        "vacancy_rate": 100 * facts.vacancies / (staff + facts.vacancies) if staff else None,
        "sickness_days": statistics.fmean(sickness) if sickness else None,
        "zero_hours_share": _share(facts.staff, "zero_hours", ZERO_HOURS_YES),
        "care_certificate": _share(facts.staff, "care_certificate", CARE_CERTIFICATE_COMPLETED),
        "qualified": _share(facts.staff, "social_care_qualification", HAS_QUALIFICATION),
        "level_3_plus": _share(qualified, "social_care_level", LEVEL_3_OR_ABOVE) if qualified else None,
    }


def median_hourly_pay(staff: Sequence[Mapping[str, object]], role_group_of: Mapping[str, str], *,
                      min_people: int = 1) -> dict[str, float]:
    """Job role group label -> the median hourly pay of the workplace's hourly-paid staff in it (only groups with at
    least `min_people` of them: a median of fewer is close to one person's pay)."""
    by_group: dict[str, list[float]] = {}
    for row in staff:
        group = role_group_of.get(str(row.get("job_role") or ""))
        if group and row.get("pay_interval") == HOURLY and row.get("pay_rate") is not None:
            by_group.setdefault(group, []).append(float(row["pay_rate"]))
    return {group: statistics.median(values) for group, values in by_group.items() if len(values) >= min_people}
