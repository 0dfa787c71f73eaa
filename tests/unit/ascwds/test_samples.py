"""The two sample uploads give exactly the outcomes their expected.json describes."""

import json
from pathlib import Path

import pytest

from collection.ascwds import ExistingData, read_upload, validate_upload
from tests.unit.ascwds.helpers import SNAPSHOT

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ascwds"


def _result(name: str):
    folder = FIXTURES / name
    files = read_upload(
        [("workplace.csv", (folder / "workplace.csv").read_bytes()), ("staff.csv", (folder / "staff.csv").read_bytes())]
    )
    expected = json.loads((folder / "expected.json").read_text())
    return validate_upload(files, existing=ExistingData(), snapshot_date=SNAPSHOT), expected


@pytest.mark.parametrize("name", ["clean", "with-errors"])
def test_sample_counts_are_the_rows_in_the_files(name):
    result, expected = _result(name)
    assert sum(result.counts["workplaces"].values()) == expected["workplaces"]
    assert sum(result.counts["staff"].values()) == expected["staff"]
    assert result.counts["workplaces"]["new"] == expected["workplaces"]


def test_clean_sample_passes_with_no_errors():
    result, expected = _result("clean")
    assert result.status in ("passed", "warnings")
    assert expected["status"] == "passed_or_warnings"
    assert result.errors == ()


def test_sample_with_errors_reports_every_expected_error_at_its_line_and_column():
    result, expected = _result("with-errors")
    assert result.status == "failed"
    for wanted in expected["errors"]:
        hits = [
            p
            for p in result.errors
            if p.file == wanted["file"] and p.line == wanted["line"] and p.column in wanted["columns"]
        ]
        assert hits, wanted


def test_sample_with_errors_reports_nothing_on_lines_that_are_correct():
    result, expected = _result("with-errors")
    expected_lines = {(e["file"], e["line"]) for e in expected["errors"]}
    assert {(p.file, p.line) for p in result.errors} == expected_lines


def test_json_is_the_product_shape():
    result, _ = _result("with-errors")
    payload = result.to_json()
    assert set(payload) == {"status", "workplaces", "staff", "errors", "warnings"}
    assert set(payload["workplaces"]) == {"new", "updated", "unchanged", "deleted"}
    assert set(payload["staff"]) == {"new", "updated", "unchanged", "deleted"}
    for problem in payload["errors"]:
        assert {"file", "line", "column", "code", "message", "local_est_id", "worker_id"} <= set(problem)
    json.dumps(payload)
