"""The retention schedule's rules, table-driven: for each dataset, the day before its limit keeps, the limit deletes."""

from datetime import date

import pytest

from retention.rules import schedule as rules
from retention.rules.schedule import Periods, add_years, delete_on, due_by, is_due

P = Periods()  # the defaults: 30 days, 6, 3, 6 and 2 years, 30 days' warning, invitations at expiry
D = date

CASES = [
    # dataset, dates, today, due?
    (rules.UPLOAD_FILES, {"uploaded_on": D(2026, 5, 1), "applied_on": None}, D(2026, 5, 30), False),
    (rules.UPLOAD_FILES, {"uploaded_on": D(2026, 5, 1), "applied_on": None}, D(2026, 5, 31), True),
    (rules.UPLOAD_FILES, {"uploaded_on": D(2026, 5, 1), "applied_on": D(2026, 5, 20)}, D(2026, 6, 18), False),
    (rules.UPLOAD_FILES, {"uploaded_on": D(2026, 5, 1), "applied_on": D(2026, 5, 20)}, D(2026, 6, 19), True),
    (rules.STAFF_RECORDS, {"round_closes": D(2020, 7, 31)}, D(2026, 7, 30), False),
    (rules.STAFF_RECORDS, {"round_closes": D(2020, 7, 31)}, D(2026, 7, 31), True),
    (rules.STAFF_RECORDS, {"round_closes": D(2024, 2, 29)}, D(2030, 2, 27), False),
    (rules.STAFF_RECORDS, {"round_closes": D(2024, 2, 29)}, D(2030, 2, 28), True),
    (rules.SURVEY_RESPONSES, {"round_closes": D(2023, 7, 31)}, D(2026, 7, 30), False),
    (rules.SURVEY_RESPONSES, {"round_closes": D(2023, 7, 31)}, D(2026, 7, 31), True),
    (rules.CHASE_EVIDENCE, {"contract_ends": None}, D(2099, 1, 1), False),
    (rules.CHASE_EVIDENCE, {"contract_ends": D(2020, 3, 31)}, D(2026, 3, 30), False),
    (rules.CHASE_EVIDENCE, {"contract_ends": D(2020, 3, 31)}, D(2026, 3, 31), True),
    (rules.ACCOUNT_WARNING, {"last_active": D(2024, 6, 1), "warned_on": None}, D(2026, 5, 31), False),
    (rules.ACCOUNT_WARNING, {"last_active": D(2024, 6, 1), "warned_on": None}, D(2026, 6, 1), True),
    (rules.ACCOUNT_WARNING, {"last_active": D(2024, 6, 1), "warned_on": D(2026, 6, 1)}, D(2026, 9, 1), False),
    (rules.ACCOUNT_DEACTIVATION, {"last_active": D(2024, 6, 1), "warned_on": None}, D(2030, 1, 1), False),
    (rules.ACCOUNT_DEACTIVATION, {"last_active": D(2024, 6, 1), "warned_on": D(2026, 6, 1)}, D(2026, 6, 30), False),
    (rules.ACCOUNT_DEACTIVATION, {"last_active": D(2024, 6, 1), "warned_on": D(2026, 6, 1)}, D(2026, 7, 1), True),
    # signed in after the warning: not deactivated
    (rules.ACCOUNT_DEACTIVATION, {"last_active": D(2026, 6, 5), "warned_on": D(2026, 6, 1)}, D(2026, 12, 1), False),
    (rules.INVITATIONS, {"expires_on": D(2026, 6, 15)}, D(2026, 6, 14), False),
    (rules.INVITATIONS, {"expires_on": D(2026, 6, 15)}, D(2026, 6, 15), True),
]


@pytest.mark.parametrize(("dataset", "dates", "today", "due"), CASES)
def test_each_dataset_is_due_on_its_limit_and_not_the_day_before(dataset, dates, today, due):
    assert is_due(dataset, dates, today=today, periods=P) is due


@pytest.mark.parametrize(("dataset", "dates", "today", "due"), [c for c in CASES if c[3]])
def test_a_legal_hold_pauses_every_dataset(dataset, dates, today, due):
    assert is_due(dataset, dates, today=today, periods=P, held=True) is False


def test_periods_are_overridable_and_checked():
    shorter = Periods.from_mapping({"staff_records_years": 2, "upload_files_days": 7})
    assert delete_on(rules.STAFF_RECORDS, {"round_closes": D(2024, 7, 31)}, shorter) == D(2026, 7, 31)
    assert delete_on(rules.UPLOAD_FILES, {"uploaded_on": D(2026, 1, 1)}, shorter) == D(2026, 1, 8)
    with pytest.raises(ValueError, match="Unknown retention periods: staff_years"):
        Periods.from_mapping({"staff_years": 2})
    with pytest.raises(ValueError, match="must be a whole number"):
        Periods.from_mapping({"staff_records_years": -1})


def test_due_by_answers_for_a_window_ahead():
    dates = {"round_closes": D(2020, 7, 31)}
    assert due_by(rules.STAFF_RECORDS, dates, until=D(2026, 7, 30), periods=P) is None
    assert due_by(rules.STAFF_RECORDS, dates, until=D(2026, 8, 15), periods=P) == D(2026, 7, 31)
    assert due_by(rules.CHASE_EVIDENCE, {"contract_ends": None}, until=D(2999, 1, 1), periods=P) is None


@pytest.mark.parametrize(("day", "years", "expected"), [
    (D(2024, 2, 29), 1, D(2025, 2, 28)), (D(2024, 2, 29), 4, D(2028, 2, 29)), (D(2025, 12, 31), 6, D(2031, 12, 31)),
])  # fmt: skip
def test_add_years_keeps_the_day_or_the_end_of_february(day, years, expected):
    assert add_years(day, years) == expected


def test_every_dataset_has_a_rule_and_a_label():
    datasets = {v for k, v in vars(rules).items() if k.isupper() and isinstance(v, str) and k != "LABELS"}
    assert datasets == set(rules.LABELS) == set(rules._RULES)
