"""The export task runs in a real django-q2 worker process and keeps the file on the row."""

from __future__ import annotations

import time

import pytest

from exports.models import ExportFile
from exports.services import export_request
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
)
from tests.unit.exports.readback import read_tables


@pytest.mark.django_db(transaction=True)
def test_the_workbook_is_made_by_a_real_worker(task_worker):
    council = CouncilFactory(slug="worker-council", name="Worker Council")
    collection_round = CollectionRoundFactory(slug="worker-round")
    for n in range(3):
        organisation = OrganisationFactory(slug=f"worker-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        submitted_return(workplace=WorkplaceFactory(organisation=organisation), collection_round=collection_round,
                         staff=20)
    analyst = CouncilMembershipFactory(council=council, role="analyst").user
    export, created = export_request(user=analyst, council=council, collection_round=collection_round)
    assert created
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.is_finished:
            break
        time.sleep(0.3)
    assert export.status == ExportFile.Status.READY, (export.status, export.error)
    assert export.progress == 100 and export.finished_at and export.started_at
    _, tables = read_tables(bytes(export.content))
    assert len([t for t in tables if t.name.startswith("table_")]) == export.table_count
