"""Median pay for provider benchmarks (rule 6): a workplace's role-group median joins a comparison only from enough
people, since the median of one or two people is their own pay."""

import pytest

from collection.rules.benchmarks import HOURLY, median_hourly_pay

GROUPS = {"8": "Care workers", "3": "Managers"}


def staff(role: str, *rates: float) -> list[dict]:
    return [{"job_role": role, "pay_interval": HOURLY, "pay_rate": rate} for rate in rates]


@pytest.mark.parametrize(
    ("carers", "min_people", "expected"),
    [
        ((12.0,), 1, {"Care workers": 12.0}),
        ((12.0,), 10, {}),
        ((12.0,) * 9, 10, {}),
        (tuple(12.0 + n / 10 for n in range(10)), 10, {"Care workers": 12.45}),
    ],
)
def test_a_group_median_needs_enough_people(carers, min_people, expected):
    rows = staff("8", *carers) + staff("3", 20.0)
    found = median_hourly_pay(rows, GROUPS, min_people=min_people)
    assert {k: round(v, 2) for k, v in found.items() if k == "Care workers"} == expected
    assert ("Managers" in found) is (min_people == 1)
