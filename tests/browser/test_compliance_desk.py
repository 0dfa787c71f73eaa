"""A contract officer signs in, finds an overdue provider on the compliance desk, approves the formal letter
waiting for them and records a call. No WCAG 2.2 AA violations on the way."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from compliance.models import ChaseRecord
from compliance.services import chase_sweep
from config import clock
from providers.models import CouncilMembership, Membership
from tests.browser.conftest import totp_code
from tests.factories.compliance import DUE, RoundFactory
from tests.factories.providers import (
    PASSWORD,
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
    add_totp,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_approves_a_letter_and_records_a_call(live_server, page, axe_check, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: DUE + timedelta(15))  # the browser keeps real time for cookies
    council = CouncilFactory(slug="desk-council", name="Desk Council")
    officer = UserFactory(email="desk.officer@example.com", full_name="Robin Desk")
    CouncilMembershipFactory(council=council, user=officer, role=CouncilMembership.Role.CONTRACT_OFFICER)
    EmailAddress.objects.create(user=officer, email=officer.email, verified=True, primary=True)
    secret = add_totp(officer)
    late = OrganisationFactory(slug="slow-care", name="Slow Care Ltd", senior_accountable_email="boss@slow.test")
    MembershipFactory(organisation=late, role=Membership.Role.ADMIN)
    WorkplaceFactory(organisation=late, name="Slow House")
    ContractFactory(council=council, organisation=late, contract_officer=officer)
    RoundFactory()
    chase_sweep(today=DUE + timedelta(14))

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill("desk.officer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.get_by_label("Security code").fill(totp_code(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server.url + "/")

    page.goto(live_server.url + "/council/desk-council/compliance/")
    expect(page.get_by_role("heading", name="Compliance with contract requirements")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Slow Care Ltd").click()
    expect(page.get_by_role("heading", name="Waiting for your approval")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Approve or skip")).click()
    axe_check(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Select whether to approve or skip this step").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Yes, send it").check()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    assert ChaseRecord.objects.get(step="formal_letter").status == ChaseRecord.Status.SENT

    page.get_by_role("link", name="Record a call or note").click()
    axe_check(page)
    page.get_by_label("Phone call").check()
    page.get_by_label("What happened").fill("Manager will submit by Friday")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Manager will submit by Friday")).to_be_visible()
    axe_check(page)
