"""The upload check runs in a real django-q2 worker process, queued when the upload is committed."""

from __future__ import annotations

import time

import pytest

from tests.factories.providers import OrganisationFactory
from tests.factories.uploads import UploadRoundFactory
from tests.integration.uploads.conftest import sample
from uploads.models import Upload
from uploads.services import upload_create


@pytest.mark.django_db(transaction=True)
def test_the_check_runs_in_a_real_worker_and_the_page_state_follows_it(task_worker):
    organisation = OrganisationFactory(slug="worker-org")
    workplace, staff = sample("with-errors")
    upload = upload_create(
        organisation=organisation,
        round=UploadRoundFactory(),
        user=None,
        files=[("workplace.csv", workplace), ("staff.csv", staff)],
    )
    assert Upload.objects.get(pk=upload.pk).state == "queued"  # nothing ran in this process
    deadline = time.monotonic() + 60
    while Upload.objects.get(pk=upload.pk).is_checking and time.monotonic() < deadline:
        time.sleep(0.3)
    upload.refresh_from_db()
    assert upload.state == "failed" and upload.progress == 100
    assert {(e["file"], e["line"]) for e in upload.result["errors"]} >= {("workplace", 2), ("staff", 43)}
