"""Pay rules and the National Living Wage data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from collection.rules.pay import NATIONAL_LIVING_WAGE, NATIONAL_LIVING_WAGE_RATES, national_living_wage_on
from collection.rules.staff import validate_staff_record
from tests.unit.rules.builders import SNAPSHOT, staff, summary

E, W = "error", "warning"
D = Decimal


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        (date(2016, 4, 1), D("7.20")),
        (date(2017, 3, 31), D("7.20")),
        (date(2017, 4, 1), D("7.50")),
        (date(2018, 4, 1), D("7.83")),
        (date(2019, 4, 1), D("8.21")),
        (date(2020, 4, 1), D("8.72")),
        (date(2021, 4, 1), D("8.91")),
        (date(2022, 4, 1), D("9.50")),
        (date(2023, 4, 1), D("10.42")),
        (date(2024, 3, 31), D("10.42")),
        (date(2024, 4, 1), D("11.44")),
        (date(2025, 4, 1), D("12.21")),
        (date(2026, 3, 31), D("12.21")),
        (date(2026, 4, 1), D("12.71")),
        (date(2030, 1, 1), D("12.71")),
    ],
)
def test_national_living_wage_on(day: date, rate: Decimal) -> None:
    assert national_living_wage_on(day) == rate


def test_no_national_living_wage_before_april_2016() -> None:
    with pytest.raises(ValueError, match="1 April 2016"):
        national_living_wage_on(date(2016, 3, 31))


def test_rates_are_in_date_order_and_each_starts_on_1_april() -> None:
    starts = [rate.effective_from for rate in NATIONAL_LIVING_WAGE_RATES]
    assert starts == sorted(starts)
    assert all((day.month, day.day) == (4, 1) for day in starts)
    assert NATIONAL_LIVING_WAGE[date(2021, 4, 1)] == D("8.91")


CASES = [
    # interval and rate agree
    pytest.param({}, [], id="valid-hourly"),
    pytest.param({"pay_interval": "2"}, [("invalid_code", "pay_interval", E)], id="interval-unknown"),
    pytest.param(
        {"pay_interval": None}, [("pay_rate_without_interval", "pay_interval", E)], id="rate-without-interval"
    ),
    pytest.param({"pay_interval": None, "pay_rate": None}, [], id="pay-not-answered"),
    pytest.param({"pay_interval": "999"}, [("pay_rate_not_needed", "pay_rate", W)], id="rate-with-dont-know"),
    pytest.param({"pay_interval": "999", "pay_rate": None}, [], id="dont-know-without-rate"),
    # annual range and whole pounds
    pytest.param({"pay_interval": "1", "pay_rate": D(26000)}, [], id="annual-26000"),
    pytest.param({"pay_interval": "1", "pay_rate": D(499)}, [("annual_pay_out_of_range", "pay_rate", E)], id="499"),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D(200001)}, [("annual_pay_out_of_range", "pay_rate", E)], id="200001"
    ),
    pytest.param({"pay_interval": "1", "pay_rate": D(250000), "job_role": "1"}, [], id="senior-management-250000"),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D(250001), "job_role": "1"},
        [("annual_pay_out_of_range", "pay_rate", E)],
        id="senior-management-250001",
    ),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D("26000.50")},
        [("annual_pay_not_whole_pounds", "pay_rate", E)],
        id="annual-with-pence",
    ),
    pytest.param({"pay_interval": "1", "pay_rate": D("26000.00")}, [], id="annual-with-zero-pence"),
    # hourly range and pence
    pytest.param(
        {"pay_rate": D("2.49"), "apprenticeship": "1"}, [("hourly_pay_out_of_range", "pay_rate", E)], id="2.49"
    ),
    pytest.param({"pay_rate": D("2.50"), "apprenticeship": "1"}, [], id="apprentice-2.50"),
    pytest.param({"pay_rate": D(200)}, [], id="hourly-200"),
    pytest.param({"pay_rate": D("200.01")}, [("hourly_pay_out_of_range", "pay_rate", E)], id="hourly-200.01"),
    pytest.param({"pay_rate": D("12.555")}, [("hourly_pay_too_many_decimals", "pay_rate", E)], id="three-dp"),
    # hourly rate against the National Living Wage on the snapshot date (£12.21 on 31 March 2026)
    pytest.param({"pay_rate": D("12.21")}, [], id="exactly-nlw"),
    pytest.param({"pay_rate": D("12.20")}, [("pay_below_national_living_wage", "pay_rate", W)], id="1p-below-nlw"),
    pytest.param(
        {"pay_rate": D("12.20"), "birth_year": None},
        [("pay_below_national_living_wage", "pay_rate", W)],
        id="below-nlw-age-unknown",
    ),
    pytest.param({"pay_rate": D("10.00"), "apprenticeship": "1"}, [], id="apprentice-below-nlw"),
    pytest.param(
        {"pay_rate": D("10.00"), "birth_year": 2005, "year_started_in_sector": 2020}, [], id="may-be-20-below-nlw"
    ),
    pytest.param(
        {"pay_rate": D("10.00"), "birth_year": 2004, "year_started_in_sector": 2020},
        [("pay_below_national_living_wage", "pay_rate", W)],
        id="certainly-21-below-nlw",
    ),
    # annual salary against the National Living Wage for the contracted hours (37.5 h x 52 x £12.21 = £23,809.50)
    pytest.param({"pay_interval": "1", "pay_rate": D(23810)}, [], id="annual-at-nlw"),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D(23809)},
        [("annual_pay_below_national_living_wage", "pay_rate", W)],
        id="annual-below-nlw",
    ),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D(12000), "contracted_hours": D(18)}, [], id="part-time-annual-at-nlw"
    ),
    pytest.param(
        {"pay_interval": "1", "pay_rate": D(12000), "contract_type": "3", "contracted_hours": None},
        [],
        id="bank-annual-hours-unknown",
    ),
    pytest.param({"pay_interval": "1", "pay_rate": D(12000), "contracted_hours": None}, [], id="annual-without-hours"),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_pay_rules(changes: dict, expected: list) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT)
    assert summary(issues) == sorted(expected)


@pytest.mark.parametrize(
    ("snapshot", "rate", "expected"),
    [
        pytest.param(date(2025, 3, 31), D("11.44"), [], id="2025-at-the-then-rate"),
        pytest.param(date(2025, 4, 1), D("11.44"), ["pay_below_national_living_wage"], id="2025-new-rate"),
        pytest.param(date(2015, 3, 31), D("5.00"), [], id="before-the-nlw-existed"),
        pytest.param(date(2023, 3, 31), D("9.00"), ["pay_below_national_living_wage"], id="2023-under-9.50"),
    ],
)
def test_living_wage_follows_the_snapshot_date(snapshot: date, rate: Decimal, expected: list) -> None:
    record = staff(pay_rate=rate, start_date=None, year_started_in_sector=None)
    issues = validate_staff_record(record, snapshot_date=snapshot)
    assert [issue.code for issue in issues] == expected


def test_worker_young_enough_for_a_lower_rate_before_2024() -> None:
    """In March 2023 the National Living Wage started at 23, so a worker born in 2001 may have been 21."""
    issues = validate_staff_record(staff(pay_rate=D("9.00"), birth_year=2001), snapshot_date=date(2023, 3, 31))
    assert issues == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"pay_rate": D("11.00")}, "£11 an hour is below the National Living Wage of £12.21 on 31 March 2026"),
        ({"pay_interval": "1", "pay_rate": D("12.50")}, "if this is an hourly rate, choose Hourly"),
        ({"pay_rate": D(24000)}, "if this is an annual salary, choose Annually"),
        ({"pay_interval": "1", "pay_rate": D(20000)}, "below the National Living Wage (£23,810 a year)"),
    ],
)
def test_pay_messages(changes: dict, words: str) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT)
    assert words in issues[0].message
