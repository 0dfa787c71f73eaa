"""The one-page survey (/s/<code>/answers/): every question in one form, sent in one request, stored once."""

from __future__ import annotations

import re

import pytest

from surveys.models import Response
from surveys.questionnaires import SATISFACTION_V1, QuestionType
from tests.factories.surveys import CampaignFactory, ChannelCampaignFactory, SingleUseCodeFactory, make_answers

pytestmark = pytest.mark.django_db


def form_data(answers: dict, *, nonce: str = "nonce-1") -> dict:
    data = {"nonce": nonce}
    for key, value in answers.items():
        data[f"q-{key}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def test_the_page_has_every_question_as_a_step_and_a_fresh_token(client):
    campaign = CampaignFactory()
    first = client.get(f"/s/{campaign.code}/answers/")
    second = client.get(f"/s/{campaign.code}/answers/")
    text = first.content.decode()
    assert first.status_code == 200
    assert text.count('class="app-survey-step"') == len(SATISFACTION_V1.questions)
    pa_question = next(q for q in SATISFACTION_V1.questions if q.show_if is not None)
    assert f'data-step="{pa_question.key}"' in text
    assert 'data-show-if-key="employer_type" data-show-if-values="pa"' in text
    assert "Only answer this if you answered ‘" in text  # said in words for a page without JavaScript
    # the blank form is kept once rendered (surveys.kept_pages): read the token from the page, not the template context
    tokens = [re.search(r'name="nonce" value="([^"]+)"', page.content.decode()).group(1) for page in (first, second)]
    assert tokens[0] != tokens[1]
    assert first["Cache-Control"].startswith("max-age=0")


def test_start_page_offers_the_one_page_survey_to_scripts_and_keeps_the_page_flow(client):
    campaign = CampaignFactory()
    text = client.get(f"/s/{campaign.code}/").content.decode()
    assert f'href="/s/{campaign.code}/answers/"' in text and "data-survey-one-page-start" in text
    assert "data-survey-page-start" in text  # the button that starts one question per page, without JavaScript


def test_sending_everything_stores_one_response_and_confirms(client):
    campaign = CampaignFactory()
    answers = make_answers("satisfaction", seed=3, employer_type="pa")
    response = client.post(f"/s/{campaign.code}/answers/", form_data(answers))
    assert response.status_code == 302
    assert response["Location"] == f"/s/{campaign.code}/done/"  # no query: nothing about the answers
    done = client.get(response["Location"])
    assert "Your answers have been sent" in done.content.decode()
    stored = Response.objects.get()
    assert stored.campaign == campaign and stored.kind == "satisfaction"
    assert stored.answers["employer_type"] == "pa"
    assert stored.answers == {k: v for k, v in answers.items() if k in stored.answers}
    assert "pa_written_terms" in stored.answers


def test_sending_twice_with_the_same_token_stores_one_response(client):
    campaign = CampaignFactory()
    data = form_data(make_answers("satisfaction", seed=4))
    first = client.post(f"/s/{campaign.code}/answers/", data)
    again = client.post(f"/s/{campaign.code}/answers/", data)
    assert first.status_code == again.status_code == 302
    assert Response.objects.count() == 1
    client.post(f"/s/{campaign.code}/answers/", {**data, "nonce": "another"})
    assert Response.objects.count() == 2


def test_answers_to_questions_that_do_not_apply_are_not_kept(client):
    campaign = CampaignFactory()
    answers = make_answers("satisfaction", seed=5, employer_type="care_home")
    pa_only = next(q for q in SATISFACTION_V1.questions if q.show_if is not None)
    data = form_data(answers) | {f"q-{pa_only.key}": pa_only.option_values()[0]}
    assert client.post(f"/s/{campaign.code}/answers/", data).status_code == 302
    assert pa_only.key not in Response.objects.get().answers


def test_missing_and_wrong_answers_come_back_with_every_problem_named_and_nothing_stored(client):
    campaign = CampaignFactory()
    answers = make_answers("satisfaction", seed=6)
    answers.pop("tenure")
    answers["recommend_employer"] = "11"
    page = client.post(f"/s/{campaign.code}/answers/", form_data(answers, nonce="keep-me"))
    text = page.content.decode()
    assert page.status_code == 200
    assert Response.objects.count() == 0
    assert "There is a problem" in text and "<title>Error: " in text
    assert '<a href="#q-tenure">Select an answer</a>' in text
    assert '<a href="#q-recommend_employer">Select a number from 0 to 10</a>' in text
    assert 'name="nonce" value="keep-me"' in text  # correcting and sending again is still the same response
    chosen = answers["employer_type"]
    assert f'name="q-employer_type" type="radio" value="{chosen}" checked' in text  # nothing the person gave is lost


def test_the_help_contacts_are_on_the_form_before_sending_and_never_chosen_after(client):
    """Shown by the page's script as soon as an answer calls for them (and always without script), so the
    confirmation is the same page for everyone; the byte-for-byte check is in tests/attacks."""
    campaign = ChannelCampaignFactory()
    form = client.get(f"/s/{campaign.code}/answers/").content.decode()
    assert "Modern Slavery" in form and "<noscript>" in form
    answers = make_answers("exit", seed=1, employer_type="pa", exploitation="yes")
    done = client.get(client.post(f"/s/{campaign.code}/answers/", form_data(answers))["Location"])
    assert "Modern Slavery" not in done.content.decode()


def test_campaigns_with_single_use_codes_start_on_the_start_page(client):
    code = SingleUseCodeFactory()
    campaign = code.campaign
    assert client.get(f"/s/{campaign.code}/answers/")["Location"] == f"/s/{campaign.code}/"
    data = form_data(make_answers("satisfaction", seed=8))
    assert client.post(f"/s/{campaign.code}/answers/", data)["Location"] == f"/s/{campaign.code}/"
    assert Response.objects.count() == 0


def test_closed_and_unknown_links_are_not_found(client):
    assert client.get("/s/nosuchcode/answers/").status_code == 404
    closed = CampaignFactory(is_open=False)
    assert client.post(f"/s/{closed.code}/answers/", form_data({"employer_type": "pa"})).status_code == 404


def test_a_flood_of_sends_from_one_address_is_slowed(client, settings):
    settings.SURVEY_RATE_LIMITS = {"submit": (2, 3600)}
    campaign = CampaignFactory()
    statuses = [client.post(f"/s/{campaign.code}/answers/", form_data(make_answers("satisfaction", seed=n),
                                                                       nonce=f"n{n}")).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2


def test_written_answers_are_kept_with_their_line_breaks_trimmed(client):
    campaign = CampaignFactory()
    text_key = next(q.key for q in SATISFACTION_V1.questions if q.type is QuestionType.FREE_TEXT)
    answers = make_answers("satisfaction", seed=9) | {text_key: "  More staff\r\nBetter rotas  "}
    client.post(f"/s/{campaign.code}/answers/", form_data(answers))
    assert Response.objects.get().answers[text_key] == "More staff\nBetter rotas"


def test_closing_a_link_takes_effect_at_once_although_links_are_cached(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    campaign = CampaignFactory()
    assert client.get(f"/s/{campaign.code}/answers/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/s/{campaign.code}/answers/").status_code == 200
    assert not [q["sql"] for q in queries if "surveys_campaign" in q["sql"]], "the link comes from the cache"
    campaign.is_open = False
    campaign.save()
    assert client.get(f"/s/{campaign.code}/answers/").status_code == 404
    data = form_data(make_answers("satisfaction", seed=10))
    assert client.post(f"/s/{campaign.code}/answers/", data).status_code == 404
    assert Response.objects.count() == 0


def test_new_local_questions_show_at_once_although_they_are_cached(client):
    from surveys.services import local_questions_save

    campaign = ChannelCampaignFactory()
    assert "How did you hear about this survey" not in client.get(f"/s/{campaign.code}/answers/").content.decode()
    local_questions_save(council=campaign.council, kind="exit", questions=[
        {"key": "local_heard", "type": "yes_no", "text": "How did you hear about this survey?", "version": 1}])
    assert "How did you hear about this survey" in client.get(f"/s/{campaign.code}/answers/").content.decode()
