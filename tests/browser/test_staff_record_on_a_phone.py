"""A registered manager adds a staff record on a phone (375 px wide, and 320 px): three short question pages, the
nationality typed into the autocomplete with the keyboard, check answers, change one answer, save. No page scrolls
sideways and axe finds no WCAG 2.2 AA violation on any of them. Without script the nationality list is a plain
select that still saves."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from collection.models import ChangeRecord, StaffRecord
from providers.models import Membership
from tests.browser.conftest import sign_in
from tests.factories.collection import CollectionRoundFactory
from tests.factories.providers import PASSWORD, ContractFactory, CouncilFactory, MembershipFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> None:
    page.wait_for_load_state("load")
    wide, screen = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert wide <= screen, f"{page.url} is {wide} px wide on a {screen} px screen"


@pytest.fixture
def staff_list_url(live_server):
    council = CouncilFactory(slug="phone-council")
    editor = MembershipFactory(role=Membership.Role.EDITOR, user__email="manager@example.com")
    EmailAddress.objects.create(user=editor.user, email="manager@example.com", verified=True, primary=True)
    workplace = WorkplaceFactory(organisation=editor.organisation, name="Rowan House")
    ContractFactory(council=council, organisation=editor.organisation)
    round_ = CollectionRoundFactory(slug="phone", name="Workforce return 2026", council=council)
    base = f"{live_server.url}/org/{editor.organisation.slug}/workplaces/{workplace.pk}/returns/{round_.slug}/"
    return editor.user, base + "staff/"


@pytest.mark.parametrize("width", [375, 320])
def test_a_manager_adds_a_staff_record_on_a_phone(live_server, browser, axe_check, staff_list_url, width):
    user, staff_url = staff_list_url
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, live_server.url, user, PASSWORD)
    page.goto(staff_url)
    page.get_by_role("link", name="Add a staff record").click()

    # Page 1: the person and their job
    expect(page.get_by_role("heading", name="The person and their job")).to_be_visible()
    page.get_by_label("Staff reference").fill("PH1")
    page.get_by_label("Main job role").select_option(label="Care worker")
    page.get_by_role("group", name="Contract type").get_by_label("Permanent").check()
    page.locator("#id_start_date_day").fill("3")
    page.locator("#id_start_date_month").fill("4")
    page.locator("#id_start_date_year").fill("2022")
    page.get_by_label("Year of birth").fill("1990")
    nationality = page.get_by_role("combobox", name="Nationality")  # the select, enhanced into a type-ahead box
    hint = page.locator("#" + nationality.get_attribute("aria-describedby"))
    assert "Start typing, then choose from the list." in hint.text_content()  # its hint is still read out
    nationality.click()
    nationality.press_sequentially("Portu")
    page.get_by_role("option", name="Portuguese").wait_for()
    page.keyboard.press("ArrowDown")  # into the list of suggestions, as a keyboard user does
    page.keyboard.press("Enter")
    assert nationality.input_value() == "Portuguese"
    born = page.get_by_role("combobox", name="Country of birth")
    born.click()
    born.press_sequentially("portugal")
    page.get_by_role("option", name="Portugal").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert born.input_value() == "Portugal"
    page.get_by_role("group", name="Do they hold a Health and Care Worker visa?").get_by_label("No", exact=True).check()
    _fits(page)
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()

    # Page 2: pay and hours
    page.wait_for_url(re.compile(r"/pay/$"))
    page.get_by_role("group", name="Are they on a zero-hours contract?").get_by_label("No", exact=True).check()
    page.get_by_label("Contracted hours a week").fill("36")
    page.get_by_role("group", name="How are they paid?").get_by_label("Hourly").check()
    page.get_by_label("Pay rate in pounds").fill("12.90")
    _fits(page)
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()

    # Page 3: qualifications and training
    page.wait_for_url(re.compile(r"/qualifications/$"))
    page.get_by_role("group", name="Have they done the Care Certificate?").get_by_label("Yes, completed").check()
    _fits(page)
    axe_check(page)
    page.get_by_role("button", name="Save and continue").click()

    # Check answers: labels, not codes; change the pay rate from its Change link and come back here
    page.wait_for_url(re.compile(r"/staff/\d+/$"))
    expect(page.get_by_role("heading", name="Check staff record PH1")).to_be_visible()
    main = page.locator("main").inner_text()
    assert "Portuguese" in main and "Care worker" in main and "3 April 2022" in main and "Permanent" in main
    _fits(page)
    axe_check(page)
    page.get_by_role("link", name="Change pay rate in pounds").click()
    page.wait_for_url(re.compile(r"/pay/\?change=1"))
    page.get_by_label("Pay rate in pounds").fill("13.10")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(re.compile(r"/staff/\d+/$"))  # back to check answers
    assert "£13.10" in page.locator("main").inner_text()
    page.get_by_role("button", name="Save record").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    expect(page.get_by_text("Staff record PH1 saved")).to_be_visible()  # (the staff list's own fit is the reflow test's)

    record = StaffRecord.objects.get(local_ref="PH1")
    assert (record.nationality, record.country_of_birth, record.job_role, str(record.pay_rate),
            record.health_care_visa) == ("620", "620", "8", "13.10", "2")
    assert ChangeRecord.objects.filter(staff_ref="PH1", field="pay_rate", old_value="12.90",
                                       new_value="13.10").count() == 1
    context.close()


def test_without_script_the_nationality_list_still_saves(live_server, browser, staff_list_url):
    user, staff_url = staff_list_url
    context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, user, PASSWORD)
    page.goto(staff_url + "add/")
    options = page.locator("#id_nationality option").all_inner_texts()
    assert options[:2] == ["Select nationality", "British"] and options.index("Afghan") == 2
    page.get_by_label("Staff reference").fill("NS1")
    page.get_by_label("Main job role").select_option(label="Senior care worker")
    page.locator("#id_contract_type_0").check()
    page.get_by_label("Nationality").select_option(label="Irish")
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    assert StaffRecord.objects.get(local_ref="NS1").nationality == "372"
    context.close()
