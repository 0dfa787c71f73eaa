"""django-q2 tasks: thin shells around the services, taking ids."""

from __future__ import annotations


def upload_validate(upload_id: int) -> str:
    from uploads.services import upload_validate

    return upload_validate(upload_id=upload_id)


def upload_validate_done(task) -> None:
    """django-q2 hook: a task that failed (crash, timeout) leaves the upload marked as not checked."""
    from uploads.services import upload_mark_crashed

    if not task.success and task.args:
        upload_mark_crashed(upload_id=task.args[0])


def requeue_stale() -> list[int]:
    """Scheduled: checks that a killed worker left unfinished are queued again."""
    from uploads.services import uploads_requeue_stale

    return uploads_requeue_stale()
