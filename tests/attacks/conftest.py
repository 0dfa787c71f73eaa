"""Shared moves of the intruder: dump every table, dump the cache, walk a survey as a respondent."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from tests.factories.surveys import make_answers
from tests.integration.surveys.conftest import answer_everything, post_answer, walk  # noqa: F401


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def dump_tables() -> dict[str, list[tuple]]:
    """Every row of every table, as the database holds it."""
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names come from introspection
            found[table] = cursor.fetchall()
    return found


def dump_cache() -> dict[str, object]:
    """Every entry of the (local-memory) cache: key -> stored value, plus its expiry under "<key>#expires"."""
    found: dict[str, object] = {}
    for key, value in getattr(cache, "_cache", {}).items():
        found[key] = value
        found[key + "#expires"] = cache._expire_info.get(key)
    return found


def one_page_form(answers: dict, *, nonce: str) -> dict:
    data = {"nonce": nonce}
    for key, value in answers.items():
        data[f"q-{key}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


__all__ = ["answer_everything", "dump_cache", "dump_tables", "make_answers", "one_page_form"]
