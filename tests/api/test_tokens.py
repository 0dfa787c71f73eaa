"""Personal API tokens: created and seen once on the account page, stored only as a hash, revoked there; the
Bearer authentication, session authentication and per-token rate limits."""

from __future__ import annotations

import hashlib

import pytest

from api.models import ApiToken
from api.tokens import api_token_create
from tests.factories.providers import MembershipFactory, UserFactory

ORGS = "/api/v1/organisations/"


def test_a_user_creates_a_token_and_sees_it_once(world, client):
    user = world.users["provider_editor"]
    client.force_login(user)
    response = client.post("/account/api-tokens/", {"name": "HR system"})
    assert response.status_code == 302 and response["Location"] == "/account/api-tokens/new/"
    page = client.get("/account/api-tokens/new/")
    raw = page.context["raw"]
    assert raw.startswith("cwr_") and raw in page.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.prefix, token.key_hash, token.name}
    assert client.get("/account/api-tokens/new/")["Location"] == "/account/api-tokens/", "shown only once"
    listing = client.get("/account/api-tokens/").content.decode()
    assert "HR system" in listing and token.prefix in listing and raw not in listing


def test_the_account_page_links_to_the_tokens(world, client):
    client.force_login(world.users["provider_editor"])
    assert 'href="/account/api-tokens/"' in client.get("/account/").content.decode()


@pytest.mark.parametrize("name, message", [("", "Enter a name"), ("   ", "Enter a name"), ("x" * 81, "80 characters")])
def test_a_token_needs_a_sensible_name(world, client, name, message):
    client.force_login(world.users["provider_editor"])
    response = client.post("/account/api-tokens/", {"name": name})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_working(world, client, api_client):
    user = world.users["provider_editor"]
    token, raw = api_token_create(user=user, name="Rota")
    bearer = api_client()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bearer.get(ORGS).status_code == 200
    client.force_login(user)
    assert "Are you sure" in client.get(f"/account/api-tokens/{token.pk}/revoke/").content.decode()
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 302
    response = bearer.get(ORGS)
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "authentication_failed"
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404, "already revoked"


def test_nobody_can_see_or_revoke_another_users_token(world, client):
    token, _ = api_token_create(user=world.users["provider_editor"], name="Rota")
    client.force_login(world.users["provider_viewer"])
    assert client.get(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 404
    assert "Rota" not in client.get("/account/api-tokens/").content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_signed_out_visitors_are_sent_to_sign_in(db, client):
    assert client.get("/account/api-tokens/")["Location"].startswith("/accounts/login/")


def test_people_who_need_mfa_set_it_up_before_creating_tokens(db, client):
    admin = MembershipFactory(role="admin", user=UserFactory(with_mfa=False)).user
    client.force_login(admin)
    response = client.get("/account/api-tokens/")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


def test_a_token_acts_as_its_user_with_their_organisations(world, api_client):
    response = api_client(world.users["provider_admin"]).get(ORGS)
    assert response.status_code == 200
    assert response.json() == [{"slug": "org-a", "name": "Org A", "kind": "provider", "role": "admin"}]


def test_tokens_of_users_who_must_use_mfa_still_work(world, api_client):
    """The provider admin must use MFA; a token created after signing in with it keeps working on its own."""
    assert api_client(world.users["provider_admin"]).get(ORGS).status_code == 200


@pytest.mark.parametrize(
    "header, code",
    [
        (None, "not_authenticated"),
        ("Bearer", "authentication_failed"),
        ("Bearer not-a-token", "authentication_failed"),
        ("Bearer cwr_wrong", "authentication_failed"),
        ("Bearer a b", "authentication_failed"),
    ],
)
def test_missing_or_bad_tokens_get_401_in_the_error_shape(db, api_client, header, code):
    client = api_client()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(ORGS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"errors": [{"code": code, "message": response.json()["errors"][0]["message"],
                                           "field": None, "index": None}]}


def test_a_deactivated_users_token_stops_working(world, api_client):
    client = api_client(world.users["provider_editor"])
    world.users["provider_editor"].is_active = False
    world.users["provider_editor"].save()
    assert client.get(ORGS).status_code == 401


def test_the_browsable_api_works_with_the_web_session(world, client):
    client.force_login(world.users["provider_editor"])
    assert client.get(ORGS, HTTP_ACCEPT="application/json").status_code == 200


def test_the_session_does_not_reach_the_api_before_mfa_is_set_up(db, client):
    admin = MembershipFactory(role="admin", user=UserFactory(with_mfa=False)).user
    client.force_login(admin)
    assert client.get(ORGS, HTTP_ACCEPT="application/json").status_code == 401


def test_each_token_has_its_own_rate_limit(world, api_client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        "api_token": "3/minute", "api_session": "3/minute"}}
    first, second = api_client(world.users["provider_editor"]), api_client(world.users["provider_editor"])
    assert [first.get(ORGS).status_code for _ in range(3)] == [200, 200, 200]
    limited = first.get(ORGS)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert limited.json()["errors"][0]["code"] == "throttled"
    assert second.get(ORGS).status_code == 200, "another token has its own budget"


def test_a_token_records_when_it_was_last_used(world, api_client):
    api_client(world.users["provider_editor"]).get(ORGS)
    assert ApiToken.objects.get().last_used_at is not None


def test_only_a_hash_is_stored(world):
    token, raw = api_token_create(user=world.users["provider_editor"], name="HR")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in {str(value) for value in stored.values()}


def test_the_command_creates_a_token_and_prints_it_once(world, api_client):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("create_api_token", world.users["provider_editor"].email, "HR system", stdout=out)
    raw = out.getvalue().strip()
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(ORGS).status_code == 200
    with pytest.raises(CommandError, match="No active user"):
        call_command("create_api_token", "nobody@example.com", "HR system")
    with pytest.raises(CommandError, match="Enter a name"):
        call_command("create_api_token", world.users["provider_editor"].email, " ")
