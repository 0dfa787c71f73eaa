"""A requirement's own due date in a round: fixed for the round, days after the window, or after the contract's
start anniversary (compliance.rules.requirement_due_date). Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from compliance.rules import DueRule, add_months, anniversary_deadline, requirement_due_date

OPENS, DUE, CLOSES = date(2025, 4, 1), date(2025, 6, 30), date(2026, 3, 31)


def due(rule: str, **kwargs) -> date:
    return requirement_due_date(rule=rule, window_opens=OPENS, round_due=DUE, closes=CLOSES, **kwargs)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2025, 12, 31), 0, date(2025, 12, 31)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("starts_on", "months", "expected", "why"),
    [
        (date(2019, 9, 10), 3, date(2025, 12, 10), "anniversary in September: due in December"),
        (date(2019, 2, 10), 3, date(2025, 5, 10), "anniversary in February: its deadline falls in the window"),
        (date(2018, 12, 31), 3, date(2026, 3, 31), "this year's deadline (31 March) is before the window: next one"),
        (date(2019, 1, 1), 3, date(2025, 4, 1), "deadline on the day the window opens counts"),
        (date(2025, 5, 20), 3, date(2025, 8, 20), "contract starting during the round: months after its start"),
        (date(2020, 2, 29), 3, date(2025, 5, 28), "29 February start: its anniversary is 28 February in 2025"),
        (date(2018, 6, 1), 14, date(2025, 8, 1), "more than a year of months"),
    ],
)
def test_anniversary_deadline_is_the_first_on_or_after_the_window(starts_on, months, expected, why):
    assert anniversary_deadline(contract_starts_on=starts_on, months=months, window_opens=OPENS) == expected, why


def test_the_round_rule_is_the_rounds_due_date():
    assert due(DueRule.ROUND_DUE_DATE, contract_starts_on=date(2019, 9, 10), due_months=3) == DUE


def test_days_after_the_window_stay_inside_the_round():
    assert due(DueRule.DAYS_AFTER_WINDOW, due_days=30) == date(2025, 5, 1)
    assert due(DueRule.DAYS_AFTER_WINDOW, due_days=5000) == CLOSES


def test_anniversary_rule_follows_each_contract_and_spreads_over_the_year():
    starts = [date(2018, m, 15) for m in range(1, 13)]
    dates = [due(DueRule.CONTRACT_ANNIVERSARY, due_months=3, contract_starts_on=s) for s in starts]
    assert len(set(dates)) == 12
    assert all(OPENS <= d <= CLOSES for d in dates)


def test_an_anniversary_deadline_after_the_close_is_the_close():
    short = requirement_due_date(rule=DueRule.CONTRACT_ANNIVERSARY, window_opens=OPENS, round_due=DUE,
                                 closes=date(2025, 7, 31), due_months=3, contract_starts_on=date(2019, 9, 10))
    assert short == date(2025, 7, 31)


def test_a_rule_missing_its_number_falls_back_to_the_rounds_date():
    assert due(DueRule.CONTRACT_ANNIVERSARY, contract_starts_on=date(2019, 9, 10)) == DUE
    assert due(DueRule.DAYS_AFTER_WINDOW) == DUE


def test_a_contract_applies_in_its_councils_rounds_from_its_start_until_it_ends():
    from compliance.rules import contract_in_round

    opens, due = date(2027, 1, 5), date(2027, 3, 31)
    base = {"council_id": 1, "round_council_id": 1, "round_due": due, "window_opens": opens}
    assert contract_in_round(**base, starts_on=due, ends_on=None)
    assert not contract_in_round(**base, starts_on=due + timedelta(1), ends_on=None)  # starts after the due date
    assert contract_in_round(**base, starts_on=date(2020, 1, 1), ends_on=opens)
    assert not contract_in_round(**base, starts_on=date(2020, 1, 1), ends_on=opens - timedelta(1))  # ended before
    assert not contract_in_round(**{**base, "round_council_id": 2}, starts_on=date(2020, 1, 1), ends_on=None)
    assert contract_in_round(**{**base, "round_council_id": None}, starts_on=date(2020, 1, 1), ends_on=None)
