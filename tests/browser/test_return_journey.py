"""A provider editor completes a workforce return for a workplace with 5 staff: a pay warning, a fix, submit, a
confirmation and a receipt at a real SMTP server. No WCAG 2.2 AA violations on any page of the journey."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from providers.models import Membership
from tests.browser.conftest import sign_in
from tests.factories.collection import CollectionRoundFactory
from tests.factories.providers import PASSWORD, ContractFactory, CouncilFactory, MembershipFactory, WorkplaceFactory
from tests.servers import SmtpServer

pytestmark = pytest.mark.django_db(transaction=True)

# The staff record's three question pages: (radios by option index, selects by code, text boxes)
PAGES = (
    ({"contract_type": 0, "gender": 1, "disability": 0},
     {"job_role": "8", "ethnicity": "31", "nationality": "British", "recruitment_source": "2"},
     {"birth_year": "1985", "start_date_day": "1", "start_date_month": "5", "start_date_year": "2020",
      "year_started_in_sector": "2015"}),
    ({"zero_hours": 1, "pay_interval": 1}, {}, {"contracted_hours": "37.5", "sickness_days": "2"}),
    ({"care_certificate": 0, "social_care_qualification": 0, "other_qualification": 1, "apprenticeship": 1},
     {"social_care_level": "3"}, {}),
)


def _fill(page, radios: dict, selects: dict, text: dict) -> None:
    for name, value in selects.items():
        if name == "nationality":  # the type-ahead box: type, then choose the suggestion
            page.locator("#id_nationality").fill(value)
            page.get_by_role("option", name=value, exact=True).click()
        else:
            page.locator(f"#id_{name}").select_option(value)
    for name, index in radios.items():
        page.locator(f"#id_{name}_{index}").check()
    for name, value in text.items():
        page.locator(f"#id_{name}").fill(value)


def _add_staff(page, ref: str, pay: str, *, axe_check=None, warn: bool = False) -> None:
    """Add one record through its three question pages and its check-answers page."""
    page.locator("#id_local_ref").fill(ref)
    for number, (radios, selects, text) in enumerate(PAGES):
        _fill(page, radios, selects, text)
        if number == 1:
            page.locator("#id_pay_rate").fill(pay)
        if axe_check:
            axe_check(page)
        page.get_by_role("button", name="Save and continue").click()
        if number == 1 and warn:  # paid below the National Living Wage: the service asks; it is fixed
            expect(page.get_by_role("heading", name="Check these answers")).to_be_visible()
            expect(page.get_by_text("National Living Wage").first).to_be_visible()
            if axe_check:
                axe_check(page)
            page.locator("#id_pay_rate").fill("12.60")
            page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/staff/\d+/$"))


def test_editor_completes_and_submits_a_return(live_server, page, axe_check, settings, smtp_server: SmtpServer):
    settings.SITE_URL = live_server.url
    council = CouncilFactory(slug="journey-council")
    editor = MembershipFactory(role=Membership.Role.EDITOR, user__email="editor@example.com")
    MembershipFactory(role=Membership.Role.ADMIN, organisation=editor.organisation, user__email="boss@example.com")
    workplace = WorkplaceFactory(organisation=editor.organisation, name="Willow House")
    ContractFactory(council=council, organisation=editor.organisation)
    round_ = CollectionRoundFactory(slug="journey", name="Workforce return 2026", council=council)
    EmailAddress.objects.create(user=editor.user, email="editor@example.com", verified=True, primary=True)
    base = f"{live_server.url}/org/{editor.organisation.slug}/workplaces/{workplace.pk}/returns/{round_.slug}/"

    sign_in(page, live_server.url, editor.user, PASSWORD)

    # The task list, via the organisation's returns page
    page.goto(f"{live_server.url}/org/{editor.organisation.slug}/returns/")
    axe_check(page)
    page.goto(base)
    expect(page.get_by_role("heading", name="Workforce return")).to_be_visible()
    axe_check(page)

    # Workplace details: confirm them
    page.get_by_role("link", name="Workplace details").click()
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(base)

    # Staff numbers
    page.get_by_role("link", name="Staff numbers, starters, leavers and vacancies").click()
    axe_check(page)
    page.get_by_label("How many staff work here?").fill("5")
    for name in ("starters_declared", "leavers_declared", "vacancies_declared"):
        page.locator(f"#id_{name}_1").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(base)

    # Pay and conditions
    page.get_by_role("link", name="Pay and conditions").click()
    axe_check(page)
    for name in ("sick_pay", "pension"):
        page.locator(f"#id_{name}_0").check()
    page.get_by_label("Holiday days a year").fill("28")
    page.locator("#id_sleep_ins_1").check()
    page.locator("#id_travel_time_pay_5").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(base)

    # Staff records: the first is paid below the National Living Wage, so the service asks; it is fixed
    page.get_by_role("link", name="Staff records").click()
    axe_check(page)
    page.get_by_role("link", name="Add a staff record").click()
    _add_staff(page, "W1", "11.00", axe_check=axe_check, warn=True)
    axe_check(page)  # check answers
    for n in range(2, 6):
        page.get_by_role("button", name="Save and add another").click()
        page.wait_for_url(re.compile(r"/staff/add/$"))
        _add_staff(page, f"W{n}", "12.60")
    page.get_by_role("button", name="Save record").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    expect(page.get_by_text("5 staff records")).to_be_visible()
    axe_check(page)

    # Check answers, declare, submit
    page.goto(base)
    expect(page.get_by_role("heading", name="Completeness: complete")).to_be_visible()
    page.get_by_role("link", name="Check answers and submit").click()
    axe_check(page)
    page.get_by_label("I confirm that the information").check()
    page.get_by_role("button", name="Submit return").click()
    page.wait_for_url(re.compile(r"/confirmation/$"))
    expect(page.get_by_role("heading", name="Return submitted")).to_be_visible()
    axe_check(page)
    reference = page.locator(".govuk-panel__body strong").inner_text()

    message = smtp_server.wait_for(1)[0]
    body = SmtpServer.body(message)
    assert reference in body and "Completeness: complete" in body and "complete on the key fields: 100%" in body
    assert "editor@example.com" in message["To"] and "boss@example.com" in message["To"]
