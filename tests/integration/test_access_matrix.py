"""Outside-in access tests over every page, generated from the URL configuration.

A user of organisation A gets 404 (never 403, so existence is not leaked) for every page of organisation B; an
analyst or any council user cannot open provider pages; a provider cannot open council pages; council staff
cannot open another council's pages.
"""

from __future__ import annotations

import pytest

from tests.integration.url_matrix import OTHER, OWN, SHARED, tenant_routes

ROUTES = tenant_routes()
PROVIDER_ROLES = ["provider_admin", "provider_editor", "provider_viewer"]
COUNCIL_ROLES = ["contract_officer", "analyst", "council_admin"]
REFUSED = {404, 405}


def _values(route, world, *, other: set[str]) -> dict:
    values = {}
    for kwarg in route.kwargs:
        if kwarg in SHARED:
            values[kwarg] = SHARED[kwarg](world)
            continue
        assert kwarg in OWN and kwarg in OTHER, (
            f"{route.name} takes <{kwarg}>: add it to OWN and OTHER in tests/integration/url_matrix.py"
        )
        values[kwarg] = (OTHER if kwarg in other else OWN)[kwarg](world)
    return values


def _tenant_kwargs(route) -> list[str]:
    return [k for k in route.kwargs if k not in SHARED]


def test_the_matrix_covers_pages():
    names = {route.name for route in ROUTES}
    assert {"org:detail", "org:workplace", "council:home", "council:people"} <= names


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_own_objects_are_reachable(route, world, client):
    """The control for the tests below: with the user's own objects the page is found (so 404s mean refusal)."""
    user = world.users["provider_admin" if route.audience == "provider" else "council_admin"]
    client.force_login(user)
    url = route.url(_values(route, world, other=set()))
    assert client.get(url).status_code in (200, 302, 405), url


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_page_shows_another_tenants_objects(route, method, world, client):
    """Swap each object in the URL, one at a time, for one belonging to somebody else: always 404."""
    user = world.users["provider_admin" if route.audience == "provider" else "council_admin"]
    client.force_login(user)
    for swapped in _tenant_kwargs(route):
        url = route.url(_values(route, world, other={swapped}))
        response = getattr(client, method)(url)
        assert response.status_code in REFUSED, f"{method.upper()} {url} gave {response.status_code}"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.audience == "council"], ids=lambda r: r.name)
@pytest.mark.parametrize("role", PROVIDER_ROLES)
def test_providers_cannot_open_council_pages(route, role, world, client):
    client.force_login(world.users[role])
    url = route.url(_values(route, world, other=set()))
    for method in ("get", "post"):
        assert getattr(client, method)(url).status_code in REFUSED, f"{role} reached {url}"


@pytest.mark.parametrize("route", [r for r in ROUTES if r.audience == "provider"], ids=lambda r: r.name)
@pytest.mark.parametrize("role", COUNCIL_ROLES)
def test_council_staff_cannot_open_provider_pages(route, role, world, client):
    client.force_login(world.users[role])
    url = route.url(_values(route, world, other=set()))
    for method in ("get", "post"):
        assert getattr(client, method)(url).status_code in REFUSED, f"{role} reached {url}"


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_signed_out_visitors_are_sent_to_sign_in(route, world, client):
    url = route.url(_values(route, world, other=set()))
    response = client.get(url)
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
