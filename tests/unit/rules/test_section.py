"""Rules for the workplace section of a return: totals, starters, leavers, vacancies, leaver reasons and pay."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collection.rules.records import JobRoleCount
from collection.rules.workplace import validate_workplace_section
from tests.unit.rules.builders import section, summary

E, W = "error", "warning"
D = Decimal
J = JobRoleCount

CASES = [
    pytest.param({}, None, [], id="valid-section"),
    # total staff
    pytest.param(
        {
            "total_staff": 0,
            "starters_declared": "none",
            "leavers_declared": "none",
            "job_roles": (),
            "leaver_reasons": {},
        },
        None,
        [],
        id="total-0",
    ),
    pytest.param({"total_staff": 999}, None, [], id="total-999"),
    pytest.param({"total_staff": 1000}, None, [("total_staff_out_of_range", "total_staff", E)], id="total-1000"),
    pytest.param({"total_staff": -1}, None, [("total_staff_out_of_range", "total_staff", E)], id="total-negative"),
    # declarations
    pytest.param({"vacancies_declared": "some"}, None, [("invalid_code", "vacancies_declared", E)], id="bad-answer"),
    pytest.param({"vacancies_declared": None}, None, [], id="vacancies-unanswered"),
    # per-role counts
    pytest.param({"job_roles": (J("8", starters=3, leavers=3),)}, None, [], id="one-role"),
    pytest.param(
        {"job_roles": (J("8", starters=3, leavers=2), J("8", starters=1, leavers=1))},
        None,
        [("job_role_repeated", "job_roles", E)],
        id="role-twice",
    ),
    pytest.param(
        {"job_roles": (J("8", starters=3, leavers=2), J("98", starters=1, leavers=1))},
        None,
        [("invalid_code", "job_roles", E)],
        id="role-unknown",
    ),
    pytest.param(
        {"total_staff": 999, "job_roles": (J("8", starters=1000, leavers=3),)},
        None,
        [("job_role_count_out_of_range", "job_roles", E), ("starters_exceed_total_staff", "starters_declared", W)],
        id="count-1000",
    ),
    pytest.param(
        {"job_roles": (J("8", starters=3, leavers=3, vacancies=-1),)},
        None,
        [("job_role_count_out_of_range", "job_roles", E)],
        id="count-negative",
    ),
    pytest.param(
        {"job_roles": (J("8", starters=3, leavers=3, vacancies=2),)},
        None,
        [("job_counts_not_declared", "vacancies_declared", W)],
        id="vacancies-counted-but-declared-none",
    ),
    pytest.param(
        {"vacancies_declared": "with_jobs", "job_roles": (J("8", starters=3, leavers=3, vacancies=2),)},
        None,
        [],
        id="vacancies-declared-and-counted",
    ),
    # against total staff
    pytest.param({"total_staff": 4}, None, [], id="4-starters-4-staff"),
    pytest.param(
        {"total_staff": 3, "leavers_declared": "dont_know", "leaver_reasons": {}},
        None,
        [("starters_exceed_total_staff", "starters_declared", W), ("job_counts_not_declared", "leavers_declared", W)],
        id="4-starters-3-staff",
    ),
    pytest.param(
        {"total_staff": 4, "starters_declared": "none", "job_roles": (J("8", leavers=4),), "leaver_reasons": {"1": 4}},
        None,
        [("leavers_not_below_total_staff", "leavers_declared", W)],
        id="4-leavers-4-staff",
    ),
    pytest.param(
        {"total_staff": 5, "starters_declared": "none", "job_roles": (J("8", leavers=4),), "leaver_reasons": {"1": 4}},
        None,
        [],
        id="4-leavers-5-staff",
    ),
    pytest.param(
        {
            "total_staff": 2,
            "vacancies_declared": "with_jobs",
            "starters_declared": "none",
            "leavers_declared": "none",
            "leaver_reasons": {},
            "job_roles": (J("8", vacancies=2),),
        },
        None,
        [("vacancies_not_below_total_staff", "vacancies_declared", W)],
        id="2-vacancies-2-staff",
    ),
    # leaver reasons
    pytest.param({"leaver_reasons": {}}, None, [], id="reasons-optional"),
    pytest.param(
        {"leaver_reasons": {"1": 2}},
        None,
        [("leaver_reasons_total_mismatch", "leaver_reasons", E)],
        id="reasons-short-of-leavers",
    ),
    pytest.param(
        {"leaver_reasons": {"1": 2, "99": 1}}, None, [("invalid_code", "leaver_reasons", E)], id="reason-unknown"
    ),
    pytest.param(
        {"leaver_reasons": {"1": 1000, "6": -997}},
        None,
        [("leaver_reason_count_out_of_range", "leaver_reasons", E)] * 2,
        id="reason-counts-out-of-range",
    ),
    pytest.param(
        {"leavers_declared": "none", "job_roles": (J("8", starters=3),)},
        None,
        [("leaver_reasons_without_leavers", "leaver_reasons", W)],
        id="reasons-without-leavers",
    ),
    # pay policies
    pytest.param({"pension_percentage": D("3.001")}, None, [], id="pension-just-over-3"),
    pytest.param({"pension_percentage": D(100)}, None, [], id="pension-100"),
    pytest.param(
        {"pension_percentage": D(3)},
        None,
        [("pension_percentage_out_of_range", "pension_percentage", E)],
        id="pension-3",
    ),
    pytest.param(
        {"pension_percentage": D("100.5")},
        None,
        [("pension_percentage_out_of_range", "pension_percentage", E)],
        id="pension-100.5",
    ),
    pytest.param(
        {"pension": "0"}, None, [("pension_percentage_not_needed", "pension_percentage", W)], id="pension-no-with-%"
    ),
    pytest.param({"pension": "0", "pension_percentage": None}, None, [], id="pension-no"),
    pytest.param({"pension": "2", "pension_percentage": None}, None, [("invalid_code", "pension", E)], id="pension-2"),
    pytest.param({"sick_pay": "yes"}, None, [("invalid_code", "sick_pay", E)], id="sick-pay-unknown"),
    pytest.param({"sleep_ins": "2"}, None, [("sleep_in_pay_not_needed", "sleep_in_pay", W)], id="no-sleep-ins-paid"),
    pytest.param({"sleep_ins": "2", "sleep_in_pay": None}, None, [], id="no-sleep-ins"),
    pytest.param({"sleep_in_pay": "3"}, None, [("invalid_code", "sleep_in_pay", E)], id="sleep-in-pay-unknown"),
    pytest.param(
        {"sleep_ins": "0"},
        None,
        [("invalid_code", "sleep_ins", E), ("sleep_in_pay_not_needed", "sleep_in_pay", W)],
        id="sleep-ins-unknown",
    ),
    pytest.param({"travel_time_rate": D("2.50")}, None, [], id="travel-2.50"),
    pytest.param({"travel_time_rate": D(200)}, None, [], id="travel-200"),
    pytest.param(
        {"travel_time_rate": D("2.49")}, None, [("travel_time_rate_out_of_range", "travel_time_rate", E)], id="2.49"
    ),
    pytest.param(
        {"travel_time_rate": D(201)}, None, [("travel_time_rate_out_of_range", "travel_time_rate", E)], id="201"
    ),
    pytest.param(
        {"travel_time_pay": "1"}, None, [("travel_time_rate_not_needed", "travel_time_rate", W)], id="rate-not-option-3"
    ),
    pytest.param(
        {"travel_time_pay": "8", "travel_time_rate": None},
        None,
        [("invalid_code", "travel_time_pay", E)],
        id="travel-option-unknown",
    ),
    pytest.param({"holiday_days": 0}, None, [], id="holiday-0"),
    pytest.param({"holiday_days": 367}, None, [("holiday_days_out_of_range", "holiday_days", E)], id="holiday-367"),
    # staff records against the total
    pytest.param({}, 20, [], id="20-records-20-staff"),
    pytest.param({}, 19, [("staff_records_not_total_staff", "total_staff", W)], id="19-records-20-staff"),
    pytest.param({}, 21, [("staff_records_not_total_staff", "total_staff", W)], id="21-records-20-staff"),
    pytest.param({"total_staff": None}, 21, [], id="records-total-unknown"),
]


@pytest.mark.parametrize(("changes", "record_count", "expected"), CASES)
def test_section_rules(changes: dict, record_count: int | None, expected: list) -> None:
    issues = validate_workplace_section(section(**changes), staff_record_count=record_count)
    assert summary(issues) == sorted(expected)


@pytest.mark.parametrize(
    ("changes", "record_count", "words"),
    [
        ({"leaver_reasons": {"1": 2}}, None, "must add up to the number of leavers (3) – they add up to 2"),
        (
            {"total_staff": 3, "leavers_declared": "none", "leaver_reasons": {}},
            None,
            "You entered 4 starters and 3 staff",
        ),
        ({}, 1, "You told us you have 20 staff but have added 1 staff record"),
        ({"total_staff": 1}, 2, "You told us you have 1 member of staff but have added 2 staff records"),
        ({"travel_time_rate": D(201)}, None, "between £2.50 and £200 an hour (you entered £201)"),
    ],
)
def test_section_messages(changes: dict, record_count: int | None, words: str) -> None:
    issues = validate_workplace_section(section(**changes), staff_record_count=record_count)
    assert any(words in issue.message for issue in issues), [issue.message for issue in issues]
