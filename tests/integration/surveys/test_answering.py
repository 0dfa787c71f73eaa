"""Answering a survey from its short link: one question per page, progress, back, resume, check answers, submit once."""

from __future__ import annotations

import pytest

from surveys.models import Response
from surveys.questionnaires import SATISFACTION_V1, visible_questions
from tests.factories.surveys import CampaignFactory, ChannelCampaignFactory, make_answers
from tests.integration.surveys.conftest import answer_everything, post_answer, walk

pytestmark = pytest.mark.django_db


def test_start_page_needs_no_sign_in_and_promises_anonymity(client):
    campaign = CampaignFactory()
    page = client.get(f"/s/{campaign.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Care staff survey" in text and "Your answers are anonymous" in text
    assert "Start now" in text


@pytest.mark.parametrize("code", ["nosuchcode", "AAAA", "x" * 30])
def test_unknown_or_closed_links_are_not_found(client, code):
    assert client.get(f"/s/{code}/").status_code == 404


def test_closed_campaign_is_not_found(client):
    campaign = CampaignFactory(is_open=False)
    assert client.get(f"/s/{campaign.code}/").status_code == 404


def test_a_pa_answers_the_exit_survey_end_to_end(client):
    campaign = ChannelCampaignFactory()
    check_url = answer_everything(client, campaign, employer_type="pa", exploitation="no")
    assert check_url == f"/s/{campaign.code}/check/"
    page = client.get(check_url)
    assert page.status_code == 200
    assert "Check your answers before sending them" in page.content.decode()
    done = client.post(check_url)
    assert done["Location"] == f"/s/{campaign.code}/done/"
    assert "Your answers have been sent" in client.get(done["Location"]).content.decode()
    stored = Response.objects.get()
    assert stored.answers["employer_type"] == "pa"
    assert "pa_written_terms" in stored.answers  # the PA block was asked


def test_progress_and_back_link(client):
    campaign = CampaignFactory()
    first = client.post(f"/s/{campaign.code}/")["Location"]
    page = client.get(first).content.decode()
    total = len(visible_questions(SATISFACTION_V1, {}))
    assert f"Question 1 of {total}" in page
    assert f'href="/s/{campaign.code}/"' in page  # back to the start page
    second = post_answer(client, first, "care_home")["Location"]
    page = client.get(second).content.decode()
    assert f"Question 2 of {total}" in page
    assert f'href="{first}"' in page


def test_answering_pa_shows_more_questions_in_the_progress(client):
    campaign = CampaignFactory()
    first = client.post(f"/s/{campaign.code}/")["Location"]
    second = post_answer(client, first, "pa")["Location"]
    total = len(visible_questions(SATISFACTION_V1, {"employer_type": "pa"}))
    assert f"Question 2 of {total}" in client.get(second).content.decode()


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("employer_type", "", "Select an answer"),
        ("employer_type", "spaceship", "Select an answer from the list"),
    ],
)
def test_bad_answers_get_a_clear_message(client, question, value, message):
    campaign = CampaignFactory()
    client.post(f"/s/{campaign.code}/")
    page = post_answer(client, f"/s/{campaign.code}/q/{question}/", value)
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text and message in text
    assert "<title>Error:" in text


def test_exclusive_checkbox_cannot_be_combined(client):
    campaign = CampaignFactory()
    answers = make_answers("satisfaction")
    start = client.post(f"/s/{campaign.code}/")["Location"]
    for key in [q.key for q in visible_questions(SATISFACTION_V1, answers)]:
        if key == "bullied_by":
            break
        post_answer(client, f"/s/{campaign.code}/q/{key}/", answers[key])
    page = post_answer(client, f"/s/{campaign.code}/q/bullied_by/", ["colleagues", "none"])
    assert page.status_code == 200 and "on its own" in page.content.decode()
    assert start


def test_a_question_not_reached_yet_sends_you_back_to_where_you_are(client):
    campaign = CampaignFactory()
    client.post(f"/s/{campaign.code}/")
    response = client.get(f"/s/{campaign.code}/q/pa_payslip/")  # hidden unless employer_type = pa
    assert response.status_code == 302 and response["Location"].endswith("/q/employer_type/")


