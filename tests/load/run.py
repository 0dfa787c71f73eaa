"""Run the deadline-day load test: start the stack, run locust headless, print the figures, stop the stack.

python -m tests.load.run [--users 30] [--spawn-rate 10] [--duration 30s] [--survey-pace 1] [--providers N] [--keep-stack]

Prints p50/p95/p99 latency and errors per page, survey submissions per second and whether the targets were met
(200 users, p95 < 500 ms for pages, 0 errors, >= 100 survey submissions/s). Exit status 1 when any request failed.
With a stack already running (scripts/stack.sh start), it is used and left running.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "scripts" / "stack.sh"
STACK_DIR = Path(os.environ.get("STACK_DIR", ROOT / "var" / "stack"))
TARGET_P95_MS = 500
TARGET_SURVEYS_PER_S = 100


def stack_env() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in (STACK_DIR / "env").read_text().splitlines() if "=" in line)
    return dict(pairs)


def stack_running() -> bool:
    return (STACK_DIR / "env").exists() and subprocess.run([STACK, "status"], capture_output=True).returncode == 0 \
        and "gunicorn: running" in subprocess.run([STACK, "status"], capture_output=True, text=True).stdout


def warm_up(url: str) -> None:
    """A few requests to every gunicorn worker first, so the figures are for a warm service, not first imports."""
    import urllib.request

    for path in ("/healthz", "/accounts/login/", "/") * 8:
        try:
            urllib.request.urlopen(url + path, timeout=30).read()
        except OSError:
            pass


def report(stats_csv: Path, *, users: int) -> int:
    rows = list(csv.DictReader(stats_csv.open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"\n{'Page':<46}{'requests':>9}{'errors':>7}{'p50':>7}{'p95':>7}{'p99':>7}  (ms)")
    worst = 0.0
    for r in sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: r["Name"]):
        p95 = float(r["95%"] or 0)
        if r["Type"] != "TASK":
            worst = max(worst, p95)
        print(f"{r['Name']:<46}{r['Request Count']:>9}{r['Failure Count']:>7}{r['50%']:>7}{r['95%']:>7}{r['99%']:>7}")
    surveys = next((r for r in rows if r["Name"] == "survey: send answers"), None)
    per_second = float(surveys["Requests/s"]) if surveys else 0.0
    errors = int(total["Failure Count"])
    print(f"\nAll requests: {total['Request Count']} at {float(total['Requests/s']):.1f}/s, errors {errors}; "
          f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms")
    print(f"Survey submissions: {per_second:.2f}/s")
    print(f"Targets at {users} users: worst page p95 {worst:.0f} ms (< {TARGET_P95_MS}: "
          f"{'met' if worst < TARGET_P95_MS else 'MISSED'}), errors {errors} (0: {'met' if errors == 0 else 'MISSED'}), "
          f"surveys {per_second:.1f}/s (>= {TARGET_SURVEYS_PER_S}: {'met' if per_second >= TARGET_SURVEYS_PER_S else 'MISSED'})"
          + ("" if users >= 200 else "; the 200-user floor needs --users 200"))
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", default="30s")
    parser.add_argument("--survey-pace", type=float, default=1.0,
                        help="seconds between one simulated respondent's surveys (1: about half the users send one a second)")
    parser.add_argument("--providers", type=int, default=250, help="load providers to seed (>= users is best)")
    parser.add_argument("--keep-stack", action="store_true", help="leave a stack this run started running")
    args = parser.parse_args()
    started_here = not stack_running()
    if started_here:
        subprocess.run([STACK, "start", "--providers", str(args.providers)], check=True)
    try:
        url = f"http://127.0.0.1:{stack_env()['WEB_PORT_STACK']}"
        warm_up(url)
        with tempfile.TemporaryDirectory() as out:
            prefix = Path(out) / "load"
            env = {**os.environ, "PYTHONPATH": str(ROOT), "STACK_DIR": str(STACK_DIR),
                   "LOAD_SURVEY_PACE": str(args.survey_pace)}
            subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "tests/load/locustfile.py"), "--headless",
                            "--host", url, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                            "--run-time", args.duration, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                            "--stop-timeout", "10"], env=env, cwd=ROOT, check=False)
            return report(Path(f"{prefix}_stats.csv"), users=args.users)
    finally:
        if started_here and not args.keep_stack:
            subprocess.run([STACK, "stop"], check=False)


if __name__ == "__main__":
    sys.exit(main())
