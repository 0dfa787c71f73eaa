"""Reference, coded answers, dates, sickness, nationality and qualification rules for a staff record."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from collection.rules.staff import validate_staff_record
from collection.rules.staff_person import looks_like_ni_number
from tests.unit.rules.builders import SNAPSHOT, staff, summary

E, W = "error", "warning"
D = Decimal

CASES = [
    # staff reference
    pytest.param({"local_ref": ""}, [("local_ref_required", "local_ref", E)], id="ref-missing"),
    pytest.param({"local_ref": "   "}, [("local_ref_required", "local_ref", E)], id="ref-spaces"),
    pytest.param({"local_ref": "x" * 50}, [], id="ref-50-chars"),
    pytest.param({"local_ref": "x" * 51}, [("local_ref_too_long", "local_ref", E)], id="ref-51-chars"),
    pytest.param({"local_ref": "QQ123456C"}, [("local_ref_looks_like_ni_number", "local_ref", E)], id="ref-ni-number"),
    pytest.param(
        {"local_ref": "qq 12 34 56 c"}, [("local_ref_looks_like_ni_number", "local_ref", E)], id="ref-ni-spaced"
    ),
    pytest.param({"local_ref": "EMP123456"}, [], id="ref-three-letters"),
    # coded answers must be in their lists
    pytest.param({"gender": "9"}, [("invalid_code", "gender", E)], id="gender-unknown"),
    pytest.param({"gender": "3"}, [], id="gender-dont-know"),
    pytest.param({"ethnicity": "30"}, [("invalid_code", "ethnicity", E)], id="ethnicity-unknown"),
    pytest.param({"ethnicity": "99"}, [], id="ethnicity-dont-know"),
    pytest.param({"nationality": "123"}, [("invalid_code", "nationality", E)], id="nationality-unknown"),
    pytest.param({"nationality": "998"}, [], id="nationality-dont-know"),
    pytest.param({"disability": "4"}, [("invalid_code", "disability", E)], id="disability-unknown"),
    pytest.param({"recruitment_source": "3"}, [("invalid_code", "recruitment_source", E)], id="recruitment-unknown"),
    pytest.param({"care_certificate": "4"}, [("invalid_code", "care_certificate", E)], id="care-certificate-unknown"),
    pytest.param({"apprenticeship": "3"}, [("invalid_code", "apprenticeship", E)], id="apprenticeship-unknown"),
    pytest.param(
        {"other_qualification": "0"}, [("invalid_code", "other_qualification", E)], id="other-qualification-unknown"
    ),
    # sickness days
    pytest.param({"sickness_days": D(0)}, [], id="sickness-0"),
    pytest.param({"sickness_days": D(366)}, [], id="sickness-366"),
    pytest.param({"sickness_days": D("366.5")}, [("sickness_days_out_of_range", "sickness_days", E)], id="366.5"),
    pytest.param({"sickness_days": D(-1)}, [("sickness_days_out_of_range", "sickness_days", E)], id="sickness-neg"),
    pytest.param({"sickness_days": D("2.25")}, [("sickness_days_not_half_day", "sickness_days", E)], id="2.25"),
    # birth year: age 14 to 100 on the snapshot date
    pytest.param({"birth_year": 2027}, [("birth_year_in_future", "birth_year", E)], id="born-after-snapshot"),
    pytest.param(
        {"birth_year": 2013, "start_date": None, "year_started_in_sector": None},
        [("birth_year_age_out_of_range", "birth_year", W)],
        id="born-2013-under-14",
    ),
    pytest.param(
        {"birth_year": 2012, "start_date": None, "year_started_in_sector": None}, [], id="born-2012-may-be-14"
    ),
    pytest.param({"birth_year": 1925}, [], id="born-1925-may-be-100"),
    pytest.param({"birth_year": 1924}, [("birth_year_age_out_of_range", "birth_year", W)], id="born-1924-over-100"),
    # start date
    pytest.param({"start_date": SNAPSHOT}, [], id="started-on-snapshot"),
    pytest.param(
        {"start_date": date(2026, 4, 1)}, [("start_date_in_future", "start_date", W)], id="started-after-snapshot"
    ),
    pytest.param(
        {"start_date": date(1998, 1, 1), "year_started_in_sector": None},
        [("start_date_before_age_14", "start_date", W)],
        id="started-at-13",
    ),
    pytest.param(
        {"start_date": date(1999, 1, 1), "year_started_in_sector": 1999}, [], id="started-in-year-of-14th-birthday"
    ),
    # year started in the sector
    pytest.param(
        {"year_started_in_sector": 2027, "start_date": None},
        [("sector_start_in_future", "year_started_in_sector", W)],
        id="sector-after-snapshot",
    ),
    pytest.param(
        {"year_started_in_sector": 2021},
        [("sector_start_after_job_start", "year_started_in_sector", W)],
        id="sector-after-job-start",
    ),
    pytest.param({"year_started_in_sector": 2020}, [], id="sector-same-year-as-job"),
    pytest.param(
        {"year_started_in_sector": 1998},
        [("sector_start_before_age_14", "year_started_in_sector", W)],
        id="sector-at-13",
    ),
    # Health and Care Worker visa: only for workers who are not British
    pytest.param(
        {"health_care_visa": "1"},
        [("health_care_visa_british_national", "health_care_visa", W)],
        id="visa-british",
    ),
    pytest.param({"health_care_visa": "1", "nationality": "616"}, [], id="visa-polish"),
    pytest.param({"health_care_visa": "1", "nationality": "998"}, [], id="visa-nationality-not-known"),
    pytest.param(
        {"health_care_visa": "5", "nationality": "616"}, [("invalid_code", "health_care_visa", E)], id="visa-unknown"
    ),
    # social care qualification and its level
    pytest.param(
        {"social_care_level": None}, [("social_care_level_required", "social_care_level", E)], id="yes-without-level"
    ),
    pytest.param({"social_care_level": "999"}, [], id="yes-level-dont-know"),
    pytest.param({"social_care_level": "9"}, [("invalid_code", "social_care_level", E)], id="level-unknown"),
    pytest.param(
        {"social_care_qualification": "2"},
        [("social_care_level_not_needed", "social_care_level", W)],
        id="no-with-level",
    ),
    pytest.param({"social_care_qualification": "2", "social_care_level": None}, [], id="no-qualification"),
    pytest.param(
        {"social_care_qualification": "4"},
        [("invalid_code", "social_care_qualification", E), ("social_care_level_not_needed", "social_care_level", W)],
        id="qualification-answer-unknown",
    ),
    pytest.param(
        {"other_qualification_level": "4"},
        [("other_qualification_level_not_needed", "other_qualification_level", W)],
        id="other-no-with-level",
    ),
    pytest.param({"other_qualification": "1", "other_qualification_level": "4"}, [], id="other-yes-with-level"),
    pytest.param({"other_qualification": "1"}, [], id="other-yes-without-level"),
    pytest.param(
        {"other_qualification": "1", "other_qualification_level": "12"},
        [("invalid_code", "other_qualification_level", E)],
        id="other-level-unknown",
    ),
    # social workers, registered nurses and occupational therapists are qualified
    pytest.param({"job_role": "6"}, [], id="social-worker-level-3"),
    pytest.param(
        {"job_role": "6", "social_care_qualification": "2", "social_care_level": None},
        [("professional_role_without_qualification", "social_care_qualification", W)],
        id="social-worker-not-qualified",
    ),
    pytest.param(
        {"job_role": "15", "social_care_level": "999"},
        [("professional_role_without_qualification", "social_care_qualification", W)],
        id="ot-level-dont-know",
    ),
    pytest.param(
        {"job_role": "16", "social_care_qualification": "999", "social_care_level": None},
        [("professional_role_without_qualification", "social_care_qualification", W)],
        id="nurse-dont-know",
    ),
    pytest.param(
        {"job_role": "16", "social_care_level": None},
        [("social_care_level_required", "social_care_level", E)],
        id="nurse-yes-without-level-reported-once",
    ),
    pytest.param({"job_role": "16", "social_care_qualification": None, "social_care_level": None}, [], id="nurse-tbc"),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_person_rules(changes: dict, expected: list) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT)
    assert summary(issues) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "looks_like"),
    [
        ("AB123456C", True),
        ("AB123456", True),
        ("ab 12 34 56 d", True),
        ("QQ123456C", True),  # the made-up example on forms
        ("AB123456E", False),  # suffix is A to D
        ("AB12345", False),
        ("ABC123456", False),
        ("A1234567", False),
        ("CW-001", False),
    ],
)
def test_looks_like_ni_number(text: str, looks_like: bool) -> None:
    assert looks_like_ni_number(text) is looks_like


def test_ni_number_message_is_the_one_users_see() -> None:
    issues = validate_staff_record(staff(local_ref="QQ123456C"), snapshot_date=SNAPSHOT)
    assert issues[0].message == "Use your own staff reference, not a National Insurance number"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"gender": "9"}, "'9' is not a valid gender code"),
        ({"sickness_days": D(400)}, "between 0 and 366 (you entered 400)"),
        ({"start_date": date(2026, 5, 2)}, "must not be after 31 March 2026 (you entered 2 May 2026)"),
        ({"job_role": "6", "social_care_qualification": "2", "social_care_level": None}, "A social worker usually"),
    ],
)
def test_person_messages(changes: dict, words: str) -> None:
    issues = validate_staff_record(staff(**changes), snapshot_date=SNAPSHOT)
    assert words in issues[0].message
