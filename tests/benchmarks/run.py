"""Run every tests/benchmarks/bench_*.py module's `main(argv)`. Arguments are passed to each module.

python -m tests.benchmarks.run [--only NAME] [module arguments...]
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    status = 0
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        print(f"== {path.stem}", flush=True)
        module = importlib.import_module(f"tests.benchmarks.{path.stem}")
        status = max(status, module.main(list(argv)) or 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
