"""The stack tests start the embedded dev stack (scripts/run-dev.sh: runserver + qcluster on SQLite), so they run only
when asked: `pytest -m stack tests/stack` (CI does)."""

import pytest


def pytest_collection_modifyitems(config, items):
    if "stack" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="starts the dev stack: run with `pytest -m stack tests/stack`")
    for item in items:
        if item.get_closest_marker("stack"):
            item.add_marker(skip)
