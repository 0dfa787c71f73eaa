"""Bulk writes on PostgreSQL: COPY rows into a table, and take a run of primary keys from a table's sequence.

Plain Python values go straight to psycopg's COPY (no SQL is compiled or quoted per value), which is what makes an
upload of 100,000 staff records or a sweep of 40,000 units cheap. Callers keep a portable path for SQLite.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection
from django.db.models import Field, ForeignObject, Lookup


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Bulk work (an upload's hundreds of thousands of rows, records and audit rows) makes objects without cycles by
    the million; Python's cycle collector would walk them again and again (a fifth of an upload's time). It is
    paused for the work and resumed after, as it was; reference counting frees everything as usual meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """PostgreSQL: COPY the rows into the table (a unique violation fails all of them, as Django's IntegrityError)."""
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def next_ids(table: str, count: int, column: str = "id") -> list[int]:
    """PostgreSQL: `count` new primary keys from the table's own sequence, in one query."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
        )
        return [row[0] for row in cursor.fetchall()]


class AnyOf(Lookup):
    """`field__any=[...]`: on PostgreSQL `field = ANY(%s)` with the list as ONE array parameter, so a list of tens of
    thousands of ids costs one placeholder (an `__in` list costs Django and psycopg a placeholder each, which was
    most of the sweep's time spent building queries). Elsewhere it is the same as `__in`."""

    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, values]
        if not values:
            return "0 = 1", params
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*params, *values]


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # (related fields look up only their own class's lookups)