def test_question_pages_without_starting_go_to_the_start(client):
    campaign = CampaignFactory()
    assert client.get(f"/s/{campaign.code}/q/employer_type/")["Location"] == f"/s/{campaign.code}/"


def test_stop_and_resume_on_the_same_device(client):
    campaign = CampaignFactory()
    first = client.post(f"/s/{campaign.code}/")["Location"]
    post_answer(client, first, "care_home")
    page = client.get(f"/s/{campaign.code}/").content.decode()
    assert "Continue where you left off" in page
    assert f"/s/{campaign.code}/q/main_job/" in page
    assert not Response.objects.exists()  # nothing is stored until they send it


def test_check_page_is_refused_until_every_question_is_answered(client):
    campaign = CampaignFactory()
    client.post(f"/s/{campaign.code}/")
    assert client.post(f"/s/{campaign.code}/check/")["Location"].endswith("/q/employer_type/")
    assert not Response.objects.exists()


def test_change_link_returns_to_check_answers(client):
    campaign = CampaignFactory()
    check = answer_everything(client, campaign)
    changed = post_answer(client, f"/s/{campaign.code}/q/main_job/change/", "nurse")
    assert changed["Location"] == check
    assert "Nurse" in client.get(check).content.decode()


def test_double_submit_creates_one_response(client):
    """Two clicks racing: both requests carry the same cookie (the first has not come back to delete it yet)."""
    from django.test import Client

    campaign = CampaignFactory()
    check = answer_everything(client, campaign)
    twin = Client()
    twin.cookies = client.cookies.__class__(client.cookies)  # the same browser, a second request in flight
    first = client.post(check)
    second = twin.post(check)
    assert first["Location"] == second["Location"] == f"/s/{campaign.code}/done/"
    assert Response.objects.count() == 1
    assert client.post(check)["Location"] == f"/s/{campaign.code}/"  # afterwards the device holds nothing


def test_a_replayed_submission_token_stores_nothing_more(client):
    """Two requests racing with the same cookie: the submission token lets only one through."""
    from surveys.services import response_submit

    campaign = CampaignFactory()
    answers = make_answers("satisfaction")
    assert response_submit(campaign=campaign, answers=answers, nonce="same") is not None
    assert response_submit(campaign=campaign, answers=answers, nonce="same") is None
    assert Response.objects.count() == 1


def test_exploitation_yes_shows_help_contacts_on_the_next_page(client):
    campaign = ChannelCampaignFactory()
    answers = make_answers("exit", employer_type="pa", exploitation="yes")
    start = client.post(f"/s/{campaign.code}/")["Location"]
    url = walk(client, start, answers, stop_at="exploitation")
    assert url.endswith("/q/exploitation/")
    page = client.get(url).content.decode()
    assert "Modern Slavery" not in page
    next_url = post_answer(client, url, "yes")["Location"]
    page = client.get(next_url).content.decode()
    assert "You can get help" in page and "08000 121 700" in page
    assert "Modern Slavery and Exploitation Helpline" in page


def test_exploitation_no_shows_no_help_panel(client):
    campaign = ChannelCampaignFactory()
    check = answer_everything(client, campaign, employer_type="pa", exploitation="no")
    assert "08000 121 700" not in client.get(check).content.decode()


def test_local_questions_are_asked_at_the_end(client):
    from surveys.services import local_questions_save

    campaign = ChannelCampaignFactory(kind="satisfaction")
    local_questions_save(council=campaign.council, kind="satisfaction", questions=[
        {"key": "local_academy", "type": "yes_no", "text": "Have you heard of the Care Academy?", "required": True},
    ])
    check = answer_everything(client, campaign, employer_type="pa", local_academy="yes")
    assert "Have you heard of the Care Academy?" in client.get(check).content.decode()
    client.post(check)
    assert Response.objects.get().answers["local_academy"] == "yes"


def test_reading_a_question_page_writes_nothing(client):
    """Only answering changes the respondent's cookie; opening a page (or going back to one) writes nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    campaign = CampaignFactory()
    first = client.post(f"/s/{campaign.code}/")["Location"]
    second = post_answer(client, first, "care_home")["Location"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(second).status_code == 200
        assert client.get(first).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert "care_home" in client.get(first).content.decode()  # the answer given is still there
