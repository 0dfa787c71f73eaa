"""A Personal Assistant answers the exit survey on a small phone from a council payroll link: help contacts appear
straight after the exploitation answer, check answers, send. No WCAG 2.2 AA violations on any page."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response
from tests.factories.surveys import ChannelCampaignFactory, make_answers

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


def _answer_page(page, answers: dict) -> str:
    key = re.search(r"/q/([a-z0-9_]+)/", page.url).group(1)
    value = answers.get(key)
    if page.locator("textarea#answer").count():
        page.locator("textarea#answer").fill(value or "")
    else:
        for item in value if isinstance(value, list) else [value]:
            input_id = page.locator(f'input[name="answer"][value="{item}"]').get_attribute("id")
            page.locator(f'label[for="{input_id}"]').click()
    page.get_by_role("button", name="Continue").click()
    return key


def test_a_pa_answers_the_exit_survey_on_a_phone(live_server, page, axe_check):
    page.set_viewport_size(PHONE)
    campaign = ChannelCampaignFactory(kind="exit")
    answers = make_answers("exit", seed=3, employer_type="pa", exploitation="yes")
    answers["anything_else"] = "Better travel pay would help."

    page.goto(f"{live_server.url}/s/{campaign.code}/")
    assert page.get_by_role("heading", name="Leaving a care job: survey").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Start now").click()

    seen_help = False
    previous = None
    while "/q/" in page.url:
        assert page.locator("#progress").inner_text().startswith("Question ")
        help_shown = page.get_by_text("Modern Slavery and Exploitation Helpline").count() > 0
        if previous == "exploitation":
            assert help_shown, "help contacts must show straight after a 'yes' to the exploitation question"
            seen_help = True
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
        previous = _answer_page(page, answers)
    assert seen_help

    # Back works from check answers to the last question and forward again
    assert page.get_by_role("heading", name="Check your answers before sending them").is_visible()
    axe_check(page)
    page.go_back()
    assert "/q/anything_else/" in page.url
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Send answers").click()
    assert page.get_by_role("heading", name="Your answers have been sent").is_visible()
    assert page.get_by_text("08000 121 700").is_visible()
    axe_check(page)
    stored = Response.objects.get()
    assert stored.answers["employer_type"] == "pa" and stored.answers["exploitation"] == "yes"
