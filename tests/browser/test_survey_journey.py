"""A Personal Assistant answers the exit survey on a small phone from a council payroll link: help contacts appear
straight after the exploitation answer, check answers, send. With JavaScript the questions are steps of one page and
the answers are sent in one request; without it, one question per page on the server. No WCAG 2.2 AA violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from surveys.models import Response
from tests.factories.surveys import ChannelCampaignFactory, make_answers

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


def _give_answer(scope, value) -> None:
    """Type or tick `value` in the question inside `scope` (a page, or one step of the one-page form)."""
    if scope.locator("textarea").count():
        scope.locator("textarea").fill(value or "")
        return
    for item in value if isinstance(value, list) else [value]:
        input_id = scope.locator(f'input[value="{item}"]').get_attribute("id")
        scope.locator(f'label[for="{input_id}"]').click()


def _answer_page(page, answers: dict) -> str:
    key = re.search(r"/q/([a-z0-9_]+)/", page.url).group(1)
    _give_answer(page.locator("form"), answers.get(key))
    page.get_by_role("button", name="Continue").click()
    return key


def test_when_the_survey_script_does_not_load_a_pa_answers_one_question_per_page(live_server, page, axe_check):
    page.route("**/js/survey.js", lambda route: route.abort())  # a phone on a bad connection, or a blocked script
    page.set_viewport_size(PHONE)
    campaign = ChannelCampaignFactory(kind="exit")
    answers = make_answers("exit", seed=3, employer_type="pa", exploitation="yes")
    answers["anything_else"] = "Better travel pay would help."

    page.goto(f"{live_server.url}/s/{campaign.code}/")
    expect(page.get_by_role("heading", name="Leaving a care job: survey")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Start now").click()

    seen_help = False
    previous = None
    while "/q/" in page.url:
        assert page.locator(".app-step-caption").inner_text().startswith("Question ")
        help_shown = page.get_by_text("Modern Slavery and Exploitation Helpline").count() > 0
        if previous == "exploitation":
            assert help_shown, "help contacts must show straight after a 'yes' to the exploitation question"
            seen_help = True
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
        previous = _answer_page(page, answers)
    assert seen_help

    # Back works from check answers to the last question and forward again
    expect(page.get_by_role("heading", name="Check your answers before sending them")).to_be_visible()
    axe_check(page)
    page.go_back()
    assert "/q/anything_else/" in page.url
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", name="Your answers have been sent")).to_be_visible()
    assert page.get_by_text("08000 121 700").count() == 0, "the same confirmation for everyone: help came before"
    assert page.url.endswith(f"/s/{campaign.code}/done/")
    axe_check(page)
    stored = Response.objects.get()
    assert stored.answers["employer_type"] == "pa" and stored.answers["exploitation"] == "yes"


def _visible_step(page):
    return page.locator(".app-survey-step:not([hidden])")


def _answer_step(page, answers: dict) -> str:
    step = _visible_step(page)
    key = step.get_attribute("data-step")
    _give_answer(step, answers.get(key))
    page.locator("[data-survey-continue]").click()
    return key


def test_a_pa_answers_the_exit_survey_on_a_phone_in_one_go(live_server, page, axe_check):
    page.set_viewport_size(PHONE)
    campaign = ChannelCampaignFactory(kind="exit")
    answers = make_answers("exit", seed=3, employer_type="pa", exploitation="yes")
    answers["anything_else"] = "Better travel pay would help."
    sent = []
    page.on("request", lambda request: sent.append(request.method) if "/s/" in request.url else None)

    page.goto(f"{live_server.url}/s/{campaign.code}/")
    page.get_by_role("button", name="Start now").click()
    assert page.url.endswith(f"/s/{campaign.code}/answers/")
    expect(_visible_step(page)).to_have_count(1)  # once the page's script has run (the click returns at navigation)

    # Continue without an answer: the problem is named at the top and at the question
    page.locator("[data-survey-continue]").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    axe_check(page)

    seen_help = False
    previous = None
    steps = 0
    while not page.get_by_role("heading", name="Check your answers before sending them").is_visible():
        caption = _visible_step(page).locator(".app-step-caption").inner_text()
        assert re.fullmatch(r"Question \d+ of \d+", caption), caption
        if previous == "exploitation":
            expect(page.get_by_text("Modern Slavery and Exploitation Helpline")).to_be_visible()  # help straight after "yes"
            seen_help = True
        if steps % 5 == 0:
            axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
        previous = _answer_step(page, answers)
        steps += 1
        assert steps < 60, f"stuck on {previous}"
        if steps == 4:  # leave and come back on the same phone: the answers are still there
            page.reload()
            expect(page.get_by_text("Your answers so far are still here")).to_be_visible()
    assert seen_help
    assert sent.count("POST") == 0, "no answer leaves the phone before it is sent"
    axe_check(page)

    # Change an answer from the check page, then come back to it; the browser's back button goes to the last question
    page.get_by_role("link", name="Change your answer to: Is there anything else you want the council to know?").click()
    page.locator("textarea").fill("Travel time should be paid.")
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_text("Travel time should be paid.")).to_be_visible()
    page.go_back()
    assert _visible_step(page).get_attribute("data-step") == "anything_else"
    page.go_forward()
    expect(page.get_by_role("heading", name="Check your answers before sending them")).to_be_visible()

    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", name="Your answers have been sent")).to_be_visible()
    assert "#" not in page.url and "?" not in page.url, "the confirmation carries nothing about the answers"
    assert page.get_by_text("08000 121 700").count() == 0, "the same confirmation for everyone: help came before"
    axe_check(page)
    assert sent.count("POST") == 1, "the answers are sent in one request"
    assert page.evaluate(f"window.localStorage.getItem('cwr-survey:{campaign.code}')") is None
    stored = Response.objects.get()
    assert stored.answers["employer_type"] == "pa" and stored.answers["exploitation"] == "yes"
    assert stored.answers["anything_else"] == "Travel time should be paid."
