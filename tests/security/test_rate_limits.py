"""Rate limits from the outside: no lockout per account, no 429 from signing in together, password reset limits,
survey floods (429 pages with Retry-After)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client

from surveys.models import Response
from tests.factories.providers import UserFactory
from tests.factories.surveys import CampaignFactory
from tests.integration.surveys.conftest import answer_everything

PASSWORD = "a long enough password 1"
DATABASE_CACHE = {"default": {"BACKEND": "config.cache.DatabaseCache", "LOCATION": "cache_table"}}


@pytest.fixture
def person(world):
    user = world.users["provider_editor"]
    user.set_password(PASSWORD)
    user.save()
    return user


def test_no_account_is_locked_by_failures_per_account():
    """Issue 16: five wrong passwords used to lock any account for 5 minutes. Failures per account are now counted by
    providers.signin (tests/integration/test_signin.py); allauth only limits per address."""
    for part in django_settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        assert part.split("/")[-1] == "ip", part


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ins_are_not_refused(live_server, settings):
    """The unexplained 429s (issue 16): in demo mode (SQLite, the database cache) people signing in at the same time
    got "Too Many Requests" far below the limits. Each request is one transaction (ATOMIC_REQUESTS); with SQLite's
    default deferred transactions a request that had read, then wrote its rate-limit lock into the cache table after
    another request's commit failed at once ("database is locked"); the database cache swallows that error, allauth
    could not take its lock within a second and answered 429. Fixed with IMMEDIATE transactions (config/settings.py).
    """
    import threading

    import requests
    from django.core.management import call_command

    settings.CACHES = DATABASE_CACHE
    call_command("createcachetable", verbosity=0)  # the test database was made under the locmem test cache
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # as slow as production
    users = []
    for n in range(6):
        user = UserFactory(email=f"together{n}@example.com", with_mfa=True)
        user.set_password(PASSWORD)
        user.save()
        users.append(user)
    statuses: list[int] = []

    def sign_in(email: str) -> None:
        session = requests.Session()
        page = session.get(live_server.url + "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = session.post(live_server.url + "/accounts/login/", allow_redirects=False,
                              data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token})
        statuses.append(answer.status_code)

    for _ in range(3):  # 18 sign-ins from one address: well under 30 a minute
        threads = [threading.Thread(target=sign_in, args=(user.email,)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [302] * 18, statuses


def test_every_429_page_is_a_service_page_that_says_when_to_try_again(rf, db):
    from providers.views.pages import error_429

    request = rf.get("/accounts/login/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = error_429(request)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert b"govuk-header" in response.content and b"Try again in 60 seconds" in response.content


def test_password_reset_requests_for_one_account_are_limited(person):
    statuses = []
    for n in range(12):
        response = Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post("/accounts/password/reset/", {"email": person.email})
        statuses.append(response.status_code)
    assert statuses[0] == 302
    assert statuses[-1] in (200, 429) and statuses[-1] != 302, statuses
    assert 1 <= len(mail.outbox) <= 5, f"{len(mail.outbox)} reset emails sent to one account"


def test_password_reset_requests_from_one_address_are_limited(world):
    statuses = []
    for n in range(25):
        statuses.append(Client(REMOTE_ADDR="203.0.113.50").post(
            "/accounts/password/reset/", {"email": f"nobody{n}@example.org"}).status_code)
    assert statuses[0] == 302 and statuses[-1] == 429, statuses


def test_survey_submissions_are_throttled(settings, db):
    settings.SURVEY_RATE_LIMITS = {"submit": (3, 3600)}
    campaign = CampaignFactory()
    statuses = []
    for n in range(4):
        client = Client(REMOTE_ADDR="198.51.100.23")
        statuses.append(client.post(answer_everything(client, campaign, seed=n)).status_code)
    assert statuses == [302, 302, 302, 429]
    assert Response.objects.filter(campaign=campaign).count() == 3


def test_single_use_code_guessing_is_throttled(settings, db):
    """Unknown links answer 404 either way (10-character codes are not guessable); the short single-use codes
    are, so wrong guesses are counted and refused with a 429."""
    from surveys.services import single_use_codes_create

    settings.SURVEY_RATE_LIMITS = {"code": (5, 3600)}
    campaign = CampaignFactory(uses_single_use_codes=True)
    single_use_codes_create(campaign=campaign, count=1)
    client = Client(REMOTE_ADDR="198.51.100.30")
    statuses = [client.post(f"/s/{campaign.code}/", {"single_use_code": f"WRONG{n}"}).status_code for n in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[-1] == 429, statuses
    last = client.post(f"/s/{campaign.code}/", {"single_use_code": "WRONG9"})
    assert last.status_code == 429 and last["Retry-After"] == "3600" and b"Too many attempts" in last.content
