"""The database cache's one-statement `add` (config.cache) answers as Django's own, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.management import call_command
from django.db import connection

from config.cache import DatabaseCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "cache_table"}}
    call_command("createcachetable", verbosity=0)  # the test database was made under the locmem test cache
    return "cache_table"


def _steps(cache) -> list:
    """add: absent, present, expired (then replaced), with no timeout; and what each leaves stored."""
    return [
        cache.add("guard", "first", 3600),
        cache.add("guard", "second", 3600),
        cache.get("guard"),
        cache.add("old", "stale", -10),  # stored already expired
        cache.add("old", "fresh", 3600),
        cache.get("old"),
        cache.add("forever", 1, None),
        cache.add("forever", 2, None),
        cache.get("forever"),
    ]


def test_add_answers_as_djangos_own(table):
    ours = DatabaseCache(table, {})
    theirs = DjangoDatabaseCache(table, {})
    first = _steps(ours)
    ours.clear()
    assert first == _steps(theirs) == [True, False, "first", True, True, "fresh", True, False, 1]


def test_add_is_one_statement_with_no_savepoint(table, django_assert_num_queries):
    cache = DatabaseCache(table, {})
    with django_assert_num_queries(1) as queries:
        assert cache.add("guard", 1, 60)
    assert "SAVEPOINT" not in queries.captured_queries[0]["sql"].upper()
    assert connection.vendor in ("sqlite", "postgresql")
