"""Rate limits from the outside: account lockout after failed sign-ins, password reset limits, survey floods."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client

from surveys.models import Response
from tests.factories.surveys import CampaignFactory
from tests.integration.surveys.conftest import answer_everything

PASSWORD = "a long enough password 1"
LOCKED = "Too many failed login attempts. Try again later."


def _failures_allowed_per_account() -> int:
    """From ACCOUNT_RATE_LIMITS["login_failed"], the per-account ("key") part, e.g. "5/5m/key" -> 5."""
    for part in django_settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        amount, _, scope = part.split("/")
        if scope == "key":
            return int(amount)
    raise AssertionError("login_failed has no per-account limit")


@pytest.fixture
def person(world):
    user = world.users["provider_editor"]
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(email: str, password: str, address: str):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"login": email, "password": password})


def test_an_account_is_locked_after_the_configured_failures_from_any_address(person):
    allowed = _failures_allowed_per_account()
    assert 3 <= allowed <= 10
    for n in range(allowed):
        # A different address each time: the lockout is for the account, not the address.
        wrong = _sign_in(person.email, "not the password", f"203.0.113.{n + 1}")
        assert wrong.status_code == 200 and LOCKED not in wrong.content.decode()
    locked = _sign_in(person.email, PASSWORD, "198.51.100.7")  # even the right password is refused now
    assert locked.status_code in (200, 429) and "_auth_user_id" not in locked.client.session
    assert LOCKED in locked.content.decode(), "the page says plainly why signing in failed"


def test_other_accounts_are_not_locked_by_one_accounts_failures(person, world):
    for n in range(_failures_allowed_per_account() + 1):
        _sign_in(person.email, "not the password", f"203.0.113.{n + 1}")
    other = world.users["provider_viewer"]
    other.set_password(PASSWORD)
    other.save()
    assert _sign_in(other.email, PASSWORD, "203.0.113.200").status_code == 302


def test_a_correct_password_before_the_limit_signs_in(person):
    for n in range(_failures_allowed_per_account() - 1):
        _sign_in(person.email, "not the password", f"203.0.113.{n + 1}")
    assert _sign_in(person.email, PASSWORD, "203.0.113.99").status_code == 302


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
