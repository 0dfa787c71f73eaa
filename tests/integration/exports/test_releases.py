"""Releases, not re-runs (issue 17 item 4): requests between two releases get the identical file, made by a real
django-q2 worker; the numbers do not move when a return is accepted; a revision is made only at its set point;
before the close there is no release."""

from __future__ import annotations

import time
from datetime import date

import pytest

from exports.models import ExportEvent, ExportFile, ExportRelease
from exports.services import export_generate, export_request, release_make_due, releases_make_due
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
)


def _scene(slug: str):
    council = CouncilFactory(slug=slug, name=f"{slug.title()} Council")
    collection_round = CollectionRoundFactory(slug=f"{slug}-round")  # snapshot 31 March 2026, closes 31 July 2026
    for n in range(4):
        organisation = OrganisationFactory(slug=f"{slug}-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        submitted_return(workplace=WorkplaceFactory(organisation=organisation), collection_round=collection_round,
                         staff=20 + 5 * n)
    late = OrganisationFactory(slug=f"{slug}-late")
    ContractFactory(council=council, organisation=late)
    analysts = [CouncilMembershipFactory(council=council, role="analyst").user for _ in range(2)]
    return council, collection_round, late, analysts


def _wait(export: ExportFile) -> ExportFile:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.is_finished:
            return export
        time.sleep(0.3)
    raise AssertionError(f"export {export.pk} did not finish: {export.status}")


@pytest.mark.today("2026-08-10")
@pytest.mark.django_db(transaction=True)
def test_two_analysts_asking_between_releases_get_the_identical_file(task_worker):
    council, collection_round, late, (first_analyst, second_analyst) = _scene("between")
    first, _ = export_request(user=first_analyst, council=council, collection_round=collection_round)
    first = _wait(first)
    assert first.status == ExportFile.Status.READY, (first.status, first.error)
    # a return is accepted after the release: it must not show until the next release
    submitted_return(workplace=WorkplaceFactory(organisation=late), collection_round=collection_round, staff=9,
                     state="accepted")
    second, _ = export_request(user=second_analyst, council=council, collection_round=collection_round)
    second = _wait(second)
    assert second.status == ExportFile.Status.READY, (second.status, second.error)
    assert bytes(second.content) == bytes(first.content)
    assert second.release_id == first.release_id and second.data_version == first.data_version
    assert ExportRelease.objects.filter(council=council).count() == 1
    versions = set(ExportEvent.objects.filter(council=council, action="requested").values_list("data_version",
                                                                                               flat=True))
    assert versions == {first.data_version}  # the log shows the release, never a live hash of the data


@pytest.mark.django_db
def test_a_revision_is_made_at_its_set_point_and_kept(move_clock_to):
    council, collection_round, late, (analyst, _) = _scene("revise")
    move_clock_to(date(2026, 8, 1))
    first = release_make_due(council=council, collection_round=collection_round)
    assert first.number == 1 and first.point == date(2026, 7, 31) and first.status == "released"
    assert release_make_due(council=council, collection_round=collection_round) is None  # nothing more due
    submitted_return(workplace=WorkplaceFactory(organisation=late), collection_round=collection_round, staff=30,
                     state="accepted")
    move_clock_to(date(2026, 10, 30))
    assert releases_make_due() == []  # the revision point (31 October) has not come
    move_clock_to(date(2026, 11, 2))
    second = release_make_due(council=council, collection_round=collection_round)
    assert second.point == date(2026, 10, 31) and second.kind == "revision"
    if second.status == ExportRelease.Status.RELEASED:
        assert second.number == 2 and bytes(second.content) != bytes(first.content)
        assert "revises release 1" in second.revisions_note
    else:  # held: the small change would be recoverable; the first release stays the current one
        assert second.hold_reason and second.content is None
    export, _ = export_request(user=analyst, council=council, collection_round=collection_round)
    export = export_generate(export_id=export.pk)
    current = second if second.status == ExportRelease.Status.RELEASED else first
    assert export.release_id == current.pk


@pytest.mark.today("2026-06-01")
@pytest.mark.django_db
def test_before_the_close_a_request_waits_for_the_first_release():
    council, collection_round, _, (analyst, _) = _scene("early")
    export, _ = export_request(user=analyst, council=council, collection_round=collection_round)
    export = export_generate(export_id=export.pk)
    assert export.status == ExportFile.Status.WAITING and export.is_finished
    assert "31 July 2026" in export.progress_message
    assert not ExportRelease.objects.exists()
