"""CSRF from the outside: every page of the site, walked from the URL configuration, refuses a POST that has no
CSRF token, for a user signed in with the right role (and signed out for the public survey pages). The API
refuses a session-authenticated write without a token; a Bearer-token write needs none (no cookies involved).
"""

from __future__ import annotations

import pytest
from django.http import HttpResponseForbidden
from django.test import Client
from django.urls import reverse

from tests.factories.api import token_for
from tests.factories.surveys import CampaignFactory
from tests.integration import url_matrix
from tests.integration.url_matrix import OWN, SHARED, Route

MARKER = "CSRF-REFUSED-BY-MIDDLEWARE"
# Library pages (Django admin) and the API (it has its own CSRF rule, tested below) are left out here.
SKIPPED = ("static/", "django-admin/", "api/")


def csrf_failure(request, reason=""):
    return HttpResponseForbidden(MARKER)


def _routes() -> list[Route]:
    previous = url_matrix.SKIPPED_PREFIXES
    url_matrix.SKIPPED_PREFIXES = SKIPPED
    try:
        return url_matrix.all_routes()
    finally:
        url_matrix.SKIPPED_PREFIXES = previous


ROUTES = _routes()


def _campaign(world):
    return CampaignFactory(workplace=world.workplace_a)


EXTRA = {
    "code": lambda w: _campaign(w).code,
    "question": lambda w: _first_question(_campaign(w)),
    "token": lambda w: "not-a-real-token",
    "key": lambda w: "not-a-real-key",
    "uidb36": lambda w: "1",
}


def _first_question(campaign) -> str:
    from surveys.questionnaires import get_questionnaire

    questionnaire = get_questionnaire(campaign.kind, campaign.questionnaire_version)
    return questionnaire.questions[0].key


def _url(route: Route, world) -> str:
    values = {}
    for kwarg in route.kwargs:
        source = SHARED.get(kwarg) or EXTRA.get(kwarg) or OWN.get(kwarg)
        assert source, f"{route.name} takes <{kwarg}>: add a value to EXTRA in {__name__}"
        values[kwarg] = source(world)
    if "^" in route.route:  # a regular-expression pattern (allauth): let Django build it
        return reverse(route.name.split(":")[-1], kwargs=values)
    if route.name == "api-tokens:revoke":
        values["token"] = 1
        return route.url(values)
    return route.url(values)


def _user(route: Route, world):
    if route.audience == "provider":
        return world.users["provider_admin"]
    if route.audience == "council":
        return world.users["council_admin"]
    if route.route.startswith(("s/", "invitations/", "accounts/login", "accounts/password/reset",
                               "accounts/signup", "accounts/confirm-email", "accounts/^")):
        return None  # pages for signed-out visitors
    return world.users["provider_editor"]


@pytest.fixture
def csrf_settings(settings):
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_failure"
    return settings


def test_the_walk_covers_forms_of_every_kind():
    routes = {route.route for route in ROUTES}
    assert {"s/<str:code>/", "s/<str:code>/q/<slug:question>/", "s/<str:code>/check/", "accounts/login/",
            "account/api-tokens/"} <= routes
    assert sum(route.audience == "provider" for route in ROUTES) > 20
    assert sum(route.audience == "council" for route in ROUTES) > 20


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.route)
def test_a_post_without_a_csrf_token_is_refused(route, world, csrf_settings):
    client = Client(enforce_csrf_checks=True)
    user = _user(route, world)
    if user is not None:
        client.force_login(user)
    url = _url(route, world)
    refused = client.post(url, {"anything": "1"})
    assert refused.status_code == 403 and refused.content.decode() == MARKER, (
        f"POST {url} without a CSRF token gave {refused.status_code}"
    )
    # The control: the same POST with the token is not refused by the CSRF check.
    token = _set_csrf_cookie(client)
    accepted = client.post(url, {"anything": "1", "csrfmiddlewaretoken": token})
    assert accepted.content != MARKER.encode(), f"POST {url} with the token was refused as CSRF"


def _set_csrf_cookie(client) -> str:
    """Give the client a CSRF cookie, as a browser has after any page with a form; returns the matching token."""
    from django.utils.crypto import get_random_string

    secret = get_random_string(32)
    client.cookies["csrftoken"] = secret
    return secret


def _return_url(world) -> str:
    round_slug = OWN["round"](world)
    return f"/api/v1/organisations/{world.org_a.slug}/workplaces/{world.workplace_a.pk}/returns/{round_slug}/"


def test_a_session_api_write_needs_a_csrf_token(world):
    from tests.api.conftest import VALID_RECORD

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["provider_editor"])
    url = _return_url(world) + "staff-records/create/"
    refused = client.post(url, VALID_RECORD, content_type="application/json")
    assert refused.status_code == 403, refused.content.decode()
    assert "CSRF" in refused.content.decode()
    token = _set_csrf_cookie(client)
    allowed = client.post(url, VALID_RECORD, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code != 403 and "CSRF" not in allowed.content.decode(), allowed.content.decode()


def test_a_bearer_token_api_write_needs_no_csrf_token(world):
    from tests.api.conftest import VALID_RECORD

    _, raw = token_for(world.users["provider_editor"], "Security sweep")
    client = Client(enforce_csrf_checks=True)
    response = client.post(_return_url(world) + "staff-records/create/", VALID_RECORD,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code != 403 and "CSRF" not in response.content.decode(), response.content.decode()
