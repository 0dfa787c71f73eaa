"""A council admin sets up contracts in the service, not the Django admin: adds one for some of an organisation's
workplaces with an anniversary deadline, sees the change trail, then imports the contracts register: a bad file
saves nothing and names every problem by line, column and value; the corrected file imports. No WCAG 2.2 AA
violations on the way, and the pages fit a 320 px screen."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from collection.models import ChangeRecord
from providers.models import Contract, CouncilMembership
from tests.browser.conftest import sign_in
from tests.factories.providers import (
    PASSWORD,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "reference,organisation,workplaces,starts_on,officer_email,threshold,due_rule,due_months,survey\n"


def _fits(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide on a {widths[1]} px screen"


def _csv(text: str) -> dict:
    return {"name": "register.csv", "mimeType": "text/csv", "buffer": text.encode()}


@pytest.fixture
def admin_world():
    council = CouncilFactory(slug="shire", name="Shire Council")
    admin = UserFactory(email="shire.admin@example.com", full_name="Sam Admin", with_mfa=True)
    CouncilMembershipFactory(council=council, user=admin, role=CouncilMembership.Role.COUNCIL_ADMIN)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER,
                             user=UserFactory(email="olive@shire.test", full_name="Olive Officer"))
    acorn = OrganisationFactory(slug="acorn-care", name="Acorn Care", cqc_provider_id="1-555")
    WorkplaceFactory(organisation=acorn, name="Oak House", local_ref="OAK")
    WorkplaceFactory(organisation=acorn, name="Elm Lodge", local_ref="ELM")
    OrganisationFactory(slug="birch-care", name="Birch Care")
    return council, admin


@pytest.mark.parametrize("width", [1280, 320])
def test_council_admin_adds_a_contract_and_imports_the_register(live_server, browser, axe_check, admin_world, width):
    council, admin = admin_world
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    base = live_server.url
    sign_in(page, base, admin, PASSWORD)

    page.goto(base + "/council/shire/contracts/")
    expect(page.get_by_role("heading", name="Contracts")).to_be_visible()
    axe_check(page)
    _fits(page)
    page.get_by_role("link", name="Add a contract").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Choose the organisation").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Which organisation is the contract with?").select_option(label="Acorn Care")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Contract reference").fill("SH-001")
    page.locator("#id_starts_on_day").fill("15")
    page.locator("#id_starts_on_month").fill("9")
    page.locator("#id_starts_on_year").fill("2019")
    page.get_by_label("Named contract officer (optional)").select_option(label="Olive Officer")
    page.get_by_label("Oak House").check()
    axe_check(page)
    _fits(page)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Contract SH-001 added")).to_be_visible()
    page.get_by_label("Annual workforce return, submitted and complete").check()
    page.get_by_label("Some months after the contract's start anniversary").check()
    page.get_by_label("Months after the anniversary").fill("3")
    page.get_by_label("Share of staff records that must be complete (%)").fill("85")
    axe_check(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Requirement saved on contract SH-001")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="3 months after the contract's start anniversary")).to_be_visible()
    trail = page.get_by_role("table", name="Changes to this contract")
    expect(trail.get_by_text("Sam Admin").first).to_be_visible()
    axe_check(page)
    _fits(page)
    contract = Contract.objects.get(council=council, reference="SH-001")
    assert [w.name for w in contract.workplaces.all()] == ["Oak House"]
    assert contract.contract_officer.email == "olive@shire.test"

    page.goto(base + "/council/shire/contracts/import/")
    audit_before = ChangeRecord.objects.count()
    bad = HEADER + "SH-002,acorn-care,OAK;ATTIC,1/4/2026,,,,,\nSH-003,nobody,,2026-02-30,x@y.test,150,anniversary,,\n"
    page.get_by_label("Upload your contracts register (CSV)").set_input_files(_csv(bad))
    page.get_by_role("button", name="Check and import").click()
    summary = page.locator(".govuk-error-summary")
    assert "Nothing was imported: 6 problems in register.csv" in summary.inner_text()
    for expected in ("Line 2, column ‘workplaces’ (‘ATTIC’)", "Line 3, column ‘organisation’ (‘nobody’)",
                     "Line 3, column ‘starts_on’ (‘2026-02-30’)", "Line 3, column ‘officer_email’ (‘x@y.test’)",
                     "Line 3, column ‘threshold’ (‘150’)", "Line 3, column ‘due_months’"):  # fmt: skip
        assert expected in summary.inner_text(), expected
    axe_check(page)
    _fits(page)
    assert list(Contract.objects.filter(council=council).values_list("reference", flat=True)) == ["SH-001"]
    assert ChangeRecord.objects.count() == audit_before

    good = HEADER + "SH-002,acorn-care,OAK;ELM,1/4/2026,,,,,yes\nSH-003,birch-care,,2026-02-28,olive@shire.test,80,anniversary,2,\n"
    page.get_by_label("Upload your contracts register (CSV)").set_input_files(_csv(good))
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_url(re.compile(r"/council/shire/contracts/$"))
    expect(page.get_by_text("2 contracts imported")).to_be_visible()
    expect(page.get_by_role("link", name="SH-003")).to_be_visible()
    assert sorted(Contract.objects.filter(council=council).values_list("reference", flat=True)) == [
        "SH-001", "SH-002", "SH-003"]
