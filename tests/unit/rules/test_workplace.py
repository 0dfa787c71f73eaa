"""Rules for a workplace's standing details."""

from __future__ import annotations

import pytest

from collection.rules.workplace import is_uk_postcode, validate_workplace
from tests.unit.rules.builders import summary, workplace

E, W = "error", "warning"
NOT_REGULATED = {"is_cqc_regulated": False, "cqc_location_id": "", "main_service": "6"}  # day care

CASES = [
    pytest.param({}, [], id="valid-workplace"),
    # name and address
    pytest.param({"name": ""}, [("name_required", "name", E)], id="name-missing"),
    pytest.param({"name": "x" * 120}, [], id="name-120"),
    pytest.param({"name": "x" * 121}, [("name_too_long", "name", E)], id="name-121"),
    pytest.param({"address1": " "}, [("address1_required", "address1", E)], id="address-missing"),
    pytest.param({"address1": "x" * 40}, [], id="address-40"),
    pytest.param({"address1": "x" * 41}, [("address1_too_long", "address1", E)], id="address-41"),
    # postcode
    pytest.param({"postcode": ""}, [("postcode_required", "postcode", E)], id="postcode-missing"),
    pytest.param({"postcode": "ls14ap"}, [], id="postcode-lower-no-space"),
    pytest.param({"postcode": "LS1"}, [("postcode_invalid", "postcode", E)], id="postcode-outward-only"),
    pytest.param({"postcode": "12345"}, [("postcode_invalid", "postcode", E)], id="postcode-zip"),
    # CQC registration and location ID
    pytest.param({"is_cqc_regulated": None}, [("cqc_regulated_required", "is_cqc_regulated", E)], id="cqc-unanswered"),
    pytest.param(
        {"cqc_location_id": ""}, [("cqc_location_id_required", "cqc_location_id", E)], id="regulated-without-id"
    ),
    pytest.param({"cqc_location_id": "1-12345678"}, [], id="id-8-digits"),
    pytest.param({"cqc_location_id": "1-123456789012"}, [], id="id-12-digits"),
    pytest.param(
        {"cqc_location_id": "1-1234567"}, [("cqc_location_id_invalid", "cqc_location_id", E)], id="id-7-digits"
    ),
    pytest.param(
        {"cqc_location_id": "1-1234567890123"}, [("cqc_location_id_invalid", "cqc_location_id", E)], id="id-13-digits"
    ),
    pytest.param(
        {"cqc_location_id": "RXX-123456789"}, [("cqc_location_id_invalid", "cqc_location_id", E)], id="id-letters"
    ),
    pytest.param(
        {"main_service": "72", "cqc_location_id": "", "capacity": None, "utilisation": None},
        [],
        id="regulated-head-office-without-id",
    ),
    pytest.param(NOT_REGULATED, [], id="not-regulated"),
    pytest.param(
        {**NOT_REGULATED, "cqc_location_id": "1-123456789"},
        [("cqc_location_id_not_needed", "cqc_location_id", W)],
        id="not-regulated-with-id",
    ),
    # main service
    pytest.param({"main_service": None}, [("main_service_required", "main_service", E)], id="main-service-missing"),
    pytest.param({"main_service": "999"}, [("invalid_code", "main_service", E)], id="main-service-unknown"),
    pytest.param(
        {"is_cqc_regulated": False, "cqc_location_id": ""},
        [("regulated_main_service_mismatch", "is_cqc_regulated", W)],
        id="care-home-not-regulated",
    ),
    pytest.param(
        {"main_service": "6"},
        [("regulated_main_service_mismatch", "is_cqc_regulated", W)],
        id="day-care-regulated",
    ),
    pytest.param({"main_service": "73"}, [], id="live-in-care-may-be-regulated"),
    pytest.param({"main_service": "73", "is_cqc_regulated": False, "cqc_location_id": ""}, [], id="live-in-not-reg"),
    # other codes
    pytest.param({"other_services": ("8", "500")}, [("invalid_code", "other_services", E)], id="other-service-bad"),
    pytest.param({"service_users": ("1", "99")}, [("invalid_code", "service_users", E)], id="service-user-bad"),
    pytest.param({"employer_type": "2"}, [("invalid_code", "employer_type", E)], id="employer-type-bad"),
    # capacity and utilisation
    pytest.param({"capacity": 999, "utilisation": 999}, [], id="capacity-999-full"),
    pytest.param({"capacity": 1000}, [("capacity_out_of_range", "capacity", E)], id="capacity-1000"),
    pytest.param({"utilisation": -1}, [("utilisation_out_of_range", "utilisation", E)], id="utilisation-negative"),
    pytest.param(
        {"capacity": 40, "utilisation": 41}, [("utilisation_exceeds_capacity", "utilisation", E)], id="overfull"
    ),
    pytest.param({"capacity": None, "utilisation": 41}, [], id="utilisation-without-capacity"),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_workplace_rules(changes: dict, expected: list) -> None:
    assert summary(validate_workplace(workplace(**changes))) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("SW1A 1AA", True),
        ("M1 1AE", True),
        ("B33 8TH", True),
        ("CR2 6XH", True),
        ("DN55 1PT", True),
        ("EC1A 1BB", True),
        ("  sw1a   1aa ", True),
        ("GIR 0AA", True),
        ("SW1A 1A", False),
        ("Q1 1AA", False),
        ("SW1A-1AA", False),
        ("", False),
    ],
)
def test_is_uk_postcode(text: str, valid: bool) -> None:
    assert is_uk_postcode(text) is valid


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"postcode": "LS1"}, "Enter a full UK postcode, like AA1 1AA (you entered LS1)"),
        ({"cqc_location_id": "123"}, "like 1-123456789 (you entered 123)"),
        ({"capacity": 40, "utilisation": 41}, "Number in use (41) must not be more than the capacity (40)"),
        ({"main_service": "6"}, "Day care and day services is not regulated by CQC"),
    ],
)
def test_workplace_messages(changes: dict, words: str) -> None:
    assert words in validate_workplace(workplace(**changes))[0].message
