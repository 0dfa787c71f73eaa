"""Pay rules, and the National Living Wage kept as data.

The rates are the published National Living Wage (GOV.UK "National Minimum Wage and National Living Wage rates"),
each in force from its 1 April. The age it applies from fell over time (25 and over until March 2021, 23 and over
until March 2024, 21 and over since April 2024), so each rate carries its age. Add next year's rate as a new row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from collection.rules.checks import (
    ANNUALLY,
    DONT_KNOW,
    HOURLY,
    SENIOR_MANAGEMENT,
    YES,
    RecordRule,
    has_at_most_2dp,
    long_date,
    money,
    number,
    run_rules,
)
from collection.rules.issues import Issue, error, warning
from collection.rules.records import StaffRecordData
from collection.rules.staff_job import needs_contracted_hours


@dataclass(frozen=True)
class LivingWageRate:
    effective_from: date
    hourly_rate: Decimal
    from_age: int


NATIONAL_LIVING_WAGE_RATES: tuple[LivingWageRate, ...] = (
    LivingWageRate(date(2016, 4, 1), Decimal("7.20"), 25),
    LivingWageRate(date(2017, 4, 1), Decimal("7.50"), 25),
    LivingWageRate(date(2018, 4, 1), Decimal("7.83"), 25),
    LivingWageRate(date(2019, 4, 1), Decimal("8.21"), 25),
    LivingWageRate(date(2020, 4, 1), Decimal("8.72"), 25),
    LivingWageRate(date(2021, 4, 1), Decimal("8.91"), 23),
    LivingWageRate(date(2022, 4, 1), Decimal("9.50"), 23),
    LivingWageRate(date(2023, 4, 1), Decimal("10.42"), 23),
    LivingWageRate(date(2024, 4, 1), Decimal("11.44"), 21),
    LivingWageRate(date(2025, 4, 1), Decimal("12.21"), 21),
    LivingWageRate(date(2026, 4, 1), Decimal("12.71"), 21),
)

# effective-from date -> £ an hour, the shape other modules may prefer
NATIONAL_LIVING_WAGE: dict[date, Decimal] = {
    rate.effective_from: rate.hourly_rate for rate in NATIONAL_LIVING_WAGE_RATES
}

ANNUAL_MIN = Decimal(500)
ANNUAL_MAX = Decimal(200000)
ANNUAL_MAX_SENIOR_MANAGEMENT = Decimal(250000)
HOURLY_MIN = Decimal("2.50")
HOURLY_MAX = Decimal(200)
WEEKS_A_YEAR = 52


@cache
def living_wage_rate_on(day: date) -> LivingWageRate:
    """The National Living Wage row in force on a day (the latest one that started on or before it)."""
    in_force = [rate for rate in NATIONAL_LIVING_WAGE_RATES if rate.effective_from <= day]
    if not in_force:
        raise ValueError(f"There was no National Living Wage on {day.day} {day:%B %Y}; it started on 1 April 2016")
    return max(in_force, key=lambda rate: rate.effective_from)


def national_living_wage_on(day: date) -> Decimal:
    """The National Living Wage, in £ an hour, in force on a day."""
    return living_wage_rate_on(day).hourly_rate


def pay_issues(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """All pay rules for one staff record."""
    return run_rules(PAY_RULES, record, snapshot_date, None)


def rate_needs_interval(*, record: StaffRecordData) -> list[Issue]:
    """A pay rate means nothing unless we know whether it is a year's salary or an hourly rate."""
    if record.pay_rate is None or record.pay_interval is not None:
        return []
    return [error("pay_rate_without_interval", "pay_interval", "Select whether the pay is annual or hourly")]


def rate_ignored_when_interval_unknown(*, record: StaffRecordData) -> list[Issue]:
    """With a "don't know" pay interval the rate cannot be used, so it is ignored."""
    if record.pay_rate is None or record.pay_interval != DONT_KNOW:
        return []
    return [
        warning(
            "pay_rate_not_needed",
            "pay_rate",
            f"The pay rate {money(record.pay_rate)} will be ignored because the pay interval is 'Don't know'",
        )
    ]


def annual_pay_in_range(*, record: StaffRecordData) -> list[Issue]:
    """An annual salary is whole pounds from £500 to £200,000 (£250,000 for senior management)."""
    if record.pay_interval != ANNUALLY or record.pay_rate is None:
        return []
    rate = Decimal(record.pay_rate)
    top = ANNUAL_MAX_SENIOR_MANAGEMENT if record.job_role == SENIOR_MANAGEMENT else ANNUAL_MAX
    if not ANNUAL_MIN <= rate <= top:
        hint = " – if this is an hourly rate, choose Hourly" if HOURLY_MIN <= rate <= HOURLY_MAX else ""
        return [
            error(
                "annual_pay_out_of_range",
                "pay_rate",
                f"Annual salary must be between {money(ANNUAL_MIN)} and {money(top)}{hint} (you entered {money(rate)})",
            )
        ]
    if rate != rate.to_integral_value():
        return [error("annual_pay_not_whole_pounds", "pay_rate", "Annual salary must be in whole pounds")]
    return []


