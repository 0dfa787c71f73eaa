"""The web journey of an upload: create it and queue the check, run the check, apply it, forget the raw files."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_q.tasks import async_task

from collection.ascwds.rowkeys import ref
from collection.models import CollectionRound
from config import clock
from providers.models import Organisation, User
from uploads.models import Upload, UploadFile
from uploads.services.apply import result_apply
from uploads.services.check import missing_staff, upload_check
from uploads.services.stored import result_to_store

logger = logging.getLogger(__name__)
ALREADY_APPLIED = "This upload has already been applied."
NOT_READY = "This upload cannot be applied: it has errors, or it is still being checked."
WARNINGS_NOT_ACCEPTED = "Confirm that you accept the warnings to apply the upload."
STAFF_CHANGED = (
    "The staff held for this organisation changed since the files were checked. Check the list of staff missing "
    "from the file again."
)


@dataclass(frozen=True)
class Applied:
    applied: bool
    message: str
    counts: dict


@transaction.atomic
def upload_create(
    *, organisation: Organisation, round: CollectionRound, user: User | None, files: Sequence[tuple[str, bytes]]
) -> Upload:
    """Keep the files and queue their check in the task worker (once the transaction commits)."""
    upload = Upload.objects.create(organisation=organisation, round=round, uploaded_by=user, stage="Waiting to start")
    UploadFile.objects.bulk_create(
        [UploadFile(upload=upload, name=name[:200], size=len(data), data=data) for name, data in files]
    )
    transaction.on_commit(
        lambda: async_task(
            "uploads.tasks.upload_validate", upload.pk, hook="uploads.tasks.upload_validate_done", group="uploads"
        )
    )
    return upload


def _progress(upload_id: int, *, progress: int, stage: str, **extra) -> None:
    Upload.objects.filter(pk=upload_id).update(progress=progress, stage=stage, updated_at=clock.now(), **extra)


def upload_validate(*, upload_id: int) -> str:
    """Check the stored files and save the report. Safe to run twice (a retried task simply checks again)."""
    upload = Upload.objects.select_related("organisation", "round").get(pk=upload_id)
    if upload.state not in (Upload.State.QUEUED, Upload.State.VALIDATING, Upload.State.CRASHED):
        return upload.state
    try:
        _progress(upload_id, progress=10, stage="Reading the files", state=Upload.State.VALIDATING)
        files = [(f.name, bytes(f.data)) for f in upload.files.all()]
        _progress(upload_id, progress=30, stage="Checking every row against the rules")
        checked = upload_check(organisation=upload.organisation, round=upload.round, files=files)
        _progress(upload_id, progress=90, stage="Preparing the report")
        stored = result_to_store(checked.result, missing=missing_staff(checked))
        _progress(upload_id, progress=100, stage="Checked", state=checked.result.status, result=stored)
        return checked.result.status
    except Exception:
        logger.exception("Upload %s could not be checked", upload_id)
        upload_mark_crashed(upload_id=upload_id)
        raise


def uploads_requeue_stale(*, now: datetime | None = None) -> list[int]:
    """Queue again the checks a dead worker left unfinished (no progress for STALE_TASK_MINUTES).

    A broker can lose a task whose worker is killed outright; a check is safe to run twice, so the scheduled
    sweep simply queues it again. Returns the upload ids queued.
    """
    now = now or clock.now()
    cutoff = now - timedelta(minutes=settings.STALE_TASK_MINUTES)
    stale = list(
        Upload.objects.filter(state__in=[Upload.State.QUEUED, Upload.State.VALIDATING], updated_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    for upload_id in stale:
        Upload.objects.filter(pk=upload_id).update(updated_at=now, stage="Checking again after an interruption")
        async_task("uploads.tasks.upload_validate", upload_id, hook="uploads.tasks.upload_validate_done",
                   group="uploads")
    return stale


def upload_mark_crashed(*, upload_id: int) -> None:
    Upload.objects.filter(pk=upload_id, state__in=[Upload.State.QUEUED, Upload.State.VALIDATING]).update(
        state=Upload.State.CRASHED, stage="The check stopped unexpectedly", updated_at=clock.now()
    )


@transaction.atomic
def upload_apply(
    *, upload: Upload, actor: User | None, leavers: Mapping[tuple[str, str], str], accept_warnings: bool
) -> Applied:
    """Check the files again against the data as it is now, then apply them in this one transaction.

    `leavers` maps each staff record missing from the file that has left to its leaving reason; the others stay.
    Raises ValidationError (nothing written) when the upload is not ready or the warnings are not accepted. When the
    files now fail, or the staff missing from the file are no longer the ones the provider decided about, nothing is
    applied: the report is saved again and `Applied.applied` is False.
    """
    upload = Upload.objects.select_for_update().select_related("organisation", "round").get(pk=upload.pk)
    if upload.state == Upload.State.APPLIED:
        raise ValidationError(ALREADY_APPLIED, code="applied")
    if not upload.can_apply:
        raise ValidationError(NOT_READY, code="not_ready")
    if upload.state == Upload.State.WARNINGS and not accept_warnings:
        raise ValidationError(WARNINGS_NOT_ACCEPTED, code="warnings")
    files = [(f.name, bytes(f.data)) for f in upload.files.all()]
    checked = upload_check(organisation=upload.organisation, round=upload.round, files=files)
    missing = missing_staff(checked)
    decided = {(ref(e), ref(w)) for e, w in upload.result.get("missing_staff", [])}
    if checked.failed or {(ref(e), ref(w)) for e, w in missing} != decided:
        Upload.objects.filter(pk=upload.pk).update(
            state=checked.result.status, result=result_to_store(checked.result, missing=missing)
        )
        return Applied(applied=False, message=NOT_READY if checked.failed else STAFF_CHANGED, counts={})
    wanted = {(ref(e), ref(w)): (e, w) for e, w in missing}
    chosen = {wanted[(ref(e), ref(w))]: reason for (e, w), reason in leavers.items() if (ref(e), ref(w)) in wanted}
    counts = result_apply(
        organisation=upload.organisation,
        round=upload.round,
        result=checked.result,
        held=checked.held,
        actor=actor,
        leavers=chosen,
    )
    now = clock.now()
    result = {**upload.result, "applied": counts}
    Upload.objects.filter(pk=upload.pk).update(
        state=Upload.State.APPLIED,
        applied_at=now,
        applied_by=actor,
        result=result,
        files_deleted_at=now,
        progress=100,
        stage="Applied",
        updated_at=now,
    )
    UploadFile.objects.filter(upload=upload).delete()
    return Applied(applied=True, message="", counts=counts)


def upload_files_delete(*, upload_ids) -> int:
    """Delete the raw files of these uploads (the retention schedule decides which: `retention.rules`)."""
    ids = list(upload_ids)
    if not ids:
        return 0
    with transaction.atomic():
        deleted, _ = UploadFile.objects.filter(upload__in=ids).delete()
        Upload.objects.filter(pk__in=ids, files_deleted_at__isnull=True).update(files_deleted_at=clock.now())
    return deleted
