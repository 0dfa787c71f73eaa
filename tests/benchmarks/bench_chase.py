"""Benchmark: one chase sweep over many workplaces (default 2,000; `--workplaces 40000` for the full figure).

Builds organisations (4 workplaces each), contracts and returns in mixed states with bulk_create in a throwaway
database, then times a dry-run sweep and a real one (mail to Django's dummy backend) on the day after the due
date, and prints workplaces per second and query counts. The planning queries must not grow with the number of
workplaces: it prints them for 1,000 workplaces and for the requested number.

    .venv/bin/python tests/benchmarks/bench_chase.py --workplaces 40000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUE = date(2025, 6, 30)
TARGET_SECONDS, TARGET_WORKPLACES = 3.0, 40_000  # issue 18: the whole sweep (recording and delivery) of 40,000
LAST_DELIVERY = [0.0, 0.0]  # wall and CPU seconds of the last sweep's delivery phase
# The sweep's phases as compliance.services.sweep calls them: load the units, plan, record the steps, store the
# statuses, deliver.
PHASES = ("chase_units", "plan_records", "_save", "_store_statuses", "messages_deliver")
LAST_PHASES: dict[str, list[float]] = {}
LAST_DATABASE_CPU: dict[str, float] = {}  # the database server's CPU seconds for this connection, by phase


def _server_cpu(connection):
    """A function giving the CPU seconds the database server process of this connection has used so far, when the
    server runs on this machine and its /proc entry is readable (else None): the server's work is part of the
    sweep's, and on a shared machine CPU seconds say more than wall time."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def seconds() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        seconds()
    except OSError:
        return None
    return seconds


def _setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ["CLOCK_MUST_BE_FROZEN"] = "0"  # the test settings' fast hasher and in-memory mail, on the real clock
    import django

    django.setup()


def _build(workplaces: int, prefix: str) -> None:
    from django.utils import timezone

    from collection.models import CollectionRound, WorkforceReturn
    from providers.models import Contract, ContractRequirement, Council, Membership, Organisation, User, Workplace

    council, _ = Council.objects.get_or_create(slug="bench", defaults={"name": "Bench Council"})
    round_, _ = CollectionRound.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "snapshot_date": date(2025, 3, 31), "window_opens": date(2025, 4, 1),
                                "due_date": DUE, "closes": date(2025, 7, 31)},
    )  # fmt: skip
    orgs = Organisation.objects.bulk_create(
        [Organisation(slug=f"{prefix}-{n}", name=f"Bench {prefix} {n}") for n in range(workplaces // 4)]
    )
    users = User.objects.bulk_create([User(email=f"{prefix}-{o.slug}@bench.test", password="!") for o in orgs])
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=o, role=Membership.Role.ADMIN) for u, o in zip(users, orgs, strict=True)]
    )
    contracts = Contract.objects.bulk_create(
        [
            Contract(council=council, organisation=o, reference=f"{prefix}-{o.pk}", starts_on=date(2025, 1, 1))
            for o in orgs
        ]  # fmt: skip
    )
    ContractRequirement.objects.bulk_create([ContractRequirement(contract=c) for c in contracts])
    places = Workplace.objects.bulk_create(
        [
            Workplace(organisation=o, name=f"Home {k}", local_ref=f"W{k}", district="North")
            for o in orgs
            for k in range(4)
        ],
        batch_size=2000,
    )
    noon = timezone.make_aware(datetime(2025, 6, 20, 12))
    states = [None, "in_progress", "submitted", "submitted_incomplete", "accepted", "returned", "submitted", None]
    returns = []
    for index, place in enumerate(places):
        state = states[index % len(states)]
        if state is None:
            continue
        complete = state in ("submitted", "accepted")
        returns.append(WorkforceReturn(
            workplace=place, round=round_, state=state.replace("_incomplete", ""), is_complete=complete,
            records_complete_percent=95 if complete else 60, submitted_at=noon if state != "in_progress" else None,
        ))  # fmt: skip
    WorkforceReturn.objects.bulk_create(returns, batch_size=2000)


def _sweep(today: date, *, dry_run: bool, profile: str | None = None) -> tuple[float, int, int, float]:
    from django.db import connection, connections

    from compliance.services import chase_sweep, sweep

    phases: dict[str, list[float]] = {name: [0.0, 0.0] for name in PHASES}
    originals = {name: getattr(sweep, name) for name in PHASES}
    server = _server_cpu(connection) or (lambda: 0.0)
    main = connections["default"]  # (this thread's connection itself, not the `connection` proxy)
    server_phases = dict.fromkeys(PHASES, 0.0)
    elsewhere = [0.0]  # the server CPU of connections other than this thread's (phases run in other threads)

    def timed(name):  # each phase of the sweep (delivery among them) timed apart: wall and this thread's CPU
        def call(*args, **kwargs):
            # A phase the sweep runs in a thread of its own (the stored statuses, beside delivery) uses that thread's
            # connection: its queries are counted and its server process's CPU is added to the total too.
            own = connections["default"]
            other = own is not main
            server_of = (_server_cpu(own) or (lambda: 0.0)) if other else server
            started, cpu, server_cpu = time.perf_counter(), time.thread_time(), server_of()
            try:
                if other:
                    with own.execute_wrapper(counter):
                        return originals[name](*args, **kwargs)
                return originals[name](*args, **kwargs)
            finally:
                phases[name][0] += time.perf_counter() - started
                phases[name][1] += time.thread_time() - cpu
                used = server_of() - server_cpu
                server_phases[name] += used
                if other:
                    elsewhere[0] += used

        return call

    queries: list[None] = []  # (appended to, which is atomic: a phase may run in another thread)

    def counter(execute, sql, params, many, context):
        queries.append(None)
        return execute(sql, params, many, context)

    for name in PHASES:
        setattr(sweep, name, timed(name))
    with connection.execute_wrapper(counter):
        started, cpu, server_cpu = time.perf_counter(), time.process_time(), server()
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            actions = profiler.runcall(chase_sweep, today=today, dry_run=dry_run)
            profiler.dump_stats(profile)
        else:
            actions = chase_sweep(today=today, dry_run=dry_run)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        server_phases["total"] = server() - server_cpu + elsewhere[0]
    for name, original in originals.items():
        setattr(sweep, name, original)
    LAST_PHASES.clear()
    LAST_PHASES.update(phases)
    LAST_DATABASE_CPU.clear()
    LAST_DATABASE_CPU.update(server_phases)
    LAST_DELIVERY[:] = phases["messages_deliver"]
    return elapsed, len(queries), len(actions), cpu


