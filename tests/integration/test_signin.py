"""Signing in from the outside: the emailed code for individual employers (through a real SMTP server), and
per-account throttling that slows an attacker without locking out the real person."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from config import clock
from providers.models import Membership, Organisation, SignInCode
from providers.signin import rules
from tests.browser.conftest import totp_code
from tests.factories.providers import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory, add_totp

pytestmark = pytest.mark.django_db


def _verified(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@pytest.fixture
def employer():
    organisation = OrganisationFactory(kind=Organisation.Kind.INDIVIDUAL_EMPLOYER)
    return _verified(MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN, user=UserFactory()).user)


@pytest.fixture
def officer():
    user = _verified(UserFactory())
    secret = add_totp(user)
    MembershipFactory(role=Membership.Role.EDITOR, user=user)
    return user, secret


def _post(client, path, data):
    return client.post(path, data)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _code_from(message) -> str:
    from tests.servers import SmtpServer

    return re.search(r"^(\d{6})\s*$", SmtpServer.body(message), re.M).group(1)


def test_an_individual_employer_finishes_signing_in_with_an_emailed_code(employer, smtp_server):
    client = Client()
    response = client.post("/accounts/login/", {"login": employer.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in-code/"
    assert not _signed_in(client), "a password alone never signs anybody in"
    [message] = smtp_server.wait_for(1)
    assert message["To"] == employer.email and "sign-in code" in message["Subject"]
    code = _code_from(message)
    assert code not in SignInCode.objects.get(user=employer).code_hash, "only a keyed hash is stored"

    page = client.get("/accounts/sign-in-code/")
    assert page.status_code == 200 and b"Enter the code we emailed you" in page.content
    wrong = client.post("/accounts/sign-in-code/", {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 200 and b"The code is not right" in wrong.content and not _signed_in(client)
    right = client.post("/accounts/sign-in-code/", {"code": code})
    assert right.status_code == 302 and _signed_in(client)


def test_an_emailed_code_dies_after_five_wrong_tries_or_ten_minutes(employer, smtp_server, move_clock_to):
    client = Client()
    client.post("/accounts/login/", {"login": employer.email, "password": PASSWORD})
    code = _code_from(smtp_server.wait_for(1)[0])
    for _ in range(5):
        response = client.post("/accounts/sign-in-code/", {"code": "12345x"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.post("/accounts/sign-in-code/", {"code": code})["Location"] == "/accounts/login/"
    assert not _signed_in(client)

    # Five wrong codes are five failed sign-ins: the account is slowed for a moment and its holder told once.
    move_clock_to(clock.now() + timedelta(minutes=2))
    later = Client()
    assert later.post("/accounts/login/", {"login": employer.email, "password": PASSWORD}).status_code == 302
    messages = smtp_server.wait_for(3)
    assert [m["Subject"].split("] ")[1][:20] for m in messages] == [
        "Your sign-in code: " + code[:1], "Someone tried to sig", "Your sign-in code: " + messages[2]["Subject"][-6]]
    code = _code_from(messages[2])
    move_clock_to(clock.now() + timedelta(minutes=11))
    assert later.post("/accounts/sign-in-code/", {"code": code}).status_code == 302
    assert not _signed_in(later)


def test_an_individual_employer_with_an_app_uses_it_instead(employer, smtp_server):
    secret = add_totp(employer)
    client = Client()
    response = client.post("/accounts/login/", {"login": employer.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)}).status_code == 302
    assert _signed_in(client) and smtp_server.messages == []


def test_fifty_wrong_guesses_do_not_stop_the_real_person_signing_in(officer, smtp_server):
    user, secret = officer
    for n in range(50):  # from many addresses, as a botnet would
        attacker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        response = attacker.post("/accounts/login/", {"login": user.email, "password": f"guess-{n}", "code": "123456"})
        assert response.status_code == 200 and not _signed_in(attacker)
    assert rules.is_guarded(rules.Episode(failures=50))

    # The real person, from their own address: password and the code from their app, on the sign-in page at once.
    person = Client(REMOTE_ADDR="198.51.100.7")
    first = person.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert first.status_code == 200 and b"Security code" in first.content and not _signed_in(person)
    second = person.post("/accounts/login/", {"login": user.email, "password": PASSWORD, "code": totp_code(secret)})
    assert second.status_code == 302 and _signed_in(person), second.content.decode()[:500]
    assert second["Location"] != "/accounts/2fa/authenticate/", "the code is not asked for twice"

    warnings = [m for m in smtp_server.wait_for(1) if "tried to sign in" in m["Subject"]]
    assert len(warnings) == 1, "one email per episode, not one per attempt"
    assert warnings[0]["To"] == user.email


def test_a_guarded_account_checks_the_code_before_the_password(officer):
    """An attacker who guesses the right password without the code learns nothing: the same answer as a wrong one."""
    user, _ = officer
    for n in range(rules.FREE_FAILURES):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post("/accounts/login/", {"login": user.email, "password": "nope"})
    right = Client(REMOTE_ADDR="203.0.113.90").post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD, "code": "000000"})
    wrong = Client(REMOTE_ADDR="203.0.113.91").post(
        "/accounts/login/", {"login": user.email, "password": "nope", "code": "000000"})
    assert right.status_code == wrong.status_code == 200
    assert b"is not right" in right.content and b"is not right" in wrong.content


def test_an_account_without_an_app_is_slowed_not_locked(employer, move_clock_to):
    for n in range(rules.FREE_FAILURES):
        Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post("/accounts/login/", {"login": employer.email, "password": "x"})
    slowed = Client(REMOTE_ADDR="198.51.100.7").post(
        "/accounts/login/", {"login": employer.email, "password": PASSWORD})
    assert slowed.status_code == 429
    wait = int(slowed["Retry-After"])
    assert 1 <= wait <= rules.MAX_DELAY_SECONDS
    assert b"Wait before you try again" in slowed.content and b"govuk-header" in slowed.content
    move_clock_to(clock.now() + timedelta(seconds=wait + 1))
    after = Client(REMOTE_ADDR="198.51.100.7").post(
        "/accounts/login/", {"login": employer.email, "password": PASSWORD})
    assert after.status_code == 302 and after["Location"] == "/accounts/sign-in-code/"


def test_the_per_address_limit_is_unchanged(officer):
    user, _ = officer
    client = Client(REMOTE_ADDR="203.0.113.66")
    statuses = [client.post("/accounts/login/", {"login": f"x{n}@example.org", "password": "x"}) for n in range(11)]
    assert b"Too many failed login attempts" in statuses[-1].content
