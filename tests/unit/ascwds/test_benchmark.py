"""10,000 staff rows are read and validated well inside 10 seconds (the full shared rules included)."""

import time

from collection.ascwds import ExistingData, read_upload, validate_upload
from collection.ascwds.synthetic import synthetic_files
from tests.unit.ascwds.helpers import SNAPSHOT


def test_ten_thousand_staff_rows_validate_quickly():
    workplace, staff = synthetic_files(workplaces=400, staff=10_000, seed=1)
    started = time.perf_counter()
    files = read_upload([("workplace.csv", workplace), ("staff.csv", staff)])
    result = validate_upload(files, existing=ExistingData(), snapshot_date=SNAPSHOT)
    elapsed = time.perf_counter() - started
    assert result.status == "passed", result.problems[:5]
    assert result.counts["staff"]["new"] == 10_000
    assert elapsed < 10, elapsed


def test_synthetic_files_are_reproducible():
    assert synthetic_files(workplaces=3, staff=9, seed=5) == synthetic_files(workplaces=3, staff=9, seed=5)
