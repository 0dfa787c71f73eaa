"""A council admin previews and changes a chase step (the preview saves nothing; the change is on the trail, old
to new, with who and when); a contract officer follows the desk's link and reads the ladder, read-only. No WCAG
2.2 AA violations on the way; the pages fit a 320 px screen."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from compliance.models import LadderStepSetting
from providers.models import CouncilMembership
from tests.browser.conftest import sign_in
from tests.factories.providers import PASSWORD, CouncilFactory, CouncilMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]} px wide on a {widths[1]} px screen"


def _person(council, email: str, name: str, role: str):
    user = UserFactory(email=email, full_name=name, with_mfa=True)
    CouncilMembershipFactory(council=council, user=user, role=role)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("width", [1280, 320])
def test_admin_previews_and_changes_a_step_and_an_officer_reads_the_ladder(live_server, browser, axe_check, width):
    council = CouncilFactory(slug="ladder-shire", name="Ladder Shire")
    admin = _person(council, "ladder.admin@example.com", "Ada Ladder", CouncilMembership.Role.COUNCIL_ADMIN)
    officer = _person(council, "ladder.officer@example.com", "Otto Officer", CouncilMembership.Role.CONTRACT_OFFICER)
    base = live_server.url

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, base, admin, PASSWORD)
    page.goto(base + "/council/ladder-shire/compliance/ladder/")
    page.get_by_text("Preview the message").first.click()
    expect(page.get_by_text("Dear Example Care Ltd,").first).to_be_visible()
    axe_check(page)
    _fits(page)
    page.get_by_role("link", name="Change Reminder: your workforce return is due by").first.click()
    page.get_by_label("Subject").fill("Four weeks left: your workforce return is due by {due}")
    page.get_by_label("Days from the anchor date").fill("-28")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: not saved yet")).to_be_visible()
    preview = page.locator(".govuk-inset-text")
    assert "Four weeks left: your workforce return is due by " in preview.inner_text()
    assert "{due}" not in preview.inner_text()
    axe_check(page)
    _fits(page)
    assert LadderStepSetting.objects.get(council=council, key="reminder_30").offset_days == -30
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Step saved: Reminder, 28 days before the due date")).to_be_visible()
    trail = page.get_by_role("table", name="Changes to the ladder")
    row = trail.get_by_role("row").filter(has_text="offset days")
    assert "Ada Ladder" in row.inner_text() and "-30" in row.inner_text() and "-28" in row.inner_text()
    axe_check(page)

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    sign_in(page, base, officer, PASSWORD)
    page.goto(base + "/council/ladder-shire/compliance/")
    page.get_by_role("link", name="Chase ladder").click()
    expect(page.get_by_role("heading", name="Chase ladder")).to_be_visible()
    expect(page.get_by_text("Four weeks left: your workforce return is due by").first).to_be_visible()
    assert page.get_by_role("link", name="Change").count() == 0
    expect(page.get_by_text("Your council admins can change the steps")).to_be_visible()
    axe_check(page)
    _fits(page)
