"""Attack 1: what leaves the server after sending. The intruder compares the confirmation pages and addresses of
two respondents, one who answered "yes" to the exploitation question and one who answered "no", and reads every
log line the service and gunicorn write for their surveys."""

from __future__ import annotations

import logging
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from config.gunicorn_logging import SurveyPrivateLogger
from config.log_filters import SurveyPrivacyFilter
from surveys.models import Response
from tests.attacks.conftest import answer_everything, make_answers, one_page_form
from tests.factories.surveys import ChannelCampaignFactory

pytestmark = pytest.mark.django_db

ADDRESSES = ("203.0.113.7", "198.51.100.200")
AGENT = "IntruderVisibleAgent/1.0 (Marker-UA-777)"


def _visible(response) -> tuple:
    """Everything about a response a log, a proxy or a shoulder-surfer could see: status, headers, body. The CSP
    nonce is 16 random bytes made for each response (it allows base.html's one inline snippet): it is checked to be
    the same in the header and the page and to be nothing else, then blanked, so that it cannot hide a difference."""
    nonce = re.search(r"'nonce-([A-Za-z0-9+/]{22}==)'", response["Content-Security-Policy"]).group(1)
    assert response.content.count(nonce.encode()) == 1 and f'<script nonce="{nonce}">'.encode() in response.content

    def blank(text):
        return text.replace(nonce, "NONCE") if isinstance(text, str) else text.replace(nonce.encode(), b"NONCE")

    headers = sorted((k, blank(v)) for k, v in response.items() if k.lower() != "date")
    return response.status_code, headers, blank(response.content)


def _one_page(campaign, answer: str, address: str, nonce: str):
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT)
    answers = make_answers("exit", seed=4, employer_type="pa", exploitation=answer)
    sent = client.post(f"/s/{campaign.code}/answers/", one_page_form(answers, nonce=nonce))
    assert sent.status_code == 302
    return sent["Location"], _visible(client.get(sent["Location"]))


def _no_script(campaign, answer: str, address: str):
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=AGENT)
    check = answer_everything(client, campaign, seed=4, employer_type="pa", exploitation=answer)
    sent = client.post(check)
    assert sent.status_code == 302
    return sent["Location"], _visible(client.get(sent["Location"]))


@pytest.mark.parametrize("flow", ["one page (script)", "no script"])
def test_yes_and_no_get_byte_identical_confirmations_at_identical_addresses(flow):
    campaign = ChannelCampaignFactory(kind="exit")
    # Both respondents within one second: a header that carries the time (a cookie's expiry) must not tell them
    # apart by the clock's ticking, only by their answers, which is what is being tested.
    with time_machine.travel(timezone.now(), tick=False):
        if flow == "no script":
            yes_url, yes_page = _no_script(campaign, "yes", ADDRESSES[0])
            no_url, no_page = _no_script(campaign, "no", ADDRESSES[1])
        else:
            yes_url, yes_page = _one_page(campaign, "yes", ADDRESSES[0], "n-yes")
            no_url, no_page = _one_page(campaign, "no", ADDRESSES[1], "n-no")
    assert Response.objects.count() == 2
    assert sorted(r.answers["exploitation"] for r in Response.objects.all()) == ["no", "yes"]
    assert yes_url == no_url == f"/s/{campaign.code}/done/"
    assert "?" not in yes_url
    assert yes_page == no_page
    assert b"Modern Slavery" not in yes_page[2]


def test_no_survey_address_carries_a_query():
    """Every link and form target the survey pages give out is a bare path."""
    campaign = ChannelCampaignFactory(kind="exit")
    client = Client()
    check = answer_everything(client, campaign, seed=2, employer_type="pa")
    pages = [client.get(f"/s/{campaign.code}/").content, client.get(check).content,
             client.get(f"/s/{campaign.code}/answers/").content]
    for page in pages:
        for target in re.findall(rb'(?:href|action)="(/s/[^"]*)"', page):
            assert b"?" not in target, target


def test_the_service_log_and_the_access_log_hold_no_address_agent_exact_time_or_query(caplog):
    caplog.set_level(logging.DEBUG)
    campaign = ChannelCampaignFactory(kind="exit")
    _no_script(campaign, "yes", ADDRESSES[0])
    Client(REMOTE_ADDR=ADDRESSES[1], HTTP_USER_AGENT=AGENT).get("/s/nosuchcode/?who=me")  # a logged 404

    # The service's own log lines, through the filter every handler applies
    privacy = SurveyPrivacyFilter()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    survey_lines = []
    for record in caplog.records:
        privacy.filter(record)
        line = formatter.format(record)
        assert not any(address in line for address in ADDRESSES), line
        assert "Marker-UA-777" not in line and "who=me" not in line, line
        if "/s/" in line:
            survey_lines.append(line)
            assert re.search(r"\d\d:00:00,000", line), line  # the hour only
    assert survey_lines  # the 404 was logged, so the filter was put to work

    # gunicorn's access log, as shipped (config/gunicorn.conf.py)
    class Cfg:
        access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({user-agent}i)s %(D)s'

    logger = SurveyPrivateLogger.__new__(SurveyPrivateLogger)
    logger.cfg = Cfg()

    class Resp:
        status, sent, headers = "302 Found", 5949, [("Location", f"/s/{campaign.code}/done/")]

    class Req:
        headers = [("USER-AGENT", AGENT), ("X-FORWARDED-FOR", ADDRESSES[0])]

    class Took:
        seconds, microseconds = 0, 123456

    environ = {"REMOTE_ADDR": ADDRESSES[0], "REQUEST_METHOD": "POST", "RAW_URI": f"/s/{campaign.code}/check/?x=1",
               "PATH_INFO": f"/s/{campaign.code}/check/", "QUERY_STRING": "x=1", "SERVER_PROTOCOL": "HTTP/1.1",
               "HTTP_USER_AGENT": AGENT, "HTTP_REFERER": f"https://x/s/{campaign.code}/q/exploitation/"}
    atoms = logger.atoms(Resp(), Req(), environ, Took())
    line = Cfg.access_log_format % logger.atoms_wrapper_class(atoms)
    assert ADDRESSES[0] not in line and "Marker-UA-777" not in line and "x=1" not in line and "5949" not in line
    assert "exploitation" not in line and "123456" not in line
    assert re.search(r"\[\d\d/\w{3}/\d{4}:\d\d:00 ", line), line
    assert f"POST /s/{campaign.code}/check/ HTTP/1.1" in line
