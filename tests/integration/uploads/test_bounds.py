"""Bad input is bounded: a file within the byte limit but huge in rows is refused before heavy work, with a message
naming the file and the limit; problems of one code stop being listed after 100 ("and N more like this"); the
stored report is capped; and peak memory (measured in a fresh child process: its VmHWM) stays under 300 MB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collection.ascwds import read_upload, validate_upload
from collection.ascwds.problems import MAX_PER_CODE
from collection.ascwds.report import grouped
from collection.ascwds.result import ExistingData
from collection.ascwds.synthetic import synthetic_files
from collection.ascwds.tables import MAX_STAFF_ROWS, MAX_WORKPLACE_ROWS
from tests.unit.ascwds.helpers import rows_of, to_csv
from uploads.services import upload_check
from uploads.services.stored import MAX_STORED_PROBLEMS, result_to_store, stored_result

ROOT = Path(__file__).resolve().parents[3]
MEMORY_LIMIT_MB = 300
CHILD = """
import json, resource, sys, time
from pathlib import Path
from collection.ascwds import FileProblem, read_upload, validate_upload
from collection.ascwds.result import ExistingData
folder = Path(sys.argv[1])
files = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
started = time.process_time()  # CPU, not wall: the same on a busy machine
found = read_upload(files)
if isinstance(found, FileProblem):
    outcome = {"code": found.code, "message": found.message, "filename": found.filename}
else:
    result = validate_upload(found, existing=ExistingData(), snapshot_date=__import__("datetime").date(2026, 3, 31))
    outcome = {"code": result.status, "errors": len(result.errors), "more": [list(m) for m in result.more_like_this]}
outcome["cpu_seconds"] = time.process_time() - started
# this process's own peak: VmHWM starts afresh at exec, whereas ru_maxrss keeps the forking parent's (pytest's) peak
status = Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
hwm = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
outcome["peak_mb"] = (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
print(json.dumps(outcome))
"""


def _check_in_child(folder: Path) -> dict:
    """Read (and validate, if readable) the files in a fresh process; its own peak RSS is the figure."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _staff_file(rows: int) -> bytes:
    """A realistic staff file of `rows` rows: one synthetic row repeated with a new worker reference each time."""
    _workplace, staff = synthetic_files(workplaces=1, staff=1, seed=5)
    header, row = staff.decode("utf-8-sig").splitlines()[:2]
    est, worker = row.split(",")[:2]
    rest = row.split(",", 2)[2]
    body = "\r\n".join(f"{est},{worker}-{n},{rest}" for n in range(rows))
    return f"{header}\r\n{body}\r\n".encode()


@pytest.fixture
def workplace_csv() -> bytes:
    return synthetic_files(workplaces=1, staff=1, seed=5)[0]


def test_a_2_000_000_row_staff_file_of_8_mb_is_refused_before_heavy_work(tmp_path, workplace_csv):
    header = _staff_file(1).split(b"\r\n")[0]
    staff = header + b"\n" + b"a,b\n" * 2_000_000  # 8 MB: under the byte limit, far over the row limit
    assert len(staff) < 20 * 1024 * 1024
    (tmp_path / "staff.csv").write_bytes(staff)
    (tmp_path / "workplace.csv").write_bytes(workplace_csv)
    outcome = _check_in_child(tmp_path)
    assert outcome["code"] == "file_too_many_rows"
    assert "staff.csv" in outcome["message"] and f"{MAX_STAFF_ROWS:,} staff rows" in outcome["message"]
    assert outcome["peak_mb"] < MEMORY_LIMIT_MB and outcome["cpu_seconds"] < 30


def test_a_100_001_row_staff_file_is_refused_naming_the_file_and_the_limit(tmp_path, workplace_csv):
    (tmp_path / "staff.csv").write_bytes(_staff_file(MAX_STAFF_ROWS + 1))
    (tmp_path / "workplace.csv").write_bytes(workplace_csv)
    outcome = _check_in_child(tmp_path)
    assert outcome["code"] == "file_too_many_rows", outcome
    assert "staff.csv has more than 100,000 staff rows" in outcome["message"]
    assert outcome["peak_mb"] < MEMORY_LIMIT_MB


def test_a_file_at_the_staff_limit_is_read(workplace_csv):
    found = read_upload([("workplace.csv", workplace_csv), ("staff.csv", _staff_file(MAX_STAFF_ROWS))])
    assert len(found.staff.rows) == MAX_STAFF_ROWS


def test_a_workplace_file_over_its_limit_is_refused(workplace_csv):
    header, row = workplace_csv.decode("utf-8-sig").splitlines()[:2]
    rest = row.split(",", 1)[1]
    body = "\r\n".join(f"WP{n:07d},{rest}" for n in range(MAX_WORKPLACE_ROWS + 1))
    found = read_upload([("places.csv", f"{header}\r\n{body}".encode()), ("staff.csv", _staff_file(1))])
    assert found.code == "file_too_many_rows"
    assert "places.csv has more than 20,000 workplace rows" in found.message


@pytest.mark.django_db
def test_the_refusal_is_what_the_upload_check_stores(workplace_csv, upload_round):
    from tests.factories.providers import OrganisationFactory

    checked = upload_check(organisation=OrganisationFactory(), round=upload_round,
                           files=[("workplace.csv", workplace_csv), ("staff.csv", _staff_file(MAX_STAFF_ROWS + 1))])
    stored = result_to_store(checked.result, missing=[])
    assert stored["status"] == "failed" and stored["errors"][0]["code"] == "file_too_many_rows"
    assert "100,000" in stored["errors"][0]["message"]


def test_problems_of_one_code_stop_after_100_and_the_rest_are_counted(workplace_csv):
    rows = rows_of(_staff_file(3000))
    column = rows[0].index("GENDER")
    for row in rows[1:]:
        row[column] = "9"  # not a gender code: one error per row
    found = read_upload([("workplace.csv", workplace_csv), ("staff.csv", to_csv(rows))])
    from datetime import date

    result = validate_upload(found, existing=ExistingData(), snapshot_date=date(2026, 3, 31))
    codes = {p.code for p in result.errors if p.column == "GENDER"}
    assert len(codes) == 1
    (code,) = codes
    listed = [p for p in result.errors if p.code == code]
    assert len(listed) == MAX_PER_CODE
    assert result.more_of("error", "staff", code) == 3000 - MAX_PER_CODE
    group = next(g for g in grouped(result) if g.code == code)
    assert group.more == 3000 - MAX_PER_CODE
    stored = result_to_store(result, missing=[])
    assert {"severity": "error", "file": "staff", "code": code, "count": 2900} in stored["more_like_this"]
    assert stored_result(stored).more_of("error", "staff", code) == 2900
    assert len(stored["errors"]) + len(stored["warnings"]) <= MAX_STORED_PROBLEMS
    assert len(json.dumps(stored)) < 2_000_000


def test_the_stored_report_is_capped_and_counts_what_it_leaves_out():
    from collection.ascwds.problems import Problem
    from collection.ascwds.result import UploadResult

    problems = tuple(Problem(file="staff", line=n, column="C", code=f"code_{n % 80}", message="m") for n in range(8000))
    result = UploadResult(status="failed", errors=problems, warnings=(), workplaces=(), staff=(), missing_staff=(),
                          missing_workplaces=())
    stored = result_to_store(result, missing=[])
    assert len(stored["errors"]) == MAX_STORED_PROBLEMS
    assert sum(m["count"] for m in stored["more_like_this"]) == 8000 - MAX_STORED_PROBLEMS