def hourly_pay_in_range(*, record: StaffRecordData) -> list[Issue]:
    """An hourly rate is from £2.50 to £200, with at most 2 decimal places."""
    if record.pay_interval != HOURLY or record.pay_rate is None:
        return []
    rate = Decimal(record.pay_rate)
    if not HOURLY_MIN <= rate <= HOURLY_MAX:
        hint = " – if this is an annual salary, choose Annually" if ANNUAL_MIN <= rate else ""
        return [
            error(
                "hourly_pay_out_of_range",
                "pay_rate",
                f"Hourly rate must be between {money(HOURLY_MIN)} and {money(HOURLY_MAX)}{hint} "
                f"(you entered {money(rate)})",
            )
        ]
    if not has_at_most_2dp(rate):
        return [error("hourly_pay_too_many_decimals", "pay_rate", "Hourly rate must be in pounds and pence")]
    return []


def hourly_pay_at_least_living_wage(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """An hourly rate below the National Living Wage in force on the snapshot date needs checking.

    Younger workers and apprentices may lawfully be paid less, so there is no warning for an apprentice or for a
    worker whose birth year means they may be under the age the National Living Wage starts at.
    """
    if record.pay_interval != HOURLY or record.pay_rate is None:
        return []
    living_wage = _living_wage_for(record=record, snapshot_date=snapshot_date)
    rate = Decimal(record.pay_rate)
    if living_wage is None or not HOURLY_MIN <= rate < living_wage:
        return []
    return [
        warning(
            "pay_below_national_living_wage",
            "pay_rate",
            f"{money(rate)} an hour is below the National Living Wage of {money(living_wage)} on "
            f"{long_date(snapshot_date)} – check the rate is right",
        )
    ]


def annual_pay_at_least_living_wage(*, record: StaffRecordData, snapshot_date: date) -> list[Issue]:
    """An annual salary below the National Living Wage for the contracted hours over 52 weeks needs checking.

    Only for permanent or temporary staff with contracted hours (otherwise the hours worked are not known). A low
    figure often means the full-time salary was entered for a part-time worker, or the other way round.
    """
    hours = record.contracted_hours
    if record.pay_interval != ANNUALLY or record.pay_rate is None or not hours or hours <= 0:
        return []
    if not needs_contracted_hours(record):
        return []
    living_wage = _living_wage_for(record=record, snapshot_date=snapshot_date)
    rate = Decimal(record.pay_rate)
    if living_wage is None or not ANNUAL_MIN <= rate:
        return []
    floor = living_wage * Decimal(hours) * WEEKS_A_YEAR
    if rate >= floor:
        return []
    return [
        warning(
            "annual_pay_below_national_living_wage",
            "pay_rate",
            f"An annual salary of {money(rate)} for {number(hours)} hours a week is below the National Living Wage "
            f"({money(floor.quantize(Decimal(1)))} a year) – check the salary and hours are right",
        )
    ]


def _living_wage_for(*, record: StaffRecordData, snapshot_date: date) -> Decimal | None:
    """The National Living Wage that certainly applies to this worker, or None when it may not apply."""
    if snapshot_date < NATIONAL_LIVING_WAGE_RATES[0].effective_from or record.apprenticeship == YES:
        return None
    rate = living_wage_rate_on(snapshot_date)
    # with only the birth year known, the youngest the worker can be is (year difference - 1)
    if record.birth_year is not None and snapshot_date.year - record.birth_year - 1 < rate.from_age:
        return None
    return rate.hourly_rate


_LIVING_WAGE_FIELDS = ("pay_interval", "pay_rate", "apprenticeship", "birth_year")
PAY_RULES: tuple[RecordRule, ...] = (
    RecordRule(lambda r, s, w: rate_needs_interval(record=r), ("pay_rate", "pay_interval")),
    RecordRule(lambda r, s, w: rate_ignored_when_interval_unknown(record=r), ("pay_rate", "pay_interval")),
    RecordRule(lambda r, s, w: annual_pay_in_range(record=r), ("pay_interval", "pay_rate", "job_role")),
    RecordRule(lambda r, s, w: hourly_pay_in_range(record=r), ("pay_interval", "pay_rate")),
    RecordRule(lambda r, s, w: hourly_pay_at_least_living_wage(record=r, snapshot_date=s), _LIVING_WAGE_FIELDS),
    RecordRule(
        lambda r, s, w: annual_pay_at_least_living_wage(record=r, snapshot_date=s),
        (*_LIVING_WAGE_FIELDS, "contracted_hours", "contract_type", "zero_hours"),
    ),
)
