"""Reads for the exports pages."""

from __future__ import annotations

from django.db.models import QuerySet

from exports.access import rounds_for
from exports.models import ExportEvent, ExportFile
from providers.models import Council

LIST_LIMIT = 50


def export_list(*, council: Council) -> QuerySet[ExportFile]:
    """The council's workbooks, newest first, without their file bytes."""
    return (
        ExportFile.objects.filter(council=council).select_related("round", "requested_by")
        .defer("content").order_by("-created_at", "-id")[:LIST_LIMIT]
    )


def export_event_list(*, council: Council) -> QuerySet[ExportEvent]:
    """The log of requests and downloads, newest first."""
    return ExportEvent.objects.filter(council=council).select_related("round", "user").order_by("-at", "-id")[:LIST_LIMIT]


def round_choices(*, council: Council) -> QuerySet:
    return rounds_for(council).order_by("-snapshot_date", "name")


def export_status(export: ExportFile) -> dict:
    """What the status page polls for (JSON)."""
    return {
        "id": export.pk,
        "status": export.status,
        "status_label": export.get_status_display(),
        "progress": export.progress,
        "message": export.progress_message,
        "finished": export.is_finished,
        "file": export.file_name,
        "bytes": export.size,
        "tables": export.table_count,
        "data_version": export.data_version,
        "reason": export.error if export.status == ExportFile.Status.REFUSED else "",
    }
