"""Accept an invitation, set a password, set up MFA, sign out, sign in with MFA. No WCAG 2.2 AA violations."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from providers.models import Membership
from providers.services import invitation_create
from tests.browser.conftest import totp_code
from tests.factories.providers import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_invited_admin_sets_up_mfa_and_signs_back_in(live_server, page, axe_check, settings):
    settings.SITE_URL = live_server.url
    inviter = MembershipFactory(role=Membership.Role.ADMIN, organisation__name="Sunrise Care")
    invitation_create(invited_by=inviter.user, organisation=inviter.organisation, email="new.admin@example.com",
                      role=Membership.Role.ADMIN)
    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)

    # Accept the invitation and choose a password
    page.goto(link)
    expect(page.get_by_role("heading", name="Accept your invitation")).to_be_visible()
    axe_check(page)
    page.get_by_label("Your full name").fill("Nia Adams")
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Confirm your password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("Create a password").fill("lantern-meadow-copper-19")
    page.get_by_label("Confirm your password").fill("lantern-meadow-copper-19")
    page.get_by_role("button", name="Create account").click()

    # An admin must set up an authenticator app before seeing any data
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe_check(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator(".govuk-error-summary, .govuk-error-message").first).to_be_visible()  # the wrong code refused
    page.get_by_label("Code from the app").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()
    expect(page.get_by_role("link", name="Sunrise Care")).to_be_visible()
    axe_check(page)

    # Sign out
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/$|/accounts/login/"))

    # Sign in again: password, then the code from the app
    page.goto(live_server.url + "/accounts/login/")
    axe_check(page)
    page.get_by_label("Email address").fill("new.admin@example.com")
    page.get_by_label("Password").fill("lantern-meadow-copper-19")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    axe_check(page)
    page.get_by_label("Security code").fill(totp_code(secret, step=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()
