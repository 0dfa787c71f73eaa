"""The larger-budget Schemathesis run against the API: `python -m tests.security.schemathesis_full [--examples N]`
(or `make security`). Uses the test settings and DATABASE_URL like the test suite; takes several minutes."""

from __future__ import annotations

import argparse
import os
import sys

import pytest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=100, help="examples per operation (default 100)")
    args, rest = parser.parse_known_args(argv)
    os.environ["SECURITY_EXAMPLES"] = str(args.examples)
    here = os.path.dirname(__file__)
    return pytest.main([os.path.join(here, "contract_full.py"), "-q", "-p", "no:cacheprovider", *rest])


if __name__ == "__main__":
    sys.exit(main())
