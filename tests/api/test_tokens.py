"""Personal API tokens: created and seen once on the account page, stored only as a hash, revoked there; the
Bearer authentication, session authentication and per-token rate limits."""

from __future__ import annotations

import hashlib

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError

from api.models import ApiToken
from api.tokens import api_token_create
from providers.models import Membership
from tests.factories.api import token_for
from tests.factories.providers import MembershipFactory, UserFactory, add_totp

ORGS = "/api/v1/organisations/"


def reauthenticated(client, user) -> None:
    """As if the user had just confirmed it was them (allauth's reauthentication), as the token page asks."""
    import time

    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time(), "type": "totp", "reauthenticated": True}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


NEW = {"name": "HR system", "body": None, "scope": "read_write", "days": "90"}


def test_a_user_creates_a_token_and_sees_it_once(world, client):
    user = world.users["provider_editor"]
    client.force_login(user)
    reauthenticated(client, user)
    response = client.post("/account/api-tokens/", {**NEW, "body": f"org:{world.org_a.pk}"})
    assert response.status_code == 302 and response["Location"] == "/account/api-tokens/new/"
    page = client.get("/account/api-tokens/new/")
    raw = page.context["raw"]
    assert raw.startswith("cwr_") and raw in page.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.prefix, token.key_hash, token.name}
    assert (token.organisation, token.council, token.scope) == (world.org_a, None, "read_write")
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 90
    assert client.get("/account/api-tokens/new/")["Location"] == "/account/api-tokens/", "shown only once"
    listing = client.get("/account/api-tokens/").content.decode()
    assert "HR system" in listing and token.prefix in listing and raw not in listing


