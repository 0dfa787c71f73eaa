"""django-q2 tasks: take an id, call one service, record failure on the row through the hook."""

from __future__ import annotations

from exports.services import export_fail, export_generate, exports_requeue_stale, releases_make_due


def export_run(export_id: int) -> dict:
    export = export_generate(export_id=export_id)
    return {"export": export.pk, "status": export.status, "bytes": export.size, "data_version": export.data_version}


def export_hook(task) -> None:
    if not task.success:
        export_fail(export_id=int(task.args[0]), error=str(task.result))


def requeue_stale() -> list[int]:
    """Scheduled: workbooks that a killed worker left unfinished are queued again."""
    return exports_requeue_stale()


def make_due_releases() -> list[int]:
    """Scheduled daily: make the round workbook releases that have fallen due."""
    return releases_make_due()
