"""A check whose task was lost (its worker killed outright) is queued again by the schedule, and finishes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.providers import OrganisationFactory
from tests.factories.uploads import UploadRoundFactory
from tests.integration.uploads.conftest import sample
from uploads.models import Upload
from uploads.services import upload_create, uploads_requeue_stale

pytestmark = pytest.mark.django_db


def _lost_upload(*, minutes_ago: int) -> Upload:
    """An upload whose queued check never ran (the on-commit task of this test transaction is never sent)."""
    workplace, staff = sample("clean")
    upload = upload_create(
        organisation=OrganisationFactory(), round=UploadRoundFactory(), user=None,
        files=[("workplace.csv", workplace), ("staff.csv", staff)],
    )
    Upload.objects.filter(pk=upload.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes_ago))
    return upload


def test_a_stale_check_is_queued_again_and_finishes(settings):
    settings.STALE_TASK_MINUTES = 15
    lost = _lost_upload(minutes_ago=16)
    assert uploads_requeue_stale() == [lost.pk]
    lost.refresh_from_db()
    assert lost.state in ("passed", "warnings") and lost.progress == 100


@pytest.mark.parametrize("state", ["passed", "failed", "applied"])
def test_finished_or_recent_checks_are_left_alone(settings, state):
    settings.STALE_TASK_MINUTES = 15
    recent = _lost_upload(minutes_ago=5)
    finished = _lost_upload(minutes_ago=60)
    Upload.objects.filter(pk=finished.pk).update(state=state)
    assert uploads_requeue_stale() == []
    recent.refresh_from_db()
    assert recent.state == "queued"
