"""Django's database cache (the cache without REDIS_URL) with `add` as one statement.

Django's `add` counts the whole table (to cull it), reads the key and then writes it, inside a savepoint: four round
trips and a table count for every survey sent (the guard against a second send is an `add`). Here, on PostgreSQL
and SQLite, it is one `INSERT ... ON CONFLICT DO UPDATE ... WHERE` the stored entry has expired, which says by the
row it returns whether the key was added: the same answer as Django's, atomic on its own, so no savepoint. Culling is
left to `set` (every `set` still counts the table and culls it past MAX_ENTRIES). Unlike Django's, a database error
is raised rather than answered as "already there" (a survey guard must not drop a response silently). Other
databases get Django's `add`.
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router

from config import clock

UPSERT_VENDORS = ("postgresql", "sqlite")


class DatabaseCache(DjangoDatabaseCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        connection = connections[router.db_for_write(self.cache_model_class)]
        if connection.vendor not in UPSERT_VENDORS:
            return super().add(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        zone = UTC if settings.USE_TZ else None
        expires = datetime.max.replace(tzinfo=zone) if timeout is None else datetime.fromtimestamp(timeout, tz=zone)
        now = clock.now().replace(microsecond=0)
        adapt, name = connection.ops.adapt_datetimefield_value, connection.ops.quote_name
        table, cache_key, stored, expiry = (name(n) for n in (self._table, "cache_key", "value", "expires"))
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({cache_key}, {stored}, {expiry}) VALUES (%s, %s, %s) "  # noqa: S608 (names)
                f"ON CONFLICT ({cache_key}) DO UPDATE SET {stored} = EXCLUDED.{stored}, {expiry} = EXCLUDED.{expiry} "
                f"WHERE {table}.{expiry} < %s RETURNING {cache_key}",
                [key, pickled, adapt(expires.replace(microsecond=0)), adapt(now)],
            )
            return cursor.fetchone() is not None
