"""Run every tests/benchmarks/bench_*.py module's `main(argv)`. Arguments are passed to each module.

python -m tests.benchmarks.run [--only NAME] [module arguments...]

Benchmarks measure the production configuration: this runner sets DEBUG=0 (and the variables production requires)
for itself and every process it starts, unless they are already set. Each module's figures are followed by its
wall time, the CPU time it used (its own and its child processes') and the machine's load before and after, because
these machines are shared: compare figures only at similar load.

At the end it prints one table of every figure against its target, from the modules whose `main` returns a
`tests.benchmarks.figures.Result` (a module that returns only its exit status is listed without figures).
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time
from pathlib import Path

from tests.benchmarks.figures import Figure, status_and_figures

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


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    if float(value).is_integer() or abs(value) >= 100:
        text = f"{value:,.0f}"
    else:
        text = f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def summary(rows: list[tuple[str, Figure | None, float, float]]) -> str:
    """One table: module, figure, value, target, verdict, the figure's CPU and wall seconds, the load around it."""
    header = ("module", "figure", "value", "target", "", "CPU s", "wall s", "load")
    lines = [header]
    for module, figure, load_before, load_after in rows:
        load = f"{load_before:.1f}-{load_after:.1f}"
        if figure is None:
            lines.append((module, "(no figures returned: see its lines above)", "", "", "", "", "", load))
            continue
        what = figure.what + (f" ({figure.note})" if figure.note else "")
        lines.append((module, what, _fmt(figure.value, figure.unit), figure.target_text, figure.verdict,
                      _fmt(figure.cpu), _fmt(figure.wall), load))  # fmt: skip
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    right = {2, 5, 6}
    cells = (
        [str(cell).rjust(w) if i in right else str(cell).ljust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))]
        for line in lines
    )
    return "\n".join("  ".join(line).rstrip() for line in cells)


def main(argv: list[str]) -> int:
    production_environment()
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    status = 0
    rows: list[tuple[str, Figure | None, float, float]] = []
    print(f"DEBUG={os.environ['DEBUG']}, database {os.environ['DATABASE_URL'].split('://')[0]}, "
          f"{os.cpu_count()} cores", flush=True)  # fmt: skip
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        print(f"== {path.stem}", flush=True)
        load_before, cpu_before, wall_before = os.getloadavg()[0], _cpu_seconds(), time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{path.stem}")
        module_status, figures = status_and_figures(module.main(list(argv)))
        status = max(status, module_status)
        wall, cpu, load_after = time.perf_counter() - wall_before, _cpu_seconds() - cpu_before, os.getloadavg()[0]
        print(f"-- {path.stem}: wall {wall:.1f} s, CPU {cpu:.1f} s (with its processes), "
              f"load {load_before:.1f} -> {load_after:.1f}", flush=True)  # fmt: skip
        rows += [(path.stem, figure, load_before, load_after) for figure in figures or [None]]
    if rows:
        print("== summary (CPU and wall: the work each figure measures; load: 1-minute average before-after)")
        print(summary(rows), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
