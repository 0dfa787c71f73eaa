"""Every issue code is registered, and every registered code has a failing row in a rule table."""

from __future__ import annotations

import pytest

from collection.rules import ALL_CODES
from collection.rules.issues import error, warning
from tests.unit.rules import test_pay, test_section, test_staff_job, test_staff_person, test_workplace
from tests.unit.rules.builders import codes_in

TABLES = [
    test_staff_job.CASES,
    test_staff_job.WORKPLACE_CASES,
    test_pay.CASES,
    test_staff_person.CASES,
    test_section.CASES,
    test_workplace.CASES,
]


def test_every_registered_code_is_exercised_by_a_table() -> None:
    exercised = set().union(*(codes_in(table) for table in TABLES))
    assert set(ALL_CODES) - exercised == set()
    assert exercised - set(ALL_CODES) == set()


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_codes_are_snake_case_with_a_description(code: str) -> None:
    assert code.replace("_", "").isalnum() and code == code.lower()
    assert ALL_CODES[code].endswith(("(error).", "(warning)."))


@pytest.mark.parametrize("make", [error, warning])
def test_an_unregistered_code_cannot_be_raised(make) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="Unregistered issue code"):
        make("no_such_code", "field", "message")


def test_each_code_always_has_the_severity_its_description_says() -> None:
    for table in TABLES:
        for row in table:
            for code, _field, severity in row.values[-1]:
                assert ALL_CODES[code].endswith(f"({severity})."), code
