"""Security sweep fixtures: every test starts with empty rate-limit counters (they live in the cache)."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    cache.clear()
    yield
    cache.clear()
