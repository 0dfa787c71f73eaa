"""Issue 20 in a real browser: a provider records a leaver and prints the exit survey card; an analyst reads the
survey insight (charts with text alternatives and data tables); a provider reads its benchmarks. No WCAG 2.2 AA
violations, at desktop width and at 320 px without sideways scrolling."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from providers.models import CouncilMembership, Membership
from surveys.models import Campaign
from tests.browser.conftest import sign_in
from tests.factories.collection import StaffRecordFactory, WorkforceReturnFactory
from tests.factories.providers import (
    PASSWORD,
    ContractFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    WorkplaceFactory,
)
from tests.integration.surveys.test_benchmarks import build_council
from tests.integration.surveys.test_insight import survey_council

pytestmark = pytest.mark.django_db(transaction=True)
NARROW = {"width": 320, "height": 640}


def _fits(page) -> None:
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], f"sideways scrolling on {page.url}"
    page.set_viewport_size({"width": 1200, "height": 900})


def _verified(user, email):
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)


def test_a_leaver_recorded_on_the_web_gets_the_exit_card(live_server, page, axe_check, settings):
    settings.SITE_URL = live_server.url
    editor = MembershipFactory(role=Membership.Role.EDITOR, user__email="leaver.editor@example.com")
    _verified(editor.user, "leaver.editor@example.com")
    council, round_, _ = build_council([1])
    workplace = WorkplaceFactory(organisation=editor.organisation, name="Rowan House")
    ContractFactory(council=council, organisation=editor.organisation)
    found = WorkforceReturnFactory(workplace=workplace, round=round_)
    StaffRecordFactory(workforce_return=found, local_ref="RW-7")
    sign_in(page, live_server.url, editor.user, PASSWORD)
    page.goto(f"{live_server.url}/org/{editor.organisation.slug}/workplaces/{workplace.pk}/returns/{round_.slug}/staff/")
    page.get_by_role("link", name=re.compile("Remove.*RW-7|RW-7.*Remove", re.I)).first.click()
    page.locator('input[name="leaving_reason"]').first.check()
    page.get_by_role("button", name=re.compile("Remove", re.I)).click()
    page.wait_for_url(re.compile(r"/surveys/leavers/"))
    assert page.locator("[data-leavers]").inner_text() == "1"
    campaign = Campaign.objects.get(workplace=workplace, kind="exit")
    assert page.locator("[data-exit-link]").inner_text().endswith(f"/s/{campaign.code}/")
    axe_check(page)
    _fits(page)
    page.get_by_role("link", name=re.compile("Print the exit survey card")).click()
    assert page.locator('.app-card [role="img"]').get_attribute("aria-label").endswith(f"/s/{campaign.code}/")
    axe_check(page)
    _fits(page)
    page.emulate_media(media="print")
    assert not page.locator(".govuk-header").is_visible() and page.locator(".app-card").is_visible()


def test_an_analyst_reads_the_insight_charts_and_their_tables(live_server, page, axe_check):
    analyst = CouncilMembershipFactory(role=CouncilMembership.Role.ANALYST, user__email="insight@example.com")
    _verified(analyst.user, "insight@example.com")
    council, round_ = survey_council([25, 25, 25, 20], council=analyst.council)
    sign_in(page, live_server.url, analyst.user, PASSWORD)
    page.goto(f"{live_server.url}/council/{council.slug}/surveys/insight/?round={round_.slug}")
    charts = page.locator('svg[role="img"]')
    assert charts.count() >= 6
    for index in range(charts.count()):
        chart = charts.nth(index)
        ids = chart.get_attribute("aria-labelledby").split()
        assert all(page.locator(f"#{i}").text_content().strip() for i in ids), "every chart has a title and description"
    assert page.locator("[data-trend] table").count() == 5 and page.locator("table[data-drivers]").is_visible()
    expect(page.locator("table[data-heatmap]")).to_be_visible()
    axe_check(page)
    _fits(page)
    page.emulate_media(media="print")
    expect(charts.first).to_be_visible()


def test_a_provider_reads_its_benchmarks(live_server, page, axe_check):
    viewer = MembershipFactory(role=Membership.Role.VIEWER, user__email="bench@example.com")
    _verified(viewer.user, "bench@example.com")
    council, round_, places = build_council([4, 3, 3])
    own = places[0]
    own.organisation = viewer.organisation
    own.save()
    ContractFactory(council=council, organisation=viewer.organisation)
    own.returns.update(state="accepted")
    sign_in(page, live_server.url, viewer.user, PASSWORD)
    page.goto(f"{live_server.url}/org/{viewer.organisation.slug}/benchmarks/")
    page.get_by_role("link", name=re.compile("See how it compares")).click()
    expect(page.locator('tr[data-measure="turnover"]')).to_be_visible()
    axe_check(page)
    _fits(page)
