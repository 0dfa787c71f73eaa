"""A council admin copies last year's round, changes its due date, previews who it covers (each contract with its
own due date), and opens it on purpose. No WCAG 2.2 AA violations on the way; the pages fit a 320 px screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from collection.models import ChangeRecord, CollectionRound
from compliance.rules import requirement_due_date
from providers.models import ContractRequirement, CouncilMembership
from tests.browser.conftest import sign_in
from tests.factories.providers import (
    PASSWORD,
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide on a {widths[1]} px screen"


@pytest.mark.parametrize("width", [1280, 320])
def test_council_admin_copies_previews_and_opens_a_round(live_server, browser, axe_check, today, width):
    council = CouncilFactory(slug="shire", name="Shire Council")
    admin = UserFactory(email="rounds.admin@example.com", full_name="Rae Rounds", with_mfa=True)
    CouncilMembershipFactory(council=council, user=admin, role=CouncilMembership.Role.COUNCIL_ADMIN)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    ContractFactory(council=council, organisation=WorkplaceFactory(name="Oak House").organisation, reference="FIXED",
                    starts_on=today - timedelta(2000))  # fmt: skip
    birch = OrganisationFactory(name="Birch Care")
    WorkplaceFactory(organisation=birch, name="Birch House")
    anniversary = ContractFactory(council=council, organisation=birch, reference="ANNIV",
                                  starts_on=date(today.year - 4, 10, 1))  # fmt: skip
    ContractRequirement.objects.filter(contract=anniversary).update(due_rule="contract_anniversary", due_months=3)
    CollectionRound.objects.create(
        council=council, name=f"Workforce return {today.year - 1}", slug="shire-last",
        snapshot_date=today - timedelta(400), window_opens=today - timedelta(380), due_date=today - timedelta(300),
        closes=today - timedelta(20),
    )  # fmt: skip

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, live_server.url, admin, PASSWORD)
    page.goto(live_server.url + "/council/shire/rounds/")
    axe_check(page)
    _fits(page)
    page.get_by_role("link", name="Copy last year's round").click()
    expect(page.get_by_text(f"Workforce return {today.year}")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Add the draft round").click()
    expect(page.get_by_text("added as a draft")).to_be_visible()
    draft = CollectionRound.objects.get(council=council, draft=True)
    moved = draft.due_date - timedelta(1)
    page.locator("#id_due_date_day").fill(str(moved.day))
    page.locator("#id_due_date_month").fill(str(moved.month))
    page.locator("#id_due_date_year").fill(str(moved.year))
    page.get_by_role("button", name="Save round").click()

    page.get_by_role("link", name=f"Preview and open Workforce return {today.year}").click()
    axe_check(page)
    _fits(page)
    table = page.get_by_role("table", name="Requirements the round covers")
    expect(table.get_by_role("cell", name="Oak House")).to_be_visible()
    expect(table.get_by_role("cell", name="Birch House")).to_be_visible()
    draft.refresh_from_db()
    assert draft.due_date == moved
    own = requirement_due_date(rule="contract_anniversary", window_opens=draft.window_opens, round_due=draft.due_date,
                               closes=draft.closes, due_months=3, contract_starts_on=anniversary.starts_on)
    birch_row = table.get_by_role("row").filter(has_text="Birch House")
    from django.utils.formats import date_format

    assert date_format(own) in birch_row.inner_text()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("Confirm that you have checked who the round covers").first).to_be_visible()
    axe_check(page)
    page.get_by_label("I have checked who this round covers and want to open it").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text(f"Workforce return {today.year} is open")).to_be_visible()
    draft.refresh_from_db()
    assert not draft.draft and draft.opened_by == admin
    trail = ChangeRecord.objects.filter(council=council, subject="round", subject_id=draft.pk)
    assert set(trail.values_list("action", flat=True)) == {"round_added", "round_copied", "round_changed",
                                                            "round_opened"}
    assert trail.get(action="round_changed").field == "due_date"
