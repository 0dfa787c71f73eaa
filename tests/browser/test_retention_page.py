"""A council admin sees what the retention schedule deletes in the next month and places a legal hold on one
organisation: the page then shows that organisation's data as on hold. Checked with axe, and at 320 px wide."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from collection.models import StaffRecord
from providers.models import CouncilMembership
from retention.models import LegalHold
from retention.rules import add_years
from tests.browser.conftest import sign_in
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    PASSWORD,
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    InvitationFactory,
    OrganisationFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> bool:
    width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return width <= client


def test_council_admin_sees_what_goes_next_month_and_places_a_legal_hold(live_server, page, axe_check, today):
    council = CouncilFactory(slug="keep-county", name="Keep County Council")
    admin = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    willow = OrganisationFactory(slug="willow-care", name="Willow Care Ltd")
    ContractFactory(council=council, organisation=willow)
    closes = add_years(today + timedelta(days=10), -6)
    old = CollectionRoundFactory(slug="six-years-ago", name="Workforce return six years ago",
                                 snapshot_date=closes - timedelta(days=120), window_opens=closes - timedelta(days=100),
                                 due_date=closes - timedelta(days=30), closes=closes)  # fmt: skip
    submitted_return(workplace=WorkplaceFactory(organisation=willow, name="Willow House"), collection_round=old,
                     staff=8)  # fmt: skip
    InvitationFactory(organisation=willow, email="new.manager@willow.test")
    elsewhere = OrganisationFactory(slug="elsewhere", name="Elsewhere Care")  # another council's: never shown
    submitted_return(workplace=WorkplaceFactory(organisation=elsewhere, name="Far House"), collection_round=old)

    sign_in(page, live_server.url, admin, PASSWORD)
    page.goto(live_server.url + "/council/keep-county/")
    page.get_by_role("link", name=re.compile("Data retention")).click()
    expect(page.get_by_role("heading", name="Data due to be deleted in the next month")).to_be_visible()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="Willow House")
    assert row.count() == 1
    cells = row.get_by_role("cell").all_inner_texts()
    goes_on = add_years(closes, 6)  # ten days from today (the end of February aside)
    assert cells == [f"{goes_on.day} {goes_on:%B %Y}", "Staff records (and their change history)",
                     "Willow House, Workforce return six years ago", "8"]
    assert table.get_by_role("row").filter(has_text="new.manager@willow.test").count() == 1
    assert "Far House" not in page.content()
    axe_check(page)

    page.get_by_role("link", name="Place or lift a legal hold").click()
    page.get_by_role("button", name="Place hold").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select the organisation whose data must be kept" in summary.inner_text()
    assert "Enter why the data must be kept" in summary.inner_text()
    axe_check(page)
    page.get_by_label("Organisation").select_option(label="Willow Care Ltd")
    page.get_by_label("Why must its data be kept?").fill("Employment tribunal claim 2301234/2026")
    page.get_by_role("button", name="Place hold").click()
    expect(page.get_by_text("Legal hold placed on Willow Care Ltd")).to_be_visible()
    hold = LegalHold.objects.get()
    assert (hold.organisation, hold.placed_by, hold.lifted_at) == (willow, admin, None)
    axe_check(page)

    page.get_by_role("link", name="Back to data due to be deleted").click()
    row = page.get_by_role("table").get_by_role("row").filter(has_text="Willow House")
    assert "On hold" in row.inner_text()
    assert "Legal hold in place for Willow Care Ltd" in page.content()
    page.set_viewport_size({"width": 320, "height": 640})
    assert _fits(page)
    axe_check(page)
    page.goto(live_server.url + "/council/keep-county/retention/holds/")
    assert _fits(page)

    page.get_by_role("link", name="Lift the hold on Willow Care Ltd").click()
    page.get_by_label("Why can the hold be lifted?").fill("Claim withdrawn")
    page.get_by_role("button", name="Lift hold").click()
    expect(page.get_by_text("Legal hold on Willow Care Ltd lifted")).to_be_visible()
    hold.refresh_from_db()
    assert hold.lifted_by == admin and hold.lift_reason == "Claim withdrawn"
    assert StaffRecord.objects.filter(workforce_return__workplace__organisation=willow).count() == 8
