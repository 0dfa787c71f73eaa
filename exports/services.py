"""Writes for analyst workbooks: request (queues the task on commit), generate (the task's work), record a download.

Every request and download is logged in `ExportEvent` (EXPORTS.md rule 16).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django_q.tasks import async_task

from collection.models import CollectionRound
from config import clock
from exports.extraction import round_data_version
from exports.extraction.compliance import compliance_frame
from exports.models import ExportEvent, ExportFile
from exports.pipeline import BuiltWorkbook, make_workbook
from providers.models import Council, User

logger = logging.getLogger(__name__)
IN_FLIGHT = (ExportFile.Status.QUEUED, ExportFile.Status.RUNNING)


@transaction.atomic
def export_request(
    *, user: User, council: Council, collection_round: CollectionRound, kind: str = ExportFile.Kind.WORKFORCE
) -> tuple[ExportFile, bool]:
    """Ask for a workbook. Returns (export, created): the same user's identical request that is still being made
    is returned instead of a second one (double submits). The task is queued once the transaction commits."""
    Council.objects.select_for_update().filter(pk=council.pk).first()  # one request at a time per council
    existing = ExportFile.objects.filter(council=council, round=collection_round, kind=kind, requested_by=user,
                                         status__in=IN_FLIGHT).defer("content").first()
    if existing is not None:
        return existing, False
    today = clock.today()
    compliance = compliance_frame(council=council, collection_round=collection_round, today=today)
    version = round_data_version(council=council, collection_round=collection_round, compliance=compliance)
    export = ExportFile.objects.create(council=council, round=collection_round, kind=kind, requested_by=user,
                                       progress_message="Waiting to start")
    ExportEvent.objects.create(export=export, council=council, round=collection_round, kind=kind, user=user,
                               action=ExportEvent.Action.REQUESTED, data_version=version,
                               detail=f"{export.get_kind_display()}, round {collection_round.slug}")
    transaction.on_commit(lambda: async_task("exports.tasks.export_run", export.pk, hook="exports.tasks.export_hook",
                                             task_name=f"export-{export.pk}"))
    return export, True


def _progress(export_id: int):
    def report(percent: int, message: str) -> None:
        ExportFile.objects.filter(pk=export_id).update(progress=percent, progress_message=message)
    return report


def export_generate(*, export_id: int) -> ExportFile:
    """Make the workbook of a requested export and keep it. Progress is written as it goes (each step commits, so
    the status page can show it). Running it again for a ready export does nothing."""
    export = ExportFile.objects.select_related("council", "round").defer("content").get(pk=export_id)
    if export.status == ExportFile.Status.READY:
        return export
    ExportFile.objects.filter(pk=export_id).update(status=ExportFile.Status.RUNNING, started_at=clock.now(),
                                                   progress=5, progress_message="Starting", error="")
    built = make_workbook(council=export.council, collection_round=export.round, progress=_progress(export_id))
    ExportFile.objects.filter(pk=export_id).update(
        status=ExportFile.Status.READY, progress=100, progress_message="Ready", content=built.content,
        size=len(built.content), file_name=built.file_name, table_count=built.table_count,
        data_version=built.data_version, finished_at=clock.now(),
    )
    return ExportFile.objects.defer("content").get(pk=export_id)


def exports_requeue_stale(*, now: datetime | None = None) -> list[int]:
    """Queue again the workbooks a dead worker left unfinished (not finished STALE_TASK_MINUTES after starting).

    Making a workbook twice gives the same bytes, and a ready one is never remade, so this is always safe.
    """
    now = now or clock.now()
    cutoff = now - timedelta(minutes=settings.STALE_TASK_MINUTES)
    stale = list(
        ExportFile.objects.filter(status__in=[ExportFile.Status.QUEUED, ExportFile.Status.RUNNING])
        .filter(Q(started_at__lt=cutoff) | Q(started_at=None, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    for export_id in stale:
        ExportFile.objects.filter(pk=export_id).update(started_at=now, progress_message="Starting again")
        async_task("exports.tasks.export_run", export_id, hook="exports.tasks.export_hook",
                   task_name=f"export-{export_id}-again")
    return stale


def export_fail(*, export_id: int, error: str) -> None:
    """Record that making the workbook failed (the task hook calls this)."""
    logger.error("Export %s failed: %s", export_id, error)
    ExportFile.objects.filter(pk=export_id).exclude(status=ExportFile.Status.READY).update(
        status=ExportFile.Status.FAILED, progress_message="Failed", error=error[:5000], finished_at=clock.now())


@transaction.atomic
def export_download(*, user: User, export: ExportFile) -> ExportFile:
    """Log a download of a ready workbook and return it with its bytes."""
    ExportEvent.objects.create(export=export, council=export.council, round=export.round, kind=export.kind, user=user,
                               action=ExportEvent.Action.DOWNLOADED, data_version=export.data_version,
                               detail=export.file_name)
    return ExportFile.objects.get(pk=export.pk)


@transaction.atomic
def export_command_record(*, council: Council, collection_round: CollectionRound, built: BuiltWorkbook, out: str
                          ) -> None:
    """Log a workbook made with `manage.py export_workbook` (no user: whoever runs commands on the server)."""
    ExportEvent.objects.create(council=council, round=collection_round, kind=ExportFile.Kind.WORKFORCE,
                               action=ExportEvent.Action.COMMAND, data_version=built.data_version,
                               detail=f"{built.file_name} -> {out}"[:200])
