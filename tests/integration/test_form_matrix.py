"""Every page with a POST form is known to the round-trip table, so a new form cannot skip the browser round trip
(tests/browser/test_form_round_trip.py)."""

from __future__ import annotations

import re

import pytest

from tests.integration.form_matrix import NOT_EDITING, OTHER_WORLD, ROUND_TRIPS
from tests.integration.url_matrix import OWN, SHARED, tenant_routes

ROUTES = tenant_routes()
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"", re.IGNORECASE)
# The session-timeout warning (base.html) on every signed-in page: "Stay signed in" and "Sign out" edit nothing stored.
TIMEOUT_DIALOG = re.compile(r"<dialog\b.*?</dialog>", re.IGNORECASE | re.DOTALL)


def test_the_tables_name_only_real_pages():
    names = {route.name for route in ROUTES}
    assert set(ROUND_TRIPS) <= names and set(NOT_EDITING) <= names and OTHER_WORLD <= names
    assert not set(ROUND_TRIPS) & set(NOT_EDITING)


@pytest.mark.django_db
def test_every_page_with_a_form_is_in_the_round_trip_table(world, client):
    """Open every tenant page as its most able user: each one showing a POST form is either round-tripped in the
    browser or listed, with the reason, as a form that does not edit stored data."""
    unknown, unopened = [], []
    for route in ROUTES:
        user = world.users["provider_admin" if route.audience == "provider" else "council_admin"]
        client.force_login(user)
        url = route.url({k: (SHARED[k] if k in SHARED else OWN[k])(world) for k in route.kwargs})
        response = client.get(url)
        if response.status_code == 405:  # POST-only: the form that posts here is on another page
            continue
        if response.status_code != 200:
            if route.name not in OTHER_WORLD and route.name not in ROUND_TRIPS:
                unopened.append(f"{route.name} ({response.status_code})")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if POST_FORM.search(TIMEOUT_DIALOG.sub("", response.content.decode())) and route.name not in {*ROUND_TRIPS, *NOT_EDITING}:
            unknown.append(route.name)
    assert not unknown, (
        "These pages have a form that is in no table: add each to ROUND_TRIPS (it edits stored data) or to "
        "NOT_EDITING (with the reason) in tests/integration/form_matrix.py: " + ", ".join(unknown)
    )
    assert not unopened, "These pages did not open, so their forms went unchecked: " + ", ".join(unopened)