def test_creating_a_token_asks_the_person_to_confirm_it_is_them(world, client):
    user = world.users["provider_editor"]
    client.force_login(user)
    response = client.post("/account/api-tokens/", {**NEW, "body": f"org:{world.org_a.pk}"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.exists()


def test_people_without_an_authenticator_app_cannot_create_tokens(db, client):
    from providers.models import Organisation
    from tests.factories.providers import OrganisationFactory

    employer = OrganisationFactory(kind=Organisation.Kind.INDIVIDUAL_EMPLOYER)
    user = MembershipFactory(organisation=employer, role="admin", user=UserFactory()).user
    client.force_login(user)
    reauthenticated(client, user)
    page = client.get("/account/api-tokens/").content.decode()
    assert "set up two-factor authentication" in page and "Create token" not in page
    client.post("/account/api-tokens/", {**NEW, "body": f"org:{employer.pk}"})
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError):
        api_token_create(user=user, name="HR", organisation=employer)


def test_the_account_page_links_to_the_tokens(world, client):
    client.force_login(world.users["provider_editor"])
    assert 'href="/account/api-tokens/"' in client.get("/account/").content.decode()


@pytest.mark.parametrize("name, message", [("", "Enter a name"), ("   ", "Enter a name"), ("x" * 81, "80 characters")])
def test_a_token_needs_a_sensible_name(world, client, name, message):
    client.force_login(world.users["provider_editor"])
    reauthenticated(client, world.users["provider_editor"])
    response = client.post("/account/api-tokens/", {**NEW, "name": name, "body": f"org:{world.org_a.pk}"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", [0, 366])
def test_a_token_lasts_at_most_a_year(world, days):
    with pytest.raises(ValidationError, match="1 to 365 days"):
        token_for(world.users["provider_editor"], days=days)


def test_a_token_belongs_to_one_of_its_owners_organisations(world):
    with pytest.raises(ValidationError, match="belong to"):
        token_for(world.users["provider_editor"], body=world.org_b)


def test_revoking_a_token_stops_it_working(world, client, api_client):
    user = world.users["provider_editor"]
    token, raw = token_for(user, "Rota")
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


def _bearer(api_client, raw):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _role_changed(world, user):
    Membership.objects.filter(user=user).update(role="admin")


def _membership_removed(world, user):
    Membership.objects.filter(user=user).delete()


def _joined_another(world, user):
    MembershipFactory(organisation=world.org_b, user=user, role="viewer")


def _mfa_removed(world, user):
    Authenticator.objects.filter(user=user).delete()


def _mfa_replaced(world, user):
    Authenticator.objects.filter(user=user).delete()
    add_totp(user)


def _deactivated(world, user):
    user.is_active = False
    user.save()


@pytest.mark.parametrize(
    "change", [_role_changed, _membership_removed, _joined_another, _mfa_removed, _mfa_replaced, _deactivated],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_token_stops_working_when_its_owner_changes(world, api_client, change):
    user = world.users["provider_editor"]
    _, raw = token_for(user)
    client = _bearer(api_client, raw)
    assert client.get(ORGS).status_code == 200
    change(world, user)
    response = client.get(ORGS)
    assert response.status_code == 401 and response.json()["errors"][0]["code"] == "authentication_failed"


def test_a_council_officers_token_stops_when_their_council_role_changes(world, api_client):
    from providers.models import CouncilMembership

    user = world.users["contract_officer"]
    _, raw = token_for(user)
    client = _bearer(api_client, raw)
    assert client.get("/api/v1/councils/").status_code == 200
    CouncilMembership.objects.filter(user=user).update(role="council_admin")
    assert client.get("/api/v1/councils/").status_code == 401


def test_an_expired_token_stops_working(world, api_client, move_clock_to):
    from datetime import timedelta

    from config import clock

    _, raw = token_for(world.users["provider_editor"], days=30)
    client = _bearer(api_client, raw)
    assert client.get(ORGS).status_code == 200
    move_clock_to(clock.now() + timedelta(days=30, minutes=1))
    assert client.get(ORGS).status_code == 401


def test_a_token_reaches_only_its_own_organisation(world, api_client):
    user = world.users["provider_editor"]
    MembershipFactory(organisation=world.org_b, user=user, role="editor")
    _, raw = token_for(user, body=world.org_a)
    client = _bearer(api_client, raw)
    assert [o["slug"] for o in client.get(ORGS).json()] == ["org-a"]
    assert client.get("/api/v1/organisations/org-a/workplaces/").status_code == 200
    assert client.get("/api/v1/organisations/org-b/workplaces/").status_code == 404


def test_use_is_counted_and_shown_on_the_token_page(world, api_client, client):
    user = world.users["provider_editor"]
    token, raw = token_for(user, "Rota")
    bearer = _bearer(api_client, raw)
    for _ in range(3):
        bearer.get(ORGS)
    token.refresh_from_db()
    assert token.use_count == 3 and token.last_used_at is not None
    client.force_login(user)
    page = client.get("/account/api-tokens/").content.decode()
    assert ">3</td>" in page and "Read and write" in page and "Org A" in page


def test_signed_out_visitors_are_sent_to_sign_in(db, client):
    assert client.get("/account/api-tokens/")["Location"].startswith("/accounts/login/")


def test_people_who_need_mfa_set_it_up_before_seeing_the_token_page(db, client):
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


def test_only_a_hash_is_stored(world):
    token, raw = token_for(world.users["provider_editor"], "HR")
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


def test_the_command_refuses_owners_without_mfa_unless_told_loudly(world, api_client):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    user = world.users["provider_editor"]
    Authenticator.objects.filter(user=user).delete()
    with pytest.raises(CommandError, match="has not set up two-factor authentication"):
        call_command("create_api_token", user.email, "HR system")
    out, err = StringIO(), StringIO()
    call_command("create_api_token", user.email, "HR system", "--i-understand-no-mfa", "--scope", "read-write",
                 stdout=out, stderr=err)
    assert "WARNING" in err.getvalue() and "no authenticator app" in err.getvalue()
    token = ApiToken.objects.get(user=user)
    assert token.scope == "read_write" and token.organisation == world.org_a
    assert _bearer(api_client, out.getvalue().strip()).get(ORGS).status_code == 200
