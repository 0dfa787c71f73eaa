"""Bulk writes on PostgreSQL: COPY rows into a table, and take a run of primary keys from a table's sequence.

Plain Python values go straight to psycopg's COPY (no SQL is compiled or quoted per value), which is what makes an
upload of 100,000 staff records or a sweep of 40,000 units cheap. Callers keep a portable path for SQLite.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Field, ForeignObject, Lookup, Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


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


@contextmanager
def cycle_collector_on_new_objects() -> Iterator[None]:
    """Work that makes many short-lived objects in a process that already holds many (a worker with Django, pandas
    and numpy loaded): each of the cycle collector's full passes would walk every old object again (about 8% of a
    council workbook's CPU). The objects that exist when the work starts are set aside for it (`gc.freeze`) and
    given back after (`gc.unfreeze`), so the collector still frees the cycles the work makes, and memory stays
    bounded as usual. Where something else has frozen objects already, it is left alone (it would be unfrozen too)."""
    mine = gc.get_freeze_count() == 0
    if mine:
        gc.freeze()
    try:
        yield
    finally:
        if mine:
            gc.unfreeze()


def loaded_fields(model: type[Model], *, leave: Sequence[str] = ()) -> list[str]:
    """The attnames of `model`'s concrete fields in their order, less `leave` (left in the database, deferred)."""
    return [f.attname for f in model._meta.concrete_fields if f.name not in leave and f.attname not in leave]


def row_loader(model: type[Model], names: Sequence[str], db: str = DEFAULT_DB_ALIAS):
    """A function making a model instance from one plain row (values of `names`, attnames in the order
    `loaded_fields` gives), as a queryset loads it but without `Model.__init__`, which costs most of the time when
    tens of thousands are loaded. Fields not named are deferred (read from the database if asked for). A model with
    pre_init or post_init receivers is loaded through `Model.from_db`, which sends them."""
    names = list(names)
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return lambda values: model.from_db(db, names, values)
    new = object.__new__

    def load(values) -> Model:
        instance = new(model)
        state = new(ModelState)
        state.__dict__ = {"db": db, "adding": False}
        instance.__dict__ = dict(zip(names, values, strict=True))
        instance._state = state
        return instance

    return load


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


class Ids:
    """Ids for an `__any` filter that Django takes whole. A list (or any iterable) given to a filter is walked value
    by value as the filter is built, twice: each value is resolved as a possible expression and checked as a possible
    model instance (about 3 µs an id: 16,000 ids, 50 ms). `AnyOf` reads `values`."""

    __slots__ = ("values",)

    def __init__(self, values: Sequence) -> None:
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return f"Ids({self.values!r})"


class AnyOf(Lookup):
    """`field__any=[...]`: on PostgreSQL `field = ANY(%s)` with the list as ONE array parameter, so a list of tens of
    thousands of ids costs one placeholder (an `__in` list costs Django and psycopg a placeholder each, which was
    most of the sweep's time spent building queries). Elsewhere it is the same as `__in`. Any iterable will do; `Ids`
    is not walked item by item when the query is built, as a list is (a set or a dict's keys only once)."""

    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = list(self.rhs.values if isinstance(self.rhs, Ids) else self.rhs)
        if connection.vendor == "postgresql":
            if values and all(type(value) is int for value in values):  # ids: one array literal, not a list to dump
                return f"{lhs} = ANY(%s::bigint[])", [*params, "{" + ",".join(map(str, values)) + "}"]
            return f"{lhs} = ANY(%s)", [*params, values]
        if not values:
            return "0 = 1", params
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*params, *values]


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # (related fields look up only their own class's lookups)
