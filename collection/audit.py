"""The audit trail: every change to a return or a staff record, field by field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from collection.models import ChangeRecord, WorkforceReturn
from providers.models import User


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def field_changes(*, before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs between two snapshots (a field missing from `before` counts as None)."""
    return {
        name: (before.get(name), value)
        for name, value in after.items()
        if _text(before.get(name)) != _text(value)
    }


def audit_changes(
    *,
    workforce_return: WorkforceReturn,
    actor: User | None,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    staff_ref: str = "",
    source: str = ChangeRecord.Source.WEB,
) -> None:
    """Write one row per changed field, or one row for an action with no fields (`changes` None).

    An edit that changed nothing (`changes` empty) writes nothing: saving an unchanged form leaves no trace.
    """
    rows: Iterable[ChangeRecord]
    if changes is not None and not changes:
        return
    if changes:
        rows = [
            ChangeRecord(
                workforce_return=workforce_return,
                staff_ref=staff_ref,
                action=action,
                field=name,
                old_value=_text(old),
                new_value=_text(new),
                actor=actor,
                source=source,
            )
            for name, (old, new) in changes.items()
        ]
    else:
        rows = [ChangeRecord(workforce_return=workforce_return, staff_ref=staff_ref, action=action, actor=actor,
                             source=source)]
    ChangeRecord.objects.bulk_create(rows, batch_size=1000)
