"""Completeness policies are data: built from a contract requirement's stored settings, checked on the way in."""

from __future__ import annotations

import pytest

from collection.rules.policy import DEFAULT_POLICY, LA_AGENCY_KEY_FIELDS, CompletenessPolicy


def test_default_policy_is_the_national_rule() -> None:
    assert DEFAULT_POLICY.threshold_percent == 90
    assert "gender" in DEFAULT_POLICY.staff_key_fields
    assert "total_staff" in DEFAULT_POLICY.workplace_fields
    assert DEFAULT_POLICY.agency_key_fields == LA_AGENCY_KEY_FIELDS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({}, DEFAULT_POLICY, id="empty-means-default"),
        pytest.param(DEFAULT_POLICY.to_dict(), DEFAULT_POLICY, id="round-trip"),
        pytest.param(
            {"threshold_percent": "95", "staff_key_fields": ["gender"], "workplace_fields": []},
            CompletenessPolicy(threshold_percent=95, staff_key_fields=("gender",), workplace_fields=()),
            id="stored-values",
        ),
    ],
)
def test_policy_from_dict(data: dict, expected: CompletenessPolicy) -> None:
    assert CompletenessPolicy.from_dict(data) == expected


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        pytest.param({"threshold_percent": 101}, ValueError, "0 to 100", id="threshold-over-100"),
        pytest.param({"threshold_percent": -1}, ValueError, "0 to 100", id="threshold-negative"),
        pytest.param({"threshold_percent": None}, TypeError, "whole number", id="threshold-none"),
        pytest.param({"staff_key_fields": ["shoe_size"]}, ValueError, "shoe_size", id="unknown-staff-field"),
        pytest.param({"workplace_fields": ["colour"]}, ValueError, "colour", id="unknown-workplace-field"),
        pytest.param({"agency_key_fields": ["local_ref"]}, ValueError, "local_ref", id="reference-not-a-key-field"),
        pytest.param({"staff_key_fields": "gender"}, TypeError, "list of field names", id="string-not-list"),
    ],
)
def test_bad_policies_are_refused(data: dict, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        CompletenessPolicy.from_dict(data)
