"""Sessions: council staff and provider admins are signed out after 30 minutes idle and 12 hours in all, with a
warning on every page; others keep theirs; "sign out everywhere" ends every session and revokes API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from api.models import ApiToken
from config import clock
from tests.factories.api import token_for

pytestmark = pytest.mark.django_db


def _later(move_clock_to, **delta):
    move_clock_to(clock.now() + timedelta(**delta))


@pytest.mark.parametrize("role", ["contract_officer", "analyst", "council_admin", "provider_admin"])
def test_short_sessions_end_after_30_minutes_idle(role, world, client, move_clock_to):
    client.force_login(world.users[role])
    assert client.get("/").status_code == 200
    _later(move_clock_to, minutes=29)
    assert client.get("/").status_code == 200, "29 minutes is not too long"
    _later(move_clock_to, minutes=31)
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "did not do anything for 30 minutes" in page


def test_short_sessions_end_after_12_hours_however_busy(world, client, move_clock_to):
    client.force_login(world.users["contract_officer"])
    for _ in range(12 * 3):  # a request every 20 minutes for 12 hours
        assert client.get("/").status_code == 200
        _later(move_clock_to, minutes=20)
    response = client.get("/")
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_editors_and_viewers_keep_their_session(world, client, move_clock_to):
    client.force_login(world.users["provider_editor"])
    _later(move_clock_to, minutes=90)
    assert client.get("/").status_code == 200
    assert b'id="timeout-warning"' not in client.get("/").content


def test_every_page_of_a_short_session_carries_the_warning_and_its_fallback(world, client):
    client.force_login(world.users["council_admin"])
    page = client.get("/").content.decode()
    assert 'id="timeout-warning"' in page and 'data-seconds-left="1800"' in page
    assert "js/timeout-warning.js" in page and "<script>" not in page, "no inline script (CSP)"
    assert '<noscript><meta http-equiv="refresh" content="1800;url=/accounts/signed-out/"></noscript>' in page


def test_stay_signed_in_keeps_the_session(world, client, move_clock_to):
    client.force_login(world.users["contract_officer"])
    _later(move_clock_to, minutes=28)
    assert client.post("/account/still-here/").status_code == 204
    _later(move_clock_to, minutes=28)
    assert client.get("/").status_code == 200


def test_the_signed_out_page_ends_the_session(world, client):
    client.force_login(world.users["contract_officer"])
    assert b"You have been signed out" in client.get("/accounts/signed-out/").content
    assert "_auth_user_id" not in client.session


def test_sign_out_everywhere_ends_every_session_and_revokes_tokens(world, move_clock_to):
    from rest_framework.test import APIClient

    user = world.users["provider_editor"]
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    _, raw = token_for(user)
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bearer.get("/api/v1/organisations/").status_code == 200
    _later(move_clock_to, seconds=5)
    assert b"Sign out everywhere" in laptop.get("/account/").content
    response = laptop.post("/account/sign-out-everywhere/")
    assert response.status_code == 302 and "_auth_user_id" not in laptop.session
    assert phone.get("/").status_code == 302 and "_auth_user_id" not in phone.session
    assert bearer.get("/api/v1/organisations/").status_code == 401
    assert not ApiToken.objects.filter(user=user, revoked_at=None).exists()
    _later(move_clock_to, seconds=5)
    again = Client()
    again.force_login(user)
    assert again.get("/").status_code == 200, "signing in afterwards works"
