"""The desk's "due in the next 30 days" list on any day of the year: each provider on track, at risk or not
started against its own due date, and the one-click reminder to the at-risk group, sent once through the chase
records however often it is clicked. CI runs this at one fixed date in each season too (marker `dates`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collection.models import CollectionRound, WorkforceReturn
from compliance.models import ChaseRecord
from compliance.rules import add_months
from compliance.services.outlook import AT_RISK_STEP
from providers.models import ContractRequirement, CouncilMembership, Membership
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.dates

# workplace: (return state or None for no return, progress %, days since last worked on)
PLACES = {
    "Sent House": ("submitted", 100, 3),
    "Busy House": ("in_progress", 80, 1),
    "Slow House": ("in_progress", 30, 1),
    "Stale House": ("in_progress", 90, 20),
    "Quiet House": (None, None, None),
}


@pytest.fixture
def desk_world(db, today):
    council = CouncilFactory(slug="outlook-council", name="Outlook Council")
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER).user
    round_ = CollectionRound.objects.create(
        name="Outlook round", slug="outlook", snapshot_date=today - timedelta(61), window_opens=today - timedelta(60),
        due_date=today + timedelta(20), closes=today + timedelta(120),
    )  # fmt: skip
    for name, (state, progress, idle) in PLACES.items():
        org = OrganisationFactory(name=name.replace("House", "Care"))
        MembershipFactory(organisation=org, role=Membership.Role.ADMIN,
                          user=UserFactory(email=f"{name.split()[0].lower()}@outlook.test", with_mfa=True))  # fmt: skip
        place = WorkplaceFactory(organisation=org, name=name)
        ContractFactory(council=council, organisation=org, starts_on=today - timedelta(800))
        if state:
            found = WorkforceReturn.objects.create(workplace=place, round=round_, state=state,
                                                   progress_percent=progress)  # fmt: skip
            moment = timezone.now() - timedelta(days=idle)
            extra = {"submitted_at": moment} if state == "submitted" else {}
            WorkforceReturn.objects.filter(pk=found.pk).update(updated_at=moment, **extra)
    # due 45 days from today by its anniversary: not in the list yet, however little it has done
    later = OrganisationFactory(name="Later Care")
    WorkplaceFactory(organisation=later, name="Later House")
    contract = ContractFactory(council=council, organisation=later, starts_on=add_months(today + timedelta(45), -63))
    ContractRequirement.objects.filter(contract=contract).update(due_rule="contract_anniversary", due_months=3)
    return council, officer, round_


def test_the_desk_warns_before_the_deadline_and_reminds_the_at_risk_once(client, desk_world, today, smtp_server):
    council, officer, round_ = desk_world
    client.force_login(officer)
    desk_url = reverse("compliance-council:desk", kwargs={"council": council.slug})
    page = client.get(desk_url, {"round": round_.slug}).content.decode()
    section = page.partition("Due in the next 30 days")[2].partition("Every requirement")[0]
    assert "On track: <strong>2</strong>" in section
    assert "At risk: <strong>2</strong>" in section
    assert "Not started: <strong>1</strong>" in section
    at_risk = section.partition("At risk (2)")[2].partition("</table>")[0]
    assert "Slow House" in at_risk and "Stale House" in at_risk and "Busy House" not in at_risk
    assert "Later House" not in section

    url = reverse("compliance-council:at-risk-reminders", kwargs={"council": council.slug})
    response = client.post(url, {"round": round_.slug}, follow=True)
    assert "Reminder sent to 2 at-risk providers" in response.content.decode()
    records = ChaseRecord.objects.filter(round=round_, step=AT_RISK_STEP)
    assert sorted(r.workplace.name for r in records) == ["Slow House", "Stale House"]
    assert {r.status for r in records} == {"sent"} and {r.decided_by for r in records} == {officer}
    assert sorted(m["To"] for m in smtp_server.wait_for(2)) == ["slow@outlook.test", "stale@outlook.test"]

    again = client.post(url, {"round": round_.slug}, follow=True).content.decode()
    assert "already been reminded this round: nothing sent" in again
    assert records.count() == 2 and len(smtp_server.messages) == 2
