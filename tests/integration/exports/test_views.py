"""Requesting, following and downloading a workbook on the web; who may; what is logged."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exports.models import ExportEvent, ExportFile
from exports.services import export_fail
from tests.factories.exports import ExportFileFactory, submitted_return
from tests.factories.providers import WorkplaceFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def scene(world, rounds):
    """Council A contracts with org A; org A's workplace has a submitted return in the latest round."""
    for _n in range(3):
        submitted_return(workplace=WorkplaceFactory(organisation=world.org_a), collection_round=rounds[-1], staff=12)
    return world, rounds[-1]


def _index(world, council=None):
    return reverse("exports-council:index", kwargs={"council": (council or world.council_a).slug})


def _urls(export):
    kwargs = {"council": export.council.slug, "export": export.pk}
    return [reverse(f"exports-council:{name}", kwargs=kwargs) for name in ("detail", "status", "download")]


@pytest.mark.parametrize("role", ["analyst", "council_admin"])
def test_an_analyst_requests_follows_and_downloads_a_workbook(role, scene, client, django_capture_on_commit_callbacks):
    world, collection_round = scene
    user = world.users[role]
    client.force_login(user)
    assert client.get(_index(world)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_index(world), {"round": collection_round.slug, "kind": "workforce"})
    export = ExportFile.objects.get()
    assert response.status_code == 302 and response["Location"] == _urls(export)[0]
    export.refresh_from_db()
    assert export.status == "ready" and export.progress == 100 and export.requested_by == user
    status = client.get(_urls(export)[1]).json()
    assert status["finished"] and status["status"] == "ready" and status["data_version"] == export.data_version
    page = client.get(_urls(export)[0])
    # (The session-timeout fallback's refresh, to the signed-out page, is on every page: only the progress refresh goes.)
    assert b"Your workbook is ready" in page.content and not re.search(rb'http-equiv="refresh" content="\d+">', page.content)
    download = client.get(_urls(export)[2])
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == 'attachment; filename="council-a-workforce-2026-27.xlsx"'
    assert download.content[:2] == b"PK" and download.content == bytes(export.content)
    events = list(ExportEvent.objects.order_by("at", "id").values_list("action", "user", "data_version"))
    assert events == [("requested", user.pk, export.data_version), ("downloaded", user.pk, export.data_version)]


def test_a_waiting_export_refreshes_itself_and_cannot_be_downloaded_yet(scene, client):
    world, collection_round = scene
    client.force_login(world.users["analyst"])
    client.post(_index(world), {"round": collection_round.slug, "kind": "workforce"})  # on_commit not run: queued
    export = ExportFile.objects.get()
    assert export.status == "queued"
    page = client.get(_urls(export)[0])
    assert b'http-equiv="refresh"' in page.content and b"Waiting to start" in page.content
    assert client.get(_urls(export)[1]).json()["finished"] is False
    response = client.get(_urls(export)[2])
    assert response.status_code == 302 and response["Location"] == _urls(export)[0]
    assert not ExportEvent.objects.filter(action="downloaded").exists()


def test_a_double_submit_makes_one_export(scene, client):
    world, collection_round = scene
    client.force_login(world.users["analyst"])
    for _ in range(2):
        response = client.post(_index(world), {"round": collection_round.slug, "kind": "workforce"})
        assert response.status_code == 302
    assert ExportFile.objects.count() == 1
    assert ExportEvent.objects.filter(action="requested").count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({}, "Select a collection round"),
    ({"round": "no-such-round", "kind": "workforce"}, "Select a collection round from the list"),
    ({"round": "round-2026", "kind": "staff-list"}, "Select a workbook from the list"),
    ({"round": "round-2025", "kind": "workforce"}, "has submitted a return for Workforce return 2025 yet"),
])
def test_bad_requests_are_refused_with_a_clear_message(data, message, scene, client):
    world, _ = scene
    client.force_login(world.users["analyst"])
    response = client.post(_index(world), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not ExportFile.objects.exists()


def test_another_councils_round_cannot_be_chosen(scene, client):
    from tests.factories.exports import CollectionRoundFactory

    world, _ = scene
    CollectionRoundFactory(slug="b-only", council=world.council_b)
    client.force_login(world.users["analyst"])
    response = client.post(_index(world), {"round": "b-only", "kind": "workforce"})
    assert "Select a collection round from the list" in response.content.decode()


@pytest.mark.parametrize("role", ["provider_admin", "provider_editor", "provider_viewer", "contract_officer"])
def test_providers_and_contract_officers_cannot_request_or_download(role, scene, client):
    world, collection_round = scene
    export = ExportFileFactory(council=world.council_a, round=collection_round)
    client.force_login(world.users[role])
    assert client.get(_index(world)).status_code == 404
    assert client.post(_index(world), {"round": collection_round.slug, "kind": "workforce"}).status_code == 404
    for url in _urls(export):
        assert client.get(url).status_code == 404, url
    assert ExportFile.objects.count() == 1 and not ExportEvent.objects.exists()


def test_another_councils_workbook_is_not_found(scene, client):
    world, collection_round = scene
    theirs = ExportFileFactory(council=world.council_b, round=collection_round)
    client.force_login(world.users["analyst"])
    assert client.get(_index(world, world.council_b)).status_code == 404
    for url in _urls(theirs):
        assert client.get(url).status_code == 404, url
    # their export id under our council's address is not found either
    for url in _urls(theirs):
        assert client.get(url.replace(world.council_b.slug, world.council_a.slug)).status_code == 404, url


def test_a_failed_export_says_so(scene, client):
    world, collection_round = scene
    export = ExportFileFactory(council=world.council_a, round=collection_round, status="running", content=None)
    export_fail(export_id=export.pk, error="Traceback: boom")
    client.force_login(world.users["analyst"])
    page = client.get(_urls(export)[0]).content.decode()
    assert "The workbook could not be made" in page and "boom" not in page


def test_the_list_page_queries_do_not_grow_with_exports(scene, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world, collection_round = scene
    client.force_login(world.users["analyst"])
    counts = []
    for batch in (2, 13):
        for _ in range(batch):
            export = ExportFileFactory(council=world.council_a, round=collection_round,
                                       requested_by=world.users["analyst"])
            ExportEvent.objects.create(export=export, council=world.council_a, round=collection_round,
                                       user=world.users["analyst"], action="downloaded", data_version="v")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_index(world))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(16):  # 14, plus the per-request sign-in checks of issue 16 (MFA, short session)
        response = client.get(_index(world))
    assert response.content.decode().count("council-workforce-2026-27.xlsx") == 15
