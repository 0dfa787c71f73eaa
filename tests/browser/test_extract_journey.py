"""An analyst asks for an extract of chosen tables in a real browser: on a desktop and at 320 px wide, the page
has no WCAG 2.2 AA violations and does not scroll sideways; nothing chosen gives the error summary; choosing two
tables gives the extract, listing the tables chosen."""

from __future__ import annotations

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from config import clock
from exports.models import ExportFile
from exports.services import release_make_due
from providers.models import CouncilMembership
from tests.browser.conftest import sign_in
from tests.factories.exports import CollectionRoundFactory, submitted_return
from tests.factories.providers import (
    PASSWORD,
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
    add_totp,
)

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_an_analyst_asks_for_an_extract(live_server, page, axe_check, monkeypatch, viewport):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 8, 10))  # after the round's close (the browser keeps real time)
    council = CouncilFactory(slug="extract-council", name="Extract Council")
    collection_round = CollectionRoundFactory(slug="extract-round", name="Workforce return 2026")
    for n in range(4):
        organisation = OrganisationFactory(slug=f"extract-org-{n}")
        ContractFactory(council=council, organisation=organisation)
        submitted_return(workplace=WorkplaceFactory(organisation=organisation), collection_round=collection_round,
                         staff=15 + 3 * n, state="accepted")
    release_make_due(council=council, collection_round=collection_round)
    analyst = UserFactory(email="extract.analyst@example.com")
    CouncilMembershipFactory(council=council, user=analyst, role=CouncilMembership.Role.ANALYST)
    EmailAddress.objects.create(user=analyst, email=analyst.email, verified=True, primary=True)
    add_totp(analyst)  # analysts see staff statistics: they sign in with an authenticator code
    if viewport:
        page.set_viewport_size(viewport)
    sign_in(page, live_server.url, analyst, PASSWORD)

    page.goto(live_server.url + "/council/extract-council/exports/")
    page.get_by_role("link", name="Ask for an extract of chosen tables").click()
    expect(page.get_by_role("heading", name="Ask for an extract of chosen tables")).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Ask for extract").click()
    expect(page.get_by_text("Select at least one table").first).to_be_visible()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("Workforce return 2026")).check()
    page.get_by_label("Vacancies by district").check()
    page.get_by_label("Staff by gender and service type group").check()
    page.get_by_role("button", name="Ask for extract").click()
    page.wait_for_url(re.compile(r"/exports/\d+/$"))
    expect(page.get_by_text("Your workbook is ready")).to_be_visible()
    expect(page.get_by_text("Vacancies by district")).to_be_visible()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    extract = ExportFile.objects.get(kind="extract")
    assert extract.status == "ready" and extract.tables == ["vacancies_district", "gender"]