def run(workplaces: int, profile: str | None = None) -> dict:
    from compliance.models import ChaseRecord

    today = DUE + timedelta(days=1)
    _build(1000, "small")
    _sweep(today, dry_run=True)  # warm up: creates the council's ladder on first use
    _, small_queries, _, _ = _sweep(today, dry_run=True)
    first_time, _, _, _ = _sweep(today - timedelta(days=1), dry_run=True)
    _build(workplaces - 1000, "large") if workplaces > 1000 else None
    # The day before is history (its steps recorded), so the timed sweep is an ordinary day: the overdue notices.
    _sweep(DUE, dry_run=False)
    dry_time, dry_queries, would, dry_cpu = _sweep(today, dry_run=True)
    real_time, real_queries, done, real_cpu = _sweep(today, dry_run=False, profile=profile)
    sent = ChaseRecord.objects.filter(status="sent").count()
    results = {
        "workplaces": workplaces,
        "planning_queries_at_1000": small_queries,
        f"planning_queries_at_{workplaces}": dry_queries,
        "dry_run_seconds": round(dry_time, 2),
        "dry_run_cpu_seconds": round(dry_cpu, 2),
        "dry_run_workplaces_per_second": round(workplaces / dry_time),
        "real_seconds": round(real_time, 2),
        "real_cpu_seconds": round(real_cpu, 2),
        "real_delivery_seconds": round(LAST_DELIVERY[0], 2),
        "real_delivery_cpu_seconds": round(LAST_DELIVERY[1], 2),
        "real_recording_seconds": round(real_time - LAST_DELIVERY[0], 2),
        "real_recording_cpu_seconds": round(real_cpu - LAST_DELIVERY[1], 2),
        "real_workplaces_per_second": round(workplaces / real_time),
        "real_queries": real_queries,
        "real_phases_wall_cpu": ", ".join(f"{name} {w:.2f}/{c:.2f}" for name, (w, c) in LAST_PHASES.items()),
        # (0 where the database server's process cannot be read: another machine, or SQLite)
        "real_database_server_cpu_seconds": round(LAST_DATABASE_CPU.get("total", 0.0), 2),
        "real_database_server_cpu_by_phase": ", ".join(
            f"{name} {LAST_DATABASE_CPU[name]:.2f}" for name in PHASES if name in LAST_DATABASE_CPU
        ),
        "first_ever_sweep_dry_run_seconds_at_1000": round(first_time, 2),
        "actions": done,
        "messages_sent": sent,
        "skipped_records": ChaseRecord.objects.filter(status="skipped").count(),
    }
    for key, value in results.items():
        print(f"{key:40} {value}")
    verdict = "met" if real_time <= TARGET_SECONDS else "NOT met"
    if workplaces < TARGET_WORKPLACES:
        verdict = f"(the target is for {TARGET_WORKPLACES:,} workplaces)"
    server_cpu = LAST_DATABASE_CPU.get("total", 0.0)
    print(f"target: the sweep of {workplaces} workplaces in <= {TARGET_SECONDS:g} s: {real_time:.2f} s wall, "
          f"{real_cpu:.2f} s CPU (this process)" + (f" + {server_cpu:.2f} s (database server)" if server_cpu else "")
          + f", load {os.getloadavg()[0]:.1f}: {verdict}")  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workplaces", type=int, default=2000)
    parser.add_argument("--profile", help="write a cProfile of the timed real sweep to this file")
    args, _ = parser.parse_known_args(argv if argv is not None else [])  # run.py passes every module the same
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    test = connection.settings_dict.setdefault("TEST", {})
    is_sqlite = connection.vendor == "sqlite"
    test["NAME"] = str(ROOT / "var" / "bench-chase.sqlite3") if is_sqlite else f"test_bench_chase_{os.getpid()}"
    setup_test_environment()
    # After setup_test_environment, which would put the in-memory backend back (it builds every MIME message).
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        results = run(args.workplaces, profile=args.profile)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    grows = results["planning_queries_at_1000"] != results[f"planning_queries_at_{args.workplaces}"]
    return 1 if grows else 0


if __name__ == "__main__":
    main(sys.argv[1:])
