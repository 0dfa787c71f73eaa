"""The blank one-page form and the confirmation are rendered once and kept (surveys.kept_pages): nothing of one
respondent may reach another, each response has its own tokens, and the CSP nonce is never reused."""

from __future__ import annotations

import re

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory

from surveys import kept_pages
from surveys.models import Campaign, Response
from tests.factories.surveys import CampaignFactory, make_answers

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'name="nonce" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _nothing_kept():
    kept_pages.forget_all()
    yield
    kept_pages.forget_all()


CSP_NONCE = re.compile(r'<script nonce="([^"]+)">')


def _blank(text: str) -> str:
    return CSP_NONCE.sub("", CSRF.sub("", NONCE.sub("", text)))


def test_two_respondents_get_the_same_form_with_their_own_tokens_and_both_can_send():
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/answers/"
    answers = make_answers("satisfaction", seed=5)
    form = {f"q-{k}": [str(v) for v in value] if isinstance(value, list) else str(value) for k, value in answers.items()}
    pages = []
    for address in ("203.0.113.1", "203.0.113.2"):
        client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
        page = client.get(url)
        text = page.content.decode()
        pages.append((text, NONCE.search(text).group(1), CSRF.search(text).group(1), page.cookies["csrftoken"].value))
        sent = client.post(url, {**form, "nonce": pages[-1][1], "csrfmiddlewaretoken": pages[-1][2]})
        assert sent.status_code == 302  # the kept page's CSRF token is this client's own: the check passes
    (first, nonce_1, csrf_1, cookie_1), (second, nonce_2, csrf_2, cookie_2) = pages
    assert nonce_1 != nonce_2 and csrf_1 != csrf_2 and cookie_1 != cookie_2
    assert nonce_1 not in second and csrf_1 not in second and cookie_1 not in second
    assert _blank(first) == _blank(second)  # the rest is the kept page
    assert "cwr-slot-" not in first + second
    assert Response.objects.count() == 2


def test_a_token_from_someone_elses_page_is_refused():
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/answers/"
    other = Client(enforce_csrf_checks=True).get(url).content.decode()
    client = Client(enforce_csrf_checks=True)
    client.get(url)
    answers = {f"q-{k}": str(v) for k, v in make_answers("satisfaction", seed=6).items() if not isinstance(v, list)}
    refused = client.post(url, {**answers, "nonce": "n", "csrfmiddlewaretoken": CSRF.search(other).group(1)})
    assert refused.status_code == 403


def test_what_the_form_is_rendered_from_is_in_its_key():
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/answers/"
    assert campaign.workplace.name in Client().get(url).content.decode()
    campaign.workplace.name = "Renamed House"
    campaign.workplace.save()
    campaign.save()  # drops the cached link, as any save of the campaign does
    assert "Renamed House" in Client().get(url).content.decode()


def test_one_kept_form_serves_every_campaign_of_a_questionnaire_with_its_own_code_and_name():
    first, second = CampaignFactory(), CampaignFactory()
    second.workplace.name = "<b>Oak & Elm</b>"
    second.workplace.save()
    pages = [Client().get(f"/s/{c.code}/answers/").content.decode() for c in (first, second)]
    assert len(kept_pages._kept) == 1
    assert f'action="/s/{first.code}/answers/"' in pages[0] and first.workplace.name in pages[0]
    assert f'action="/s/{second.code}/answers/"' in pages[1] and "&lt;b&gt;Oak &amp; Elm&lt;/b&gt;" in pages[1]
    assert first.code not in pages[1] and second.code not in pages[0]
    done = [Client().get(f"/s/{c.code}/done/").content.decode() for c in (first, second)]
    assert f'data-survey-sent="cwr-survey:{second.code}"' in done[1] and first.code not in done[1]


def test_someone_signed_in_or_with_a_message_gets_a_live_page_that_is_not_kept(world):
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/done/"
    staff = Client()
    staff.force_login(world.users["provider_editor"])
    request = RequestFactory().get(url)
    request.COOKIES[CookieStorage.cookie_name] = "x"
    assert not kept_pages.servable(request)
    assert staff.get(url).status_code == 200
    assert kept_pages._kept == {}  # a signed-in visitor's page is never kept
    assert Client().get(url).status_code == 200
    assert len(kept_pages._kept) == 1


def test_a_message_waiting_for_a_respondent_is_shown_to_them_only():
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/done/"
    Client().get(url)  # kept
    request = RequestFactory().get(url)
    storage = CookieStorage(request)
    storage.add(constants.INFO, "A message for one person only")
    carrier = HttpResponse()
    storage.update(carrier)
    with_message = Client()
    with_message.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    assert "A message for one person only" in with_message.get(url).content.decode()
    assert "A message for one person only" not in Client().get(url).content.decode()


def _served_with_csp(url: str, code: str) -> tuple[str, str]:
    """A kept confirmation served to a request whose CSP nonce was already made (so base.html's inline snippet is
    rendered): the page and the response's CSP header."""
    request = RequestFactory().get(url)
    request.COOKIES.clear()
    middleware = CSPMiddleware(lambda r: HttpResponse())
    middleware.process_request(request)
    str(request.csp_nonce)
    campaign = Campaign.objects.get(code=code)
    response = kept_pages.kept_page(request, ("done",), "surveys/answer/done.html",
                                    lambda: {"code": kept_pages.MarkedCampaign.code}, campaign=campaign)  # fmt: skip
    middleware.process_response(request, response)
    return response.content.decode(), response["Content-Security-Policy"]


def test_a_kept_page_carries_each_responses_own_csp_nonce_never_a_kept_one():
    campaign = CampaignFactory()
    url = f"/s/{campaign.code}/done/"
    pages = [_served_with_csp(url, campaign.code) for _ in range(2)]
    nonces = []
    for page, header in pages:
        nonce = re.search(r"'nonce-([^']+)'", header).group(1)
        assert f'<script nonce="{nonce}">' in page  # the header allows exactly the snippet this page carries
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert nonces[0] not in pages[1][0] and nonces[1] not in pages[0][0]


def test_a_kept_page_served_through_the_middleware_carries_the_snippet_its_header_allows():
    campaign = CampaignFactory()
    pages = [Client().get(f"/s/{campaign.code}/done/") for _ in range(2)]
    nonces = [re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1) for page in pages]
    for page, nonce in zip(pages, nonces, strict=True):
        assert f'<script nonce="{nonce}">' in page.content.decode()
    assert nonces[0] != nonces[1]


def test_without_the_csp_middleware_the_kept_page_has_no_inline_script_as_a_live_render(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith(".CSPMiddleware")]
    campaign = CampaignFactory()
    kept = Client().get(f"/s/{campaign.code}/done/")
    assert "<script nonce" not in kept.content.decode()
    assert "Content-Security-Policy" not in kept
