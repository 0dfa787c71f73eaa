"""The fault tests start a whole stack (scripts/stack.sh), so they run only when asked: `pytest -m faults`."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config, items):
    if "faults" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="starts a production-like stack: run with `pytest -m faults tests/load`")
    for item in items:
        if item.get_closest_marker("faults"):
            item.add_marker(skip)
