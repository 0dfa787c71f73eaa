"""The council admin's retention pages: scoped to the council, and a hold only on the council's own organisations."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management.base import CommandError

from providers.models import CouncilMembership
from retention.models import LegalHold
from retention.rules import add_years
from retention.services import retention_run
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(client, today):
    council = CouncilFactory(slug="scope-council")
    admin = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    ours, theirs = OrganisationFactory(slug="ours", name="Our Care"), OrganisationFactory(slug="theirs", name="Their Care")
    ContractFactory(council=council, organisation=ours)
    ContractFactory(organisation=theirs)  # another council's
    closes = add_years(today - timedelta(days=3), -6)
    old = CollectionRoundFactory(slug="scope-old", snapshot_date=closes - timedelta(days=120),
                                 window_opens=closes - timedelta(days=100), due_date=closes - timedelta(days=30),
                                 closes=closes)  # fmt: skip
    for organisation in (ours, theirs):
        submitted_return(workplace=WorkplaceFactory(organisation=organisation, name=f"{organisation.name} House"),
                         collection_round=old, staff=4)  # fmt: skip
    client.force_login(admin)
    return council, ours, theirs


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_hold_on_another_councils_organisation_is_refused(client, scene):
    council, ours, theirs = scene
    page = _get(client, "/council/scope-council/retention/holds/")
    assert "Our Care" in page and "Their Care" not in page
    response = client.post("/council/scope-council/retention/holds/", {"organisation": theirs.pk, "reason": "Claim"})
    assert response.status_code == 200 and "Select one of your council&#x27;s organisations" in response.content.decode()
    assert not LegalHold.objects.exists()
    client.post("/council/scope-council/retention/holds/", {"organisation": ours.pk, "reason": "Claim"})
    response = client.post("/council/scope-council/retention/holds/", {"organisation": ours.pk, "reason": "Again"})
    assert "already under a legal hold" in response.content.decode()
    assert LegalHold.objects.filter(organisation=ours).count() == 1


def test_the_page_shows_what_went_in_the_last_month_for_the_councils_organisations(client, scene):
    council, ours, theirs = scene
    page = _get(client, "/council/scope-council/retention/")
    assert "Our Care House" in page and "Their Care House" not in page
    assert "Nothing of your organisations was deleted in the last month." in page
    assert retention_run().removed["staff_records"] == 8
    page = _get(client, "/council/scope-council/retention/")
    assert "Staff records (and their change history) of Our Care, 4 records" in page
    assert "Their Care" not in page and "Nothing is due to be deleted in the next month." in page


def test_another_councils_chase_evidence_about_a_shared_organisation_stays_out_of_view(client, scene, today):
    from compliance.models import OfficerEntry
    from tests.factories.providers import UserFactory

    council, ours, theirs = scene
    other = CouncilFactory(slug="other-council")
    ContractFactory(council=other, organisation=ours, ends_on=add_years(today, -6))
    OfficerEntry.objects.create(council=other, organisation=ours, kind="note", text="Theirs", recorded_by=UserFactory())
    assert retention_run(dry_run=True).removed["chase_evidence"] == 1  # due: the other council's contract ended
    page = _get(client, "/council/scope-council/retention/")
    assert "Calls, notes and notices" not in page and "Our Care House" in page


def test_the_command_says_what_it_would_delete_then_deletes_it(scene, today):
    import json

    from django.core.management import call_command

    from collection.models import StaffRecord

    out = StringIO()
    call_command("retention", "--date", today.isoformat(), "--dry-run", "--json", stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["dry_run"] is True and answer["removed"] == {"staff_records": 8}
    assert StaffRecord.objects.count() == 8
    out = StringIO()
    call_command("retention", "--date", today.isoformat(), stdout=out)
    assert "Deleted 8: Staff records (and their change history)" in out.getvalue()
    assert not StaffRecord.objects.exists()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("retention", "--date", "31/12/2026")


def test_survey_responses_are_named_in_words(client, scene):
    from collection.models import CollectionRound
    from tests.factories.surveys import CampaignFactory, ResponseFactory

    council, ours, theirs = scene
    old = CollectionRound.objects.get(slug="scope-old")
    campaign = CampaignFactory(workplace=WorkplaceFactory(organisation=ours, name="Survey House"), round=old)
    ResponseFactory.create_batch(3, campaign=campaign)
    page = _get(client, "/council/scope-council/retention/")
    assert f"Survey House, Staff satisfaction survey, {old.name}" in page
