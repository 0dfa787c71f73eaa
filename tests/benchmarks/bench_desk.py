"""Benchmark: the contract officer's desk at national size (default 2,000 workplaces; `--workplaces 40000` for the
figure the issue sets: ≤ 300 ms a page).

Builds the chase benchmark's installation in a throwaway database, runs the day's sweep (which writes every unit's
stored status), then times desk pages through the test client as a signed-in contract officer: the first page,
a status filter, a sort by due date and a late page. Prints the median of each against the target with this
process's CPU time beside it (the database server's is not counted: on a shared machine compare CPU, and wall only
at similar load), the load average, and the query count, which must not grow with the number of workplaces: the
same pages are counted at 1,000 workplaces first. Also times the first read of a day without a
sweep (the desk rewrites the round itself) for information.

    DATABASE_URL=postgres://... .venv/bin/python -m tests.benchmarks.run --only desk --workplaces 40000
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time
from datetime import timedelta

from tests.benchmarks import bench_chase
from tests.benchmarks.figures import Figure, Result, status_and_figures

TARGET_MS = 300
SLOWEST: list[tuple[float, str]] = []  # (ms, SQL) of every query of the last request of each page
PAGES = {
    "first page": {},
    "status=overdue": {"status": "overdue"},
    "sort=due, page 3": {"sort": "due", "page": 3},
    "sort=status, page 400": {"sort": "status", "page": 400},
}


def _time_page(client, url: str, query: dict, repeats: int = 5) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds of `repeats` requests, and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, cpu = [], []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url, query, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.status_code
    SLOWEST.extend((float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries)
    return statistics.median(timings), statistics.median(cpu), len(queries)


def run(workplaces: int) -> dict:
    import time_machine
    from allauth.mfa.models import Authenticator
    from django.test import Client
    from django.urls import reverse

    from compliance.models import StatusRefresh
    from compliance.services import chase_sweep
    from providers.models import Council, CouncilMembership, User

    today = bench_chase.DUE + timedelta(days=1)
    bench_chase._build(workplaces, "desk")
    council = Council.objects.get(slug="bench")
    officer = User.objects.create(email="officer@bench.test", password="!", full_name="Bench Officer")
    CouncilMembership.objects.create(user=officer, council=council, role=CouncilMembership.Role.CONTRACT_OFFICER)
    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={"secret": "BENCHONLY"})  # MFA set up
    with time_machine.travel(f"{today.isoformat()} 09:00 +01:00", tick=True):
        started = time.perf_counter()
        chase_sweep(today=today, dry_run=False)
        sweep = time.perf_counter() - started
        client = Client()
        client.force_login(officer)
        url = reverse("compliance-council:desk", kwargs={"council": council.slug})
        results: dict = {"workplaces": workplaces, "sweep_seconds_incl_statuses": round(sweep, 2)}
        worst = worst_cpu = 0.0
        for name, query in PAGES.items():
            median, cpu, queries = _time_page(client, url, {"round": "bench", **query})
            worst, worst_cpu = max(worst, median), max(worst_cpu, cpu)
            results[f"desk {name} ms (median of 5)"] = round(median)
            results[f"desk {name} CPU ms (median of 5)"] = round(cpu)
            results[f"desk {name} queries"] = queries
        StatusRefresh.objects.update(computed_on=None)  # a day the sweep did not run: the desk rewrites the round
        started = time.perf_counter()
        client.get(url, {"round": "bench"}, secure=True)
        results["first read of a day without a sweep ms"] = round((time.perf_counter() - started) * 1000)
    results["desk worst median ms"] = round(worst)
    results["desk worst median CPU ms"] = round(worst_cpu)
    results["target ms"] = TARGET_MS
    results["meets target"] = worst <= TARGET_MS
    results["load"] = round(os.getloadavg()[0], 1)
    for key, value in results.items():
        print(f"{key:45} {value}")
    print("slowest queries of the desk pages (the database's share of the wall time):")
    for ms, sql in sorted(SLOWEST, reverse=True)[:4]:
        print(f"  {ms:8.1f} ms  {sql[:150]}")
    SLOWEST.clear()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workplaces", type=int, default=2000)
    args, _ = parser.parse_known_args(argv if argv is not None else [])
    bench_chase._setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    test = connection.settings_dict.setdefault("TEST", {})
    is_sqlite = connection.vendor == "sqlite"
    test["NAME"] = str(bench_chase.ROOT / "var" / "bench-desk.sqlite3") if is_sqlite else "test_bench_desk"
    setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        small = _in_fresh_database(_query_counts) if args.workplaces > 1000 else None
        results = _in_fresh_database(lambda: run(args.workplaces))
    finally:
        teardown_test_environment()
    queries = [value for key, value in results.items() if key.endswith(" queries")]
    grows = small is not None and queries != small
    if small is not None:
        print(f"{'desk queries at 1000 workplaces':45} {small}{' GROWS' if grows else ' (the same)'}")
    at = f"{args.workplaces:,} workplaces"
    figures = [
        Figure(f"desk page, worst median wall, {at}", results["desk worst median ms"], "ms", TARGET_MS,
               cpu=results["desk worst median CPU ms"] / 1000, wall=results["desk worst median ms"] / 1000),
        Figure(f"desk page queries, {at}", max(queries), "queries", max(small) if small else None,
               note="target: the count at 1,000"),
    ]  # fmt: skip
    return Result(0 if results["meets target"] and not grows else 1, figures)


def _in_fresh_database(work):
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return work()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _query_counts() -> list[int]:
    """The desk pages' query counts at 1,000 workplaces, for the size comparison."""
    with contextlib.redirect_stdout(io.StringIO()):
        found = run(1000)
    return [value for key, value in found.items() if key.endswith(" queries")]


if __name__ == "__main__":
    sys.exit(status_and_figures(main(sys.argv[1:]))[0])
