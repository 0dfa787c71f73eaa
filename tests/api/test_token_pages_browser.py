"""Browser journey: an editor signs in, creates an API token, sees it once, uses it, and revokes it. Every page is
checked for WCAG 2.2 AA violations."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from tests.browser.conftest import CHROMIUM, axe_check, browser_type_launch_args, sign_in  # noqa: F401 (fixtures)
from tests.factories.providers import PASSWORD, MembershipFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true",
                       reason="Chromium is not installed (apt-get install chromium); CI always runs these"),
]


def test_an_editor_creates_uses_and_revokes_a_token(live_server, page, axe_check):  # noqa: F811
    editor = MembershipFactory(role="editor", organisation__name="Sunrise Care", organisation__slug="sunrise").user
    verify_email(editor)
    sign_in(page, live_server.url, editor, PASSWORD)

    page.goto(live_server.url + "/account/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Create token").click()
    # Making a token needs the password again (allauth's reauthentication), on a GOV.UK page; then back to the list
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    axe_check(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    # allauth then carries out the request that was waiting: the empty form, so the list shows the problem
    expect(page.get_by_role("heading", name="API tokens")).to_be_visible()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("Token name").fill("HR system")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Token created")).to_be_visible()
    axe_check(page)
    raw = page.get_by_label("Your token").input_value()
    assert re.fullmatch(r"cwr_[\w-]{40,}", raw)

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/organisations/").json()[0]["slug"] == "sunrise"

    page.get_by_role("link", name="Back to your API tokens").click()
    expect(page.get_by_role("link", name="Revoke HR system")).to_be_visible()
    assert raw not in page.content()
    page.get_by_role("link", name="Revoke HR system").click()
    axe_check(page)
    page.get_by_role("button", name="Revoke token").click()
    expect(page.get_by_text("Token ‘HR system’ revoked")).to_be_visible()
    axe_check(page)
    assert client.get("/api/v1/organisations/").status_code == 401


def verify_email(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
