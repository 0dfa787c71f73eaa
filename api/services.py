"""The API's bulk staff-record write: `collection.services.staff_record_bulk_save`, its rejections in the API's
error shape (409 when every problem is an edit conflict)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from api.exceptions import RulesRejected
from collection.models import ChangeRecord, WorkforceReturn
from collection.services import BulkRejected, BulkResult
from collection.services import staff_record_bulk_save as collection_bulk_save
from collection.services.staff_bulk import BULK_MAX
from providers.models import User

__all__ = ["BULK_MAX", "staff_record_bulk_save"]


def staff_record_bulk_save(
    *, workforce_return: WorkforceReturn, actor: User | None, records: Sequence[Mapping],
    source: str = ChangeRecord.Source.API,
) -> BulkResult:
    try:
        return collection_bulk_save(workforce_return=workforce_return, actor=actor, records=records, source=source)
    except BulkRejected as rejected:
        raise RulesRejected(rejected.problems, status_code=409 if rejected.conflicts_only else 400) from None
