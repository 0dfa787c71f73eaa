"""Django's database cache (the cache without REDIS_URL) with `get` and `add` as one lean statement each, and a
guard and a new row written by one statement (`add_and_insert`).

Django's `add` counts the whole table (to cull it), reads the key and then writes it, inside a savepoint: four round
trips and a table count for every survey sent (the guard against a second send is an `add`). Here, on PostgreSQL
and SQLite, it is one `INSERT ... ON CONFLICT DO UPDATE ... WHERE` the stored entry has expired, which says by the
row it returns whether the key was added: the same answer as Django's, atomic on its own, so no savepoint. Culling is
left to `set` (every `set` still counts the table and culls it past MAX_ENTRIES). Unlike Django's, a database error
is raised rather than answered as "already there" (a survey guard must not drop a response silently).

`get` is Django's one SELECT, asked for one key with the expiry compared in the statement (as Django's own cull
compares it) instead of through a `get_many` that builds a field, its converters and a key map for every call: every
survey page reads its link from the cache. An expired entry is deleted, as Django's `get` does.

`add_and_insert` is the guard of a survey response and the response itself: on PostgreSQL one statement (the
`INSERT` of the row reads the guard's `INSERT ... RETURNING`, so the row is written only when the key was added, and
both or neither are committed), instead of a transaction of four round trips; elsewhere the same in a transaction.
Other databases get Django's `get` and `add`.
"""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.db.models import Model

from config import clock

UPSERT_VENDORS = ("postgresql", "sqlite")


class DatabaseCache(DjangoDatabaseCache):
    def get(self, key, default=None, version=None):
        connection = connections[router.db_for_read(self.cache_model_class)]
        if connection.vendor not in UPSERT_VENDORS:
            return super().get(key, default, version)
        key = self.make_and_validate_key(key, version=version)
        name = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(clock.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {name('value')}, {name('expires')} < %s FROM {name(self._table)} "  # noqa: S608 (names)
                f"WHERE {name('cache_key')} = %s",
                [now, key],
            )
            row = cursor.fetchone()
        if row is None:
            return default
        if row[1]:
            self._base_delete_many([key])
            return default
        return pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))  # noqa: S301 (ours)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        connection = connections[router.db_for_write(self.cache_model_class)]
        if connection.vendor not in UPSERT_VENDORS:
            return super().add(key, value, timeout, version)
        sql, params = self._add_statement(connection, key, value, timeout, version)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def add_and_insert(self, key, value, timeout, instance: Model, version=None) -> bool:
        """`add(key, value, timeout)` and, only if the key was added, insert `instance` (a new row, its primary key
        set in Python) in the same transaction. True when both were written, False when the key was already there
        (nothing written)."""
        alias = router.db_for_write(type(instance))
        connection = connections[alias]
        if connection.vendor != "postgresql" or alias != router.db_for_write(self.cache_model_class):
            with transaction.atomic(using=alias):
                if not self.add(key, value, timeout, version):
                    return False
                instance.save(force_insert=True, using=alias)
                return True
        guard, params = self._add_statement(connection, key, value, timeout, version)
        fields = [field for field in instance._meta.concrete_fields]
        name = connection.ops.quote_name
        columns = ", ".join(name(field.column) for field in fields)
        params += [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH guard AS ({guard}) INSERT INTO {name(instance._meta.db_table)} ({columns}) "  # noqa: S608
                f"SELECT {placeholders} FROM guard RETURNING 1",
                params,
            )
            added = cursor.fetchone() is not None
        if added:
            instance._state.adding, instance._state.db = False, alias
        return added

    def _add_statement(self, connection, key, value, timeout, version) -> tuple[str, list]:
        """The one statement of `add`: it returns a row when the key was added."""
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        zone = UTC if settings.USE_TZ else None
        expires = datetime.max.replace(tzinfo=zone) if timeout is None else datetime.fromtimestamp(timeout, tz=zone)
        now = clock.now().replace(microsecond=0)
        adapt, name = connection.ops.adapt_datetimefield_value, connection.ops.quote_name
        table, cache_key, stored, expiry = (name(n) for n in (self._table, "cache_key", "value", "expires"))
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        sql = (
            f"INSERT INTO {table} ({cache_key}, {stored}, {expiry}) VALUES (%s, %s, %s) "  # noqa: S608 (names)
            f"ON CONFLICT ({cache_key}) DO UPDATE SET {stored} = EXCLUDED.{stored}, {expiry} = EXCLUDED.{expiry} "
            f"WHERE {table}.{expiry} < %s RETURNING {cache_key}"
        )
        return sql, [key, pickled, adapt(expires.replace(microsecond=0)), adapt(now)]
