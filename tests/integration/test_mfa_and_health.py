"""Who must use two-factor authentication: with DEMO_MODE off, every role × every page with data sends a person
without an authenticator app to set one up first. The pages come from the URL configuration (url_matrix)."""

import pytest
from django.test import override_settings

from providers.models import CouncilMembership, Membership, Organisation
from tests.factories.providers import (
    CouncilMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    add_totp,
)
from tests.integration.url_matrix import OWN, SHARED, all_routes

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"
# Pages anyone may open without signing in (and the API, which refuses such sessions itself: tests/api).
PUBLIC = ("healthz", "accessibility/", "privacy/", "s/", "api/")
PERSONAL = {"token": lambda world: 1}  # /account/api-tokens/<token>/…: refused before any lookup
DATA_ROUTES = [route for route in all_routes() if not route.route.startswith(PUBLIC)]


def _user_without_mfa(role: str, world):
    user = UserFactory()
    if role in ("provider_admin", "provider_editor", "provider_viewer"):
        MembershipFactory(organisation=world.org_a, role=role.removeprefix("provider_"), user=user)
    elif role == "micro_employer":
        micro = OrganisationFactory(slug="micro-a", kind=Organisation.Kind.MICRO_EMPLOYER)
        MembershipFactory(organisation=micro, role=Membership.Role.ADMIN, user=user)
        MembershipFactory(organisation=world.org_a, role=Membership.Role.VIEWER, user=user)
    elif role == "superuser":
        user.is_superuser = user.is_staff = True
        user.save()
    else:
        CouncilMembershipFactory(council=world.council_a, role=role, user=user)
    return user


def test_the_matrix_covers_every_kind_of_page():
    names = {route.name for route in DATA_ROUTES}
    assert {"home", "account", "api-tokens:list", "org:detail", "council:home"} <= names
    assert len(DATA_ROUTES) > 50


@pytest.mark.parametrize(
    "role",
    ["provider_admin", "provider_editor", "provider_viewer", "micro_employer",
     *CouncilMembership.Role.values, "superuser"],
)
@override_settings(DEMO_MODE=False)
def test_every_role_sets_up_mfa_before_any_page_with_data(role, world, client):
    user = _user_without_mfa(role, world)
    client.force_login(user)
    values = {}
    for route in DATA_ROUTES:
        for kwarg in route.kwargs:
            if kwarg not in values:
                values[kwarg] = (SHARED.get(kwarg) or OWN.get(kwarg) or PERSONAL[kwarg])(world)
        url = route.url({k: values[k] for k in route.kwargs})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"].startswith(SETUP), (
                f"{role} without MFA: {method.upper()} {url} gave {response.status_code}"
            )
    add_totp(user)
    assert client.get("/").status_code == 200


def test_individual_employers_may_sign_in_without_an_app(client):
    """They get an emailed code at sign-in instead (tests/integration/test_signin.py), so no set-up redirect."""
    employer = OrganisationFactory(kind=Organisation.Kind.INDIVIDUAL_EMPLOYER)
    client.force_login(MembershipFactory(organisation=employer, role=Membership.Role.ADMIN, user=UserFactory()).user)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("demo_mode, redirected", [(True, False), (False, True)])
def test_demo_accounts_skip_mfa_only_in_demo_mode(demo_mode, redirected, client):
    user = MembershipFactory(role=Membership.Role.EDITOR, user=UserFactory(is_demo=True)).user
    client.force_login(user)
    with override_settings(DEMO_MODE=demo_mode):
        response = client.get("/")
    assert (response.status_code == 302) is redirected
    if demo_mode:
        assert b"Demo mode" in response.content and b"without two-factor authentication" in response.content


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}


def test_error_pages_use_the_service_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b"govuk-header" in response.content
