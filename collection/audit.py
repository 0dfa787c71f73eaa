"""The audit trail: every change to a return or a staff record, field by field.

`audit_write` is the one function that writes audit rows. `audit_changes` writes one action's rows at once;
`AuditBatch` collects many actions (a bulk write, an upload) and writes them with `audit_write` in one go.
`council_audit_rows` builds the rows for a change to a council's own settings (a contract, a requirement, a
round, a chase ladder step): same table, same writer, no return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection

from collection.models import ChangeRecord, WorkforceReturn
from config import clock
from config.bulk import copy_rows, is_postgresql
from providers.models import User

BLANK = (None, "", [], ())
BATCH = 2000
FLUSH_AT = 20_000  # an AuditBatch writes what it holds every so many rows, so memory stays flat in a big upload
COLUMNS = (
    "workforce_return_id", "staff_ref", "action", "field", "old_value", "new_value", "actor_id", "source",
    "council_id", "subject", "subject_id", "subject_label",
)  # fmt: skip


class AuditRow(NamedTuple):
    workforce_return_id: int | None
    staff_ref: str
    action: str
    field: str
    old_value: str
    new_value: str
    actor_id: int | None
    source: str
    council_id: int | None = None
    subject: str = ""
    subject_id: int | None = None
    subject_label: str = ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _same(old: Any, new: Any) -> bool:
    """Equal by value (a stored 5.0 equals a sent 5), by text (a date equals its ISO text), or both blank."""
    if old in BLANK and new in BLANK:
        return True
    try:
        if old == new:
            return True
    except TypeError:
        pass
    return _text(old) == _text(new)


def field_changes(*, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs between two snapshots (a field missing from `before` counts as None)."""
    return {name: (before.get(name), value) for name, value in after.items() if not _same(before.get(name), value)}


def audit_rows(
    *,
    workforce_return_id: int,
    actor: User | None,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    staff_ref: str = "",
    source: str = ChangeRecord.Source.WEB,
) -> list[AuditRow]:
    """One row per changed field (or one row for an action with no fields, like 'submitted': `changes` None). Not
    saved. An edit that changed nothing (`changes` empty) has no rows: saving an unchanged form leaves no trace."""
    actor_id = actor.pk if actor is not None else None
    if changes is not None and not changes:
        return []
    if changes is None:
        return [AuditRow(workforce_return_id, staff_ref, action, "", "", "", actor_id, source)]
    return [
        AuditRow(workforce_return_id, staff_ref, action, name, _text(old), _text(new), actor_id, source)
        for name, (old, new) in changes.items()
    ]


def council_audit_rows(
    *,
    council_id: int,
    subject: str,
    subject_id: int | None,
    label: str,
    actor: User | None,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    source: str = ChangeRecord.Source.WEB,
) -> list[AuditRow]:
    """Rows for one change to a council's settings: one per changed field, or one for an action with no fields
    (`changes` None); none for an edit that changed nothing. Not saved: pass them to `audit_write`."""
    actor_id = actor.pk if actor is not None else None
    tail = (council_id, subject, subject_id, label[:200])
    if changes is not None and not changes:
        return []
    if changes is None:
        return [AuditRow(None, "", action, "", "", "", actor_id, source, *tail)]
    return [
        AuditRow(None, "", action, name, _text(old), _text(new), actor_id, source, *tail)
        for name, (old, new) in changes.items()
    ]


def audit_write(rows: Iterable[AuditRow]) -> None:
    """The one writer of audit rows: no model instances, so an upload's hundreds of thousands of rows cost little
    time and memory. On PostgreSQL one COPY; elsewhere plain parameterised INSERTs in batches. Every row of one call
    has the same time."""
    if is_postgresql():
        at = clock.now()
        copy_rows(ChangeRecord._meta.db_table, [*COLUMNS, "at"], ((*row, at) for row in rows))
        return
    table = connection.ops.quote_name(ChangeRecord._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in (*COLUMNS, "at"))
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))})"
    at = connection.ops.adapt_datetimefield_value(clock.now())
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append((*row, at))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def audit_changes(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    staff_ref: str = "",
    source: str = ChangeRecord.Source.WEB,
) -> None:
    """Write one action's audit rows now."""
    audit_write(audit_rows(workforce_return_id=workforce_return.pk, actor=actor, action=action, changes=changes,
                           staff_ref=staff_ref, source=source))


@dataclass
class AuditBatch:
    """Audit rows for many actions by one actor from one source, written together by `save` (with `audit_write`)."""

    actor: User | None
    source: str = ChangeRecord.Source.WEB
    rows: list[AuditRow] = field(default_factory=list)
    return_ids: set[int] = field(default_factory=set)  # every return with a row, written or not

    def add(self, return_id: int, action: str, *, changes: Mapping | None = None, staff_ref: str = "") -> None:
        self.rows.extend(audit_rows(workforce_return_id=return_id, actor=self.actor, action=action, changes=changes,
                                    staff_ref=staff_ref, source=self.source))
        self.return_ids.add(return_id)
        if len(self.rows) >= FLUSH_AT:
            self.save()

    def add_created(self, entries: Iterable[tuple[int, str, str]]) -> None:
        """One "created" row for each (return id, staff reference, summary of the record): the rows
        `add(return_id, "created", staff_ref=ref, changes={"": ("", summary)})` makes, without a call per record
        (an upload creates tens of thousands)."""
        actor_id = self.actor.pk if self.actor is not None else None
        for return_id, staff_ref, summary in entries:
            self.rows.append(AuditRow(return_id, staff_ref, "created", "", "", summary, actor_id, self.source))
            self.return_ids.add(return_id)
        if len(self.rows) >= FLUSH_AT:
            self.save()

    def save(self) -> None:
        audit_write(self.rows)
        self.rows = []
