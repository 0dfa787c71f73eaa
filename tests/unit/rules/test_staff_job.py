"""Job role, contract type and weekly hours rules for a staff record."""

from __future__ import annotations

from decimal import Decimal

import pytest

from collection.rules.staff import validate_staff_record
from tests.unit.rules.builders import SNAPSHOT, VALID_WORKPLACE, staff, summary, workplace

E, W = "error", "warning"
D = Decimal

CASES = [
    # job role: required, known, current
    pytest.param({}, [], id="valid-record"),
    pytest.param({"job_role": None}, [("job_role_required", "job_role", E)], id="job-role-missing"),
    pytest.param({"job_role": ""}, [("job_role_required", "job_role", E)], id="job-role-blank"),
    pytest.param({"job_role": "99"}, [("invalid_code", "job_role", E)], id="job-role-unknown"),
    pytest.param({"job_role": "52"}, [], id="job-role-support-worker"),
    pytest.param({"job_role": "22"}, [("job_role_retired", "job_role", E)], id="job-role-technician-retired"),
    # "other" job roles need a description
    pytest.param({"job_role": "23", "job_role_other": "Wellbeing lead"}, [], id="other-role-described"),
    pytest.param({"job_role": "27"}, [("job_role_other_required", "job_role_other", E)], id="other-role-no-text"),
    pytest.param(
        {"job_role": "23", "job_role_other": "   "},
        [("job_role_other_required", "job_role_other", E)],
        id="other-role-only-spaces",
    ),
    pytest.param({"job_role": "23", "job_role_other": "x" * 120}, [], id="other-role-120-chars"),
    pytest.param(
        {"job_role": "23", "job_role_other": "x" * 121},
        [("job_role_other_too_long", "job_role_other", E)],
        id="other-role-121-chars",
    ),
    pytest.param(
        {"job_role_other": "Night carer"},
        [("job_role_other_not_needed", "job_role_other", W)],
        id="description-for-ordinary-role",
    ),
    # contract type
    pytest.param({"contract_type": None}, [("contract_type_required", "contract_type", E)], id="contract-missing"),
    pytest.param({"contract_type": "5"}, [("invalid_code", "contract_type", E)], id="contract-unknown"),
    pytest.param(
        {"contract_type": "3", "contracted_hours": None, "average_hours": D(20)}, [], id="bank-with-average-hours"
    ),
    # zero-hours and contracted hours (ASC-WDS ZEROHRCONT / CONTHOURS)
    pytest.param({"zero_hours": "3"}, [("invalid_code", "zero_hours", E)], id="zero-hours-code-unknown"),
    pytest.param(
        {"zero_hours": "1"},
        [("zero_hours_with_contracted_hours", "contracted_hours", E)],
        id="zero-hours-with-contracted-hours",
    ),
    pytest.param(
        {"zero_hours": "999"},
        [("zero_hours_with_contracted_hours", "contracted_hours", E)],
        id="dont-know-zero-hours-with-contracted-hours",
    ),
    pytest.param(
        {"zero_hours": "1", "contracted_hours": None, "average_hours": D(16)}, [], id="zero-hours-with-average-hours"
    ),
    pytest.param(
        {"zero_hours": "1", "contracted_hours": D(0), "average_hours": D(16)},
        [],
        id="zero-hours-with-0-contracted-hours",
    ),
    pytest.param(
        {"zero_hours": None},
        [("zero_hours_missing_with_contracted_hours", "zero_hours", W)],
        id="contracted-hours-zero-hours-unanswered",
    ),
    pytest.param({"zero_hours": None, "contracted_hours": None}, [], id="nothing-answered-yet"),
    pytest.param(
        {"contracted_hours": D(0)},
        [("contracted_hours_zero_not_zero_hours", "contracted_hours", W)],
        id="0-contracted-hours-not-zero-hours",
    ),
    # hours in the right place
    pytest.param(
        {"contract_type": "4", "average_hours": D(20)},
        [("contracted_hours_not_applicable", "contracted_hours", W)],
        id="agency-with-contracted-hours",
    ),
    pytest.param(
        {"average_hours": D(30)},
        [("average_hours_not_applicable", "average_hours", W)],
        id="permanent-with-average-hours",
    ),
    pytest.param({"contract_type": "7", "contracted_hours": None, "average_hours": D(12)}, [], id="other-average"),
    # hours range, steps and the 48-hour check
    pytest.param({"contracted_hours": D(48)}, [], id="48-hours"),
    pytest.param(
        {"contracted_hours": D("48.5")},
        [("contracted_hours_over_48", "contracted_hours", W)],
        id="contracted-48.5-hours",
    ),
    pytest.param({"contracted_hours": D(75)}, [("contracted_hours_over_48", "contracted_hours", W)], id="75-hours"),
    pytest.param({"contracted_hours": D("75.5")}, [("hours_out_of_range", "contracted_hours", E)], id="75.5-hours"),
    pytest.param({"contracted_hours": D(-1)}, [("hours_out_of_range", "contracted_hours", E)], id="negative-hours"),
    pytest.param({"contracted_hours": D("37.25")}, [("hours_not_half_hour", "contracted_hours", E)], id="37.25"),
    pytest.param(
        {"contract_type": "3", "contracted_hours": None, "average_hours": D(50)},
        [("average_hours_over_48", "average_hours", W)],
        id="average-50-hours",
    ),
    pytest.param(
        {"contract_type": "3", "contracted_hours": None, "average_hours": D(80)},
        [("hours_out_of_range", "average_hours", E)],
        id="average-80-hours",
    ),
    pytest.param(
        {"contract_type": "3", "contracted_hours": None, "average_hours": D("10.3")},
        [("hours_not_half_hour", "average_hours", E)],
        id="average-10.3-hours",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_job_and_hours_rules(changes: dict, expected: list) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT, workplace=VALID_WORKPLACE)
    assert summary(issues) == sorted(expected)


WORKPLACE_CASES = [
    pytest.param("4", True, [], id="registered-manager-regulated"),
    pytest.param("4", None, [], id="registered-manager-regulation-unknown"),
    pytest.param(
        "4", False, [("registered_manager_not_regulated", "job_role", E)], id="registered-manager-not-regulated"
    ),
    pytest.param("8", False, [], id="care-worker-not-regulated"),
]


@pytest.mark.parametrize(("job_role", "regulated", "expected"), WORKPLACE_CASES)
def test_registered_manager_needs_a_regulated_workplace(job_role: str, regulated: bool | None, expected: list) -> None:
    issues = validate_staff_record(
        staff(job_role=job_role), snapshot_date=SNAPSHOT, workplace=workplace(is_cqc_regulated=regulated)
    )
    assert summary(issues) == expected


def test_registered_manager_without_a_workplace_is_not_checked() -> None:
    assert validate_staff_record(staff(job_role="4"), snapshot_date=SNAPSHOT) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"zero_hours": "1"}, "is on a zero-hours contract"),
        ({"zero_hours": "999"}, "may be on a zero-hours contract"),
        ({"contracted_hours": D("37.25")}, "you entered 37.25"),
        ({"contracted_hours": D(60)}, "60 contracted hours a week is more than 48"),
        ({"job_role": "22"}, "'Technician' is no longer a job role"),
    ],
)
def test_messages_name_the_problem(changes: dict, words: str) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT)
    assert words in issues[0].message
