"""Authorisation matrix for the API, generated from the OpenAPI schema: every operation x every role x the
objects of another organisation or council.

- No token: 401, for every operation.
- Any role, with one object in the path swapped for somebody else's: 404 (never 2xx). The one 403 allowed is a
  viewer's write refused before the object is looked up, and it must be identical to the answer for an object
  that does not exist (no existence oracle).
- Any role, on any operation that answers 2xx: nothing of side B (its slugs or names) is in the answer.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import VALID_RECORD
from tests.factories.api import token_for
from tests.security.api_operations import api_operations, values

OPERATIONS = api_operations()
ROLES = ["provider_admin", "provider_editor", "provider_viewer", "contract_officer", "analyst", "council_admin"]
BODY = {**VALID_RECORD, "records": [VALID_RECORD]}


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        _, raw = token_for(user, "Security sweep")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def _call(client, operation, url):
    if operation.method == "get":
        return client.get(url)
    return getattr(client, operation.method)(url, BODY, format="json")


def _made_up(kwarg: str):
    return 2_000_000_000 if kwarg in {"workplace", "record", "campaign", "export"} else "no-such-thing"


def _markers(world) -> list[str]:
    """Strings that only side B's data contains."""
    return [world.org_b.slug, world.org_b.name, world.council_b.slug, world.council_b.name, world.workplace_b.name,
            "round-b"]


def _assert_no_leak(response, world, where: str) -> None:
    if 200 <= response.status_code < 300:
        body = response.content.decode(errors="replace")
        leaked = [marker for marker in _markers(world) if marker in body]
        assert not leaked, f"{where} gave {response.status_code} with side B's data: {leaked}"


def test_the_matrix_covers_the_api():
    ids = {op.operation_id for op in OPERATIONS}
    assert len(OPERATIONS) >= 20
    assert {"organisations_list", "councils_exports_download_retrieve",
            "organisations_workplaces_returns_staff_records_update_create"} <= ids


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.operation_id)
def test_no_token_is_401(operation, world):
    client = _client()
    for other in (set(), set(operation.params)):
        url = operation.url(values(operation, world, other=other))
        response = _call(client, operation, url)
        assert response.status_code == 401, f"{operation.method.upper()} {url} gave {response.status_code}"
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.operation_id)
def test_no_role_reaches_another_tenants_objects(operation, world):
    """Swap each path object, one at a time, for side B's: 404 for every role. With only its own objects, no role
    sees anything of side B."""
    for role in ROLES:
        client = _client(world.users[role])
        for swapped in operation.params:
            url = operation.url(values(operation, world, other={swapped}))
            response = _call(client, operation, url)
            where = f"{role}: {operation.method.upper()} {url} ({swapped} of side B)"
            if response.status_code == 403:
                # A viewer is refused a write on their own return before the object is looked up: allowed only if
                # the answer is exactly the one for an object that does not exist (so it tells nothing about B).
                made_up = operation.url({**values(operation, world, other=set()), swapped: _made_up(swapped)})
                unknown = _call(client, operation, made_up)
                assert (unknown.status_code, unknown.json()) == (403, response.json()), where
                continue
            assert response.status_code == 404, f"{where} gave {response.status_code}"
        if operation.method == "get":
            url = operation.url(values(operation, world, other=set()))
            _assert_no_leak(_call(client, operation, url), world, f"{role}: GET {url}")


@pytest.mark.parametrize("operation", [op for op in OPERATIONS if op.method == "get"], ids=lambda op: op.operation_id)
def test_own_objects_are_reachable(operation, world):
    """The control for the 404s above: with its own objects, the role that owns them gets a 2xx."""
    role = "council_admin" if operation.audience == "council" else "provider_admin"
    url = operation.url(values(operation, world, other=set()))
    response = _call(_client(world.users[role]), operation, url)
    assert 200 <= response.status_code < 300, f"{role}: GET {url} gave {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_only_the_callers_own_organisations_and_councils(role, world):
    client = _client(world.users[role])
    for url in ("/api/v1/organisations/", "/api/v1/councils/"):
        response = client.get(url)
        assert response.status_code == 200
        _assert_no_leak(response, world, f"{role}: GET {url}")
