"""10,000 generated staff rows are read and validated whole (the full shared rules included). How fast is measured
by `python -m tests.benchmarks.run --only bench_upload` with production settings, not here: a timed test fails on a
busy machine and proves nothing on a quiet one."""

from collection.ascwds import ExistingData, read_upload, validate_upload
from collection.ascwds.synthetic import synthetic_files
from tests.unit.ascwds.helpers import SNAPSHOT


def test_ten_thousand_generated_staff_rows_pass_validation():
    workplace, staff = synthetic_files(workplaces=400, staff=10_000, seed=1)
    files = read_upload([("workplace.csv", workplace), ("staff.csv", staff)])
    result = validate_upload(files, existing=ExistingData(), snapshot_date=SNAPSHOT)
    assert result.status == "passed", result.problems[:5]
    assert result.counts["staff"]["new"] == 10_000


def test_synthetic_files_are_reproducible():
    assert synthetic_files(workplaces=3, staff=9, seed=5) == synthetic_files(workplaces=3, staff=9, seed=5)
