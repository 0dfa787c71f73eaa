"""Completeness: which key fields a staff record still needs, and how complete a whole return is."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

import pytest

from collection.rules.completeness import return_completeness, staff_record_missing, workplace_missing
from collection.rules.policy import DEFAULT_POLICY, STAFF_FIELD_LABELS, WORKPLACE_FIELD_LABELS, CompletenessPolicy
from collection.rules.records import JobRoleCount, StaffRecordData, WorkplaceData, WorkplaceSectionData
from tests.unit.rules.builders import VALID_SECTION, VALID_WORKPLACE, section, staff, workplace

D = Decimal

STAFF_CASES = [
    pytest.param({}, [], id="complete-permanent"),
    pytest.param({"gender": None, "pay_rate": None}, ["pay_rate", "gender"], id="gender-and-pay-missing"),
    pytest.param({"gender": "3", "ethnicity": "99"}, [], id="dont-know-counts-as-answered"),
    pytest.param({"contracted_hours": None}, ["contracted_hours"], id="permanent-needs-contracted"),
    pytest.param({"zero_hours": "1", "contracted_hours": None}, ["average_hours"], id="zero-hours-needs-average"),
    pytest.param({"zero_hours": "1", "contracted_hours": None, "average_hours": D(12)}, [], id="zero-hours-average"),
    pytest.param({"contract_type": "3", "contracted_hours": None}, ["average_hours"], id="bank-needs-average"),
    pytest.param(
        {"contract_type": "3", "contracted_hours": None, "average_hours": D(8), "sickness_days": None},
        [],
        id="bank-no-sickness-needed",
    ),
    pytest.param(
        {"contract_type": "7", "contracted_hours": None, "average_hours": D(8), "sickness_days": None},
        ["sickness_days"],
        id="other-contract-needs-sickness",
    ),
    pytest.param({"sickness_days": None}, ["sickness_days"], id="permanent-needs-sickness"),
    pytest.param({"social_care_level": None}, ["social_care_level"], id="qualification-yes-needs-level"),
    pytest.param({"social_care_qualification": "2", "social_care_level": None}, [], id="no-qualification-no-level"),
    pytest.param(
        {"social_care_qualification": None, "social_care_level": None},
        ["social_care_qualification"],
        id="qualification-unanswered",
    ),
    pytest.param(
        {
            "contract_type": "4",
            "contracted_hours": None,
            "average_hours": D(20),
            "gender": None,
            "birth_year": None,
            "ethnicity": None,
            "social_care_qualification": None,
            "social_care_level": None,
            "other_qualification": None,
            "sickness_days": None,
        },
        [],
        id="agency-needs-only-job-hours-pay",
    ),
    pytest.param(
        {"contract_type": "4", "contracted_hours": None, "pay_interval": None, "pay_rate": None},
        ["average_hours", "pay_interval", "pay_rate"],
        id="agency-missing-hours-and-pay",
    ),
    pytest.param({"pay_interval": "999", "pay_rate": None}, ["pay_rate"], id="pay-dont-know-needs-rate"),
    pytest.param({"contract_type": None}, ["contract_type"], id="contract-missing-hours-not-judged"),
    pytest.param({"job_role": "6"}, [], id="qualified-social-worker"),
    pytest.param(
        {"job_role": "6", "social_care_qualification": "2", "social_care_level": None},
        ["social_care_qualification"],
        id="social-worker-must-be-yes",
    ),
    pytest.param(
        {"job_role": "15", "social_care_qualification": "999", "social_care_level": None},
        ["social_care_qualification"],
        id="ot-must-be-yes",
    ),
    pytest.param(
        {"job_role": "16", "social_care_qualification": "2", "social_care_level": None}, [], id="nurse-may-be-no"
    ),
]


@pytest.mark.parametrize(("changes", "expected"), STAFF_CASES)
def test_staff_record_missing(changes: dict, expected: list) -> None:
    assert staff_record_missing(staff(**changes), policy=DEFAULT_POLICY) == expected


@pytest.mark.parametrize(
    ("policy_fields", "changes", "expected"),
    [
        pytest.param(("nationality", "start_date"), {"nationality": None}, ["nationality"], id="extra-field-missing"),
        pytest.param(("nationality",), {"gender": None}, [], id="field-not-in-policy"),
        pytest.param(("job_role_other",), {"job_role": "23"}, ["job_role_other"], id="other-role-description"),
        pytest.param(("job_role_other",), {}, [], id="description-not-needed"),
        pytest.param(
            ("other_qualification_level",),
            {"other_qualification": "1"},
            ["other_qualification_level"],
            id="other-level-after-yes",
        ),
        pytest.param(("other_qualification_level",), {}, [], id="other-level-after-no"),
    ],
)
def test_staff_key_fields_come_from_the_policy(policy_fields: tuple, changes: dict, expected: list) -> None:
    policy = CompletenessPolicy(threshold_percent=90, staff_key_fields=policy_fields, workplace_fields=())
    assert staff_record_missing(staff(**changes), policy=policy) == expected


WORKPLACE_CASES = [
    pytest.param({}, {}, [], id="all-answered"),
    pytest.param({"employer_type": None, "service_users": ()}, {}, ["employer_type", "service_users"], id="two-gaps"),
    pytest.param({"capacity": None}, {}, ["capacity"], id="care-home-capacity"),
    pytest.param({"main_service": "8", "capacity": None}, {}, [], id="home-care-has-no-capacity-question"),
    pytest.param({"main_service": "8", "utilisation": None}, {}, ["utilisation"], id="home-care-utilisation"),
    pytest.param({"main_service": "13", "capacity": None, "utilisation": None}, {}, [], id="carers-support-neither"),
    pytest.param({"main_service": None, "capacity": None}, {}, ["main_service"], id="no-service-no-capacity-asked"),
    pytest.param({"main_service": "72", "service_users": (), "capacity": None}, {}, [], id="head-office"),
    pytest.param({}, {"total_staff": None}, ["total_staff"], id="total-staff"),
    pytest.param({}, {"vacancies_declared": None}, ["vacancies_declared"], id="vacancies-unanswered"),
    pytest.param({}, {"vacancies_declared": "dont_know"}, [], id="dont-know-is-an-answer"),
    pytest.param({}, {"vacancies_declared": "with_jobs"}, ["vacancies_declared"], id="with-jobs-without-numbers"),
    pytest.param(
        {},
        {"starters_declared": "with_jobs", "job_roles": (JobRoleCount("8", leavers=3),)},
        ["starters_declared"],
        id="starters-with-jobs-all-zero",
    ),
]


@pytest.mark.parametrize(("place", "return_section", "expected"), WORKPLACE_CASES)
def test_workplace_missing(place: dict, return_section: dict, expected: list) -> None:
    missing = workplace_missing(workplace=workplace(**place), section=section(**return_section), policy=DEFAULT_POLICY)
    assert missing == expected


@pytest.mark.parametrize(
    ("field", "place", "return_section", "applies"),
    [
        ("pension_percentage", {}, {"pension": "1", "pension_percentage": None}, True),
        ("pension_percentage", {}, {"pension": "0", "pension_percentage": None}, False),
        ("sleep_in_pay", {}, {"sleep_ins": "1", "sleep_in_pay": None}, True),
        ("sleep_in_pay", {}, {"sleep_ins": "2", "sleep_in_pay": None}, False),
        ("travel_time_rate", {}, {"travel_time_pay": "3", "travel_time_rate": None}, True),
        ("travel_time_rate", {}, {"travel_time_pay": "1", "travel_time_rate": None}, False),
        ("cqc_location_id", {"cqc_location_id": ""}, {}, True),
        ("cqc_location_id", {"cqc_location_id": "", "is_cqc_regulated": False}, {}, False),
        ("leaver_reasons", {}, {"leaver_reasons": {}}, True),
        ("leaver_reasons", {}, {"leaver_reasons": {}, "leavers_declared": "none"}, False),
    ],
)
def test_follow_up_workplace_fields_only_when_asked(
    field: str, place: dict, return_section: dict, applies: bool
) -> None:
    policy = CompletenessPolicy(threshold_percent=90, staff_key_fields=(), workplace_fields=(field,))
    missing = workplace_missing(workplace=workplace(**place), section=section(**return_section), policy=policy)
    assert missing == ([field] if applies else [])


def _team(size: int, *, incomplete: int = 0) -> list[StaffRecordData]:
    """`size` staff records CW-001 onwards, the last `incomplete` of them without gender."""
    return [staff(local_ref=f"CW-{n:03}", gender=None if n > size - incomplete else "2") for n in range(1, size + 1)]


RETURN_CASES = [
    # (workplace changes, section changes, staff, percent, is_complete, missing)
    pytest.param({}, {"total_staff": 10}, _team(10), 100, True, (), id="all-complete"),
    pytest.param(
        {},
        {"total_staff": 10},
        _team(10, incomplete=1),
        100,
        True,
        ("Staff record CW-010: gender",),
        id="90-percent-is-enough",
    ),
    pytest.param(
        {},
        {"total_staff": 10},
        _team(10, incomplete=2),
        89,
        False,
        (
            "Complete 1 more staff record – at least 90% of staff records must be complete (8 of 10 are)",
            "Staff record CW-009: gender",
            "Staff record CW-010: gender",
        ),
        id="80-percent-is-not",
    ),
    pytest.param(
        {},
        {"total_staff": 12},
        _team(10),
        90,
        False,
        ("2 staff records (you told us 12 staff and have added 10)",),
        id="records-short",
    ),
    pytest.param(
        {},
        {"total_staff": 9},
        _team(10),
        99,
        False,
        ("Remove 1 staff record or change the total number of staff (you told us 9 staff and have added 10)",),
        id="records-over",
    ),
    pytest.param(
        {"employer_type": None},
        {"total_staff": 10},
        _team(10),
        94,
        False,
        ("Type of employer",),
        id="workplace-field-missing",
    ),
    pytest.param({}, {"total_staff": None}, _team(2), 90, False, ("Total number of staff",), id="total-unknown"),
    pytest.param(
        {},
        {"total_staff": 0, "starters_declared": "none", "leavers_declared": "none", "job_roles": ()},
        [],
        100,
        True,
        (),
        id="no-staff-declared-none-added",
    ),
    pytest.param(
        {},
        {"total_staff": 1},
        [],
        90,
        False,
        ("1 staff record (you told us 1 member of staff and have added 0)",),
        id="one-missing",
    ),
    pytest.param(
        {},
        {"total_staff": 3},
        [staff(local_ref=" ", gender=None, ethnicity=None)] + _team(2),
        91,
        False,
        (
            "Complete 1 more staff record – at least 90% of staff records must be complete (2 of 3 are)",
            "Staff record (no reference): gender, ethnicity",
        ),
        id="record-without-reference",
    ),
]


@pytest.mark.parametrize(("place", "return_section", "team", "percent", "is_complete", "missing"), RETURN_CASES)
def test_return_completeness(
    place: dict, return_section: dict, team: list, percent: int, is_complete: bool, missing: tuple
) -> None:
    result = return_completeness(
        workplace=workplace(**place), section=section(**return_section), staff=team, policy=DEFAULT_POLICY
    )
    assert (result.progress_percent, result.is_complete, result.missing) == (percent, is_complete, missing)
    assert result.total_records == len(team)


@pytest.mark.parametrize(("threshold", "is_complete"), [(80, True), (90, False), (100, False)])
def test_threshold_comes_from_the_policy(threshold: int, is_complete: bool) -> None:
    policy = CompletenessPolicy(
        threshold_percent=threshold,
        staff_key_fields=DEFAULT_POLICY.staff_key_fields,
        workplace_fields=DEFAULT_POLICY.workplace_fields,
    )
    team = _team(5, incomplete=1)  # 4 of 5 = 80 %
    result = return_completeness(workplace=VALID_WORKPLACE, section=section(total_staff=5), staff=team, policy=policy)
    assert (result.is_complete, result.complete_records, result.total_records) == (is_complete, 4, 5)


def test_an_empty_policy_only_checks_the_record_count() -> None:
    policy = CompletenessPolicy(threshold_percent=0, staff_key_fields=(), workplace_fields=())
    bare = [StaffRecordData(local_ref="A"), StaffRecordData(local_ref="B")]
    result = return_completeness(
        workplace=WorkplaceData(), section=WorkplaceSectionData(total_staff=2), staff=bare, policy=policy
    )
    assert (result.progress_percent, result.is_complete, result.missing) == (100, True, ())


def test_every_record_field_has_a_label() -> None:
    record_fields = {field.name for field in fields(StaffRecordData)} - {"local_ref"}
    place_fields = {field.name for field in fields(WorkplaceData)} | {field.name for field in fields(VALID_SECTION)}
    assert set(STAFF_FIELD_LABELS) == record_fields
    assert set(WORKPLACE_FIELD_LABELS) == place_fields
