"""Run every tests/benchmarks/bench_*.py module's `main(argv)`. Arguments are passed to each module.

python -m tests.benchmarks.run [--only NAME] [module arguments...]

Benchmarks measure the production configuration: this runner sets DEBUG=0 (and the variables production requires)
for itself and every process it starts, unless they are already set. Each module's figures are followed by its
wall time, the CPU time it used (its own and its child processes') and the machine's load before and after, because
these machines are shared: compare figures only at similar load.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time
from pathlib import Path

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"sqlite:///{Path(__file__).resolve().parents[2] / 'var' / 'benchmark.sqlite3'}",
    "SECURE_SSL_REDIRECT": "0",
}


def production_environment() -> None:
    """DEBUG off (no SQL logging, no debug toolbar of any kind), as the service runs live."""
    for key, value in PRODUCTION.items():
        os.environ.setdefault(key, value)
    (Path(__file__).resolve().parents[2] / "var").mkdir(exist_ok=True)


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str]) -> int:
    production_environment()
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    status = 0
    print(f"DEBUG={os.environ['DEBUG']}, database {os.environ['DATABASE_URL'].split('://')[0]}, "
          f"{os.cpu_count()} cores", flush=True)  # fmt: skip
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        print(f"== {path.stem}", flush=True)
        load_before, cpu_before, wall_before = os.getloadavg()[0], _cpu_seconds(), time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{path.stem}")
        status = max(status, module.main(list(argv)) or 0)
        wall, cpu = time.perf_counter() - wall_before, _cpu_seconds() - cpu_before
        print(f"-- {path.stem}: wall {wall:.1f} s, CPU {cpu:.1f} s (with its processes), "
              f"load {load_before:.1f} -> {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
