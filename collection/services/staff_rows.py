"""New staff records as plain rows, built column by column for `collection.services.writes.staff_records_create`.

A record's row holds what `clean_staff_values` makes of its values (the model's defaults for the rest), and its
"created" audit value names every answered field in field order ("local_ref=S1; job_role=25; ..."). Both are
worked out a column at a time: an upload's 100,000 records share a few codes per column, so each code's text is
made once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import itemgetter

from collection.audit import BLANK
from collection.conversion import STAFF_FIELDS
from collection.models import StaffRecord

TEXT_TYPES = ("CharField", "TextField")
STAFF_COLUMNS = [f for f in StaffRecord._meta.concrete_fields if not f.primary_key]
STAFF_ATTNAMES = [f.attname for f in STAFF_COLUMNS]
_DEFAULTS = {f.attname: f.get_default() for f in STAFF_COLUMNS}
_TEXTS = frozenset(
    f.name for f in StaffRecord._meta.concrete_fields if not f.null and f.get_internal_type() in TEXT_TYPES
)
_NEVER_BLANK = (Decimal, int, date)  # types whose values are never in BLANK
_MISSING = object()


class _Parts(dict):
    """'name=value' by text value, made on first use ('' for a blank value)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __missing__(self, value):
        part = self[value] = _part(self.name, value)
        return part


def _part(name: str, value) -> str:
    return "" if type(value) not in _NEVER_BLANK and value in BLANK else f"{name}={value}"


def _cleaned(name: str, raw: list) -> list:
    """`clean_staff_values` for one field of many records (`_MISSING`: the field was not given)."""
    blank, default = ("" if name in _TEXTS else None), _DEFAULTS[name]
    return [
        blank if value is None else default if value is _MISSING else list(value) if isinstance(value, tuple) else value
        for value in raw
    ]


_ONE_TEXT = (str, int, date, type(None))  # types whose equal values have the same text (not bool, not Decimal)


def _parts(name: str, column: list) -> list[str]:
    if set(map(type, column)) <= set(_ONE_TEXT):
        return list(map(_Parts(name).__getitem__, column))
    return [_part(name, value) for value in column]


def _given(name: str, values: list[Mapping]) -> list:
    """The field's value in each mapping (`_MISSING` where it is not given)."""
    try:
        return list(map(itemgetter(name), values))
    except KeyError:
        return [data.get(name, _MISSING) for data in values]


def new_staff_rows(entries: Sequence[tuple[int, Mapping]], *, at) -> tuple[list[tuple], list[str], list[str]]:
    """For (return id, staff values) entries: each record's row (values in `STAFF_ATTNAMES` order, `at` as both
    times), its staff reference and its "created" audit value."""
    values = [data for _return_id, data in entries]
    columns: dict[str, list] = {"local_ref": [(data.get("local_ref") or "").strip() for data in values]}
    for name in STAFF_FIELDS:
        if name != "local_ref":
            columns[name] = _cleaned(name, _given(name, values))
    parts = [_parts(name, columns[name]) for name in STAFF_FIELDS]
    summaries = ["; ".join(filter(None, row)) for row in zip(*parts, strict=True)]
    columns["workforce_return_id"] = [return_id for return_id, _data in entries]
    row_columns = [
        columns[name] if name in columns else repeat(at if name in ("created_at", "updated_at") else _DEFAULTS[name])
        for name in STAFF_ATTNAMES
    ]
    return list(zip(*row_columns, strict=False)), columns["local_ref"], summaries  # (the repeats are endless)
