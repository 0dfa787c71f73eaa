"""Bulk upload, end to end: read, validate and apply ASC-WDS files of 10,000 (and optionally 100,000) staff rows.

    python -m tests.benchmarks.run                          # 10,000 rows on the database in DATABASE_URL (SQLite)
    python -m tests.benchmarks.run --rows 10000,100000      # both sizes
    python -m tests.benchmarks.run --postgres postgres://cwr:cwr@127.0.0.1:5432/cwr   # SQLite and PostgreSQL
    python -m tests.benchmarks.run --only bench_upload --reupload   # then the same files again, every row NOCHANGE

Each size runs in its own process on a fresh, migrated database (a temporary SQLite file, or a throwaway
PostgreSQL database), so the peak memory figure (ru_maxrss) is that run's own. Targets (issue 18, on PostgreSQL):
10,000 rows validated and applied in 1.5 s; 100,000 in 10 s under 500 MB; on SQLite within twice those times.
CPU seconds (this process's own; the database server's are not counted) and the load average when the run ended are
printed beside wall seconds, since the machine may be shared. "validate" alone is what a dry run costs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.fresh_db import fresh_database

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {10_000: 1.5, 100_000: 10.0}  # seconds on PostgreSQL
SQLITE_FACTOR = 2  # SQLite: within twice the PostgreSQL targets
MEMORY_MB = 500
STAFF_PER_WORKPLACE = 40


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_upload")
    parser.add_argument("--rows", default="10000", help="Comma-separated staff row counts (default 10000).")
    parser.add_argument("--postgres", default="", help="Also run on this PostgreSQL URL.")
    parser.add_argument(
        "--reupload", action="store_true",
        help="Then check and apply the same files again with every STATUS NOCHANGE (a re-upload of what is held).",
    )
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--files", default="", help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args(argv)
    if args.one:
        return _one(int(args.rows), Path(args.files), reupload=args.reupload)
    databases = [os.environ.get("DATABASE_URL", "")]
    if args.postgres and args.postgres not in databases:
        databases.append(args.postgres)
    print(
        f"{'database':<11}{'rows':>8}{'validate s':>12}{'apply s':>10}{'total s':>10}{'CPU s':>8}{'rows/s':>10}"
        f"{'peak MB':>10}{'load':>6}  target (load at start {os.getloadavg()[0]:.1f})"
    )
    status = 0
    for url in databases:
        for rows in (int(n) for n in args.rows.split(",")):
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
            if url:
                env["DATABASE_URL"] = url
            files = _files(rows)
            done = subprocess.run(
                [sys.executable, "-m", "tests.benchmarks.bench_upload", "--one", "--rows", str(rows), "--files", files,
                 *(["--reupload"] if args.reupload else [])],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(done.stdout, done.stderr, file=sys.stderr)
                status = 1
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            target = TARGETS.get(rows)
            if target is not None and figures["database"] == "SQLite":
                target *= SQLITE_FACTOR
            memory_ok = figures["peak_mb"] < MEMORY_MB
            met = "" if target is None else ("met" if figures["total"] < target and memory_ok else "MISSED")
            print(
                f"{figures['database']:<11}{rows:>8}{figures['validate']:>12.1f}{figures['apply']:>10.1f}"
                f"{figures['total']:>10.1f}{figures['cpu']:>8.1f}{rows / figures['total']:>10.0f}"
                f"{figures['peak_mb']:>10.0f}{os.getloadavg()[0]:>6.1f}  "
                + (f"{met} (< {target:g} s, < {MEMORY_MB} MB)" if target else ""),
                flush=True,
            )
            if args.reupload:
                again = figures["reupload"]
                print(
                    f"{'  again':<11}{rows:>8}{again['validate']:>12.1f}{again['apply']:>10.1f}{again['total']:>10.1f}"
                    f"{again['cpu']:>8.1f}{rows / again['total']:>10.0f}{again['peak_mb']:>10.0f}"
                    f"{os.getloadavg()[0]:>6.1f}  "
                    "(the same files, every STATUS NOCHANGE: check CPU s "
                    f"{again['validate_cpu']:.1f})",
                    flush=True,
                )
    return status


def _files(rows: int) -> str:
    """The synthetic files for this many rows, made once in this process (so that making them is not counted in a
    run's peak memory) and kept in var/ for the runs: the directory holding workplace.csv and staff.csv."""
    from collection.ascwds.synthetic import synthetic_files

    folder = ROOT / "var" / f"bench_upload_{rows}"
    if not (folder / "staff.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        workplace_csv, staff_csv = synthetic_files(workplaces=max(1, rows // STAFF_PER_WORKPLACE), staff=rows, seed=3)
        (folder / "workplace.csv").write_bytes(workplace_csv)
        (folder / "staff.csv").write_bytes(staff_csv)
    return str(folder)


def _one(rows: int, files: Path, *, reupload: bool = False) -> int:
    """One run in this process: fresh database, the synthetic files, then time validate and apply (and, with
    `reupload`, the same files again as NOCHANGE rows, after the peak memory of the first upload is taken)."""
    with fresh_database("bench_upload") as database:
        figures = _measure(rows, files)
        figures["database"] = database
        if reupload:
            figures["reupload"] = _measure_again(files)
        print(json.dumps(figures))
    return 0


def _measure_again(files: Path) -> dict:
    """Check and apply the files just applied with every STATUS NOCHANGE: nothing to change, every row compared
    with the record held."""
    from collection.models import CollectionRound
    from providers.models import Organisation
    from uploads.services import result_apply, upload_check

    unchanged = [
        (name, (files / name).read_bytes().replace(b",NEW,", b",NOCHANGE,")) for name in ("workplace.csv", "staff.csv")
    ]
    organisation, round = Organisation.objects.get(slug="benchmark-care"), CollectionRound.objects.get(slug="benchmark")
    start, cpu = time.perf_counter(), time.process_time()
    checked = upload_check(organisation=organisation, round=round, files=unchanged)
    validated, validated_cpu = time.perf_counter(), time.process_time()
    assert not checked.failed and not checked.result.warnings, (checked.result.errors[:3], checked.result.warnings[:3])
    assert checked.result.counts["staff"]["unchanged"] > 0 and checked.result.counts["staff"]["new"] == 0
    result_apply(organisation=organisation, round=round, result=checked.result, held=checked.held, actor=None)
    applied = time.perf_counter()
    return {
        "validate": validated - start,
        "validate_cpu": validated_cpu - cpu,
        "apply": applied - validated,
        "total": applied - start,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # (the process's, both uploads)
    }


def _measure(rows: int, files: Path) -> dict:
    from datetime import date

    from collection.models import CollectionRound, StaffRecord
    from providers.models import Organisation
    from uploads.services import result_apply, upload_check

    workplace_csv, staff_csv = (files / "workplace.csv").read_bytes(), (files / "staff.csv").read_bytes()
    organisation = Organisation.objects.create(name="Benchmark Care", slug="benchmark-care")
    round = CollectionRound.objects.create(
        name="Benchmark",
        slug="benchmark",
        snapshot_date=date(2026, 3, 31),
        window_opens=date(2026, 4, 1),
        due_date=date(2026, 6, 30),
        closes=date(2026, 7, 31),
    )
    start, cpu = time.perf_counter(), time.process_time()
    checked = upload_check(
        organisation=organisation, round=round, files=[("workplace.csv", workplace_csv), ("staff.csv", staff_csv)]
    )
    validated = time.perf_counter()
    assert not checked.failed, checked.result.errors[:3]
    result_apply(organisation=organisation, round=round, result=checked.result, held=checked.held, actor=None)
    applied = time.perf_counter()
    assert StaffRecord.objects.count() == rows
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": rows,
        "validate": validated - start,
        "apply": applied - validated,
        "total": applied - start,
        "cpu": time.process_time() - cpu,
        "peak_mb": peak_kb / 1024,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
