"""A workbook whose task was lost (its worker killed outright) is queued again by the schedule, and finishes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from exports.models import ExportFile
from exports.services import exports_requeue_stale
from tests.factories.exports import ExportFileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", ["queued", "running"])
def test_a_stale_export_is_made_again(world, settings, status):
    settings.STALE_TASK_MINUTES = 15
    export = ExportFileFactory(council=world.council_a, status=status, content=None, size=0)
    ExportFile.objects.filter(pk=export.pk).update(
        created_at=timezone.now() - timedelta(minutes=30),
        started_at=timezone.now() - timedelta(minutes=20) if status == "running" else None,
    )
    assert exports_requeue_stale() == [export.pk]
    export.refresh_from_db()
    assert export.status == "ready" and export.finished_at is not None and export.size > 0


def test_ready_and_recent_exports_are_left_alone(world, settings):
    settings.STALE_TASK_MINUTES = 15
    ready = ExportFileFactory(council=world.council_a, status="ready")
    running = ExportFileFactory(council=world.council_a, status="running")
    ExportFile.objects.filter(pk=ready.pk).update(created_at=timezone.now() - timedelta(hours=2))
    ExportFile.objects.filter(pk=running.pk).update(started_at=timezone.now() - timedelta(minutes=2))
    assert exports_requeue_stale() == []
