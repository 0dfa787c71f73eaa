"""Every form that edits stored data survives a round trip in Chromium, on the demo data.

For each page in tests/integration/form_matrix.py's ROUND_TRIPS (which tests/integration/test_form_matrix.py keeps
complete), as a demo user allowed to use it:
- open it and save it unchanged: no stored field changes and no audit row is written;
- open it again, change one field the way a person would, save: exactly that field changes and exactly one audit
  row says so (for the data that has a field-by-field audit trail);
- at 320 px wide the page does not scroll sideways.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from collection.models import ChangeRecord
from tests.integration.form_matrix import ROUND_TRIPS, RoundTrip, snapshot

pytestmark = pytest.mark.django_db(transaction=True)
DEMO_PASSWORD = "demo-password-2026"


@pytest.fixture
def demo(settings):
    """The demo data, and demo mode so the demo accounts may sign in without an authenticator app."""
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())


def _sign_in(browser, base: str, email: str, *, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    return page


def _save(page, button: str) -> None:
    """Press the save button like a person; if the page asks to confirm warnings, tick the box and save again."""
    for _attempt in range(2):
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name=button, exact=True).click()
        response = navigation.value
        assert response is not None and response.status < 400, f"saving gave {response and response.status}"
        problem = page.locator(".govuk-error-summary")
        assert not problem.count(), f"saving showed errors: {problem.inner_text()}"
        confirm = page.locator("#id_confirm_warnings")
        if not confirm.count() or page.url.split("?")[0] != page.url.split("?")[0]:
            return
        if confirm.is_visible():
            confirm.check()
            continue
        return
    raise AssertionError("the page kept asking to confirm warnings")


def _state(trip: RoundTrip) -> tuple[str, dict]:
    kwargs, rows = trip.locate()
    return reverse(trip.route, kwargs=kwargs), snapshot(rows)


def _diff(before: dict, after: dict, trip: RoundTrip) -> dict:
    """What moved between two snapshots, less the section's confirmation stamp (which a save must set)."""
    if trip.confirms:
        assert after.get(trip.confirms) is not None, f"saving did not confirm the section ({trip.confirms})"
    return {key: (before.get(key), after.get(key)) for key in before.keys() | after.keys()
            if before.get(key) != after.get(key) and key != trip.confirms}


def _last_audit() -> int:
    last = ChangeRecord.objects.order_by("-pk").first()
    return last.pk if last else 0


def _round_trip(page, base: str, trip: RoundTrip) -> list[str]:
    problems: list[str] = []
    if trip.setup:
        trip.setup()
    path, before = _state(trip)
    page.goto(base + path)
    path, before = _state(trip)  # opening a page may make its rows (a council's ladder); compare from here
    audit_mark = _last_audit()
    _save(page, trip.button)
    _, after = _state(trip)
    if changed := _diff(before, after, trip):
        problems.append(f"saving unchanged changed {changed}")
    if written := list(ChangeRecord.objects.filter(pk__gt=audit_mark).values_list("action", "field")):
        problems.append(f"saving unchanged wrote audit rows {written}")

    page.goto(base + path)
    audit_mark = _last_audit()
    expected = trip.change(page)
    _save(page, trip.button)
    _, changed_state = _state(trip)
    moved = _diff(after, changed_state, trip)
    unexpected = {k: v for k, v in moved.items() if k != expected and k not in trip.derived}
    if expected not in moved:
        problems.append(f"changing {expected} did not store it")
    if unexpected:
        problems.append(f"changing {expected} also changed {unexpected}")
    rows = list(ChangeRecord.objects.filter(pk__gt=audit_mark).values_list("field", "old_value", "new_value"))
    if trip.audit_field is None:
        if rows:
            problems.append(f"unexpected audit rows {rows}")
    elif expected in moved:
        old, new = moved[expected]
        wanted = [(trip.audit_field, "" if old is None else str(old), "" if new is None else str(new))]
        if rows != wanted:
            problems.append(f"audit rows {rows}, expected {wanted}")
    return problems


def test_every_editing_form_survives_a_round_trip(live_server, browser, demo):
    base = live_server.url
    pages: dict[str, object] = {}
    problems = []
    for name, trip in ROUND_TRIPS.items():
        if trip.user not in pages:
            pages[trip.user] = _sign_in(browser, base, trip.user)
        for problem in _round_trip(pages[trip.user], base, trip):
            problems.append(f"{name}: {problem}")
    assert not problems, "\n".join(problems)


def test_every_editing_form_fits_a_320px_screen(live_server, browser, demo):
    base = live_server.url
    pages: dict[str, object] = {}
    too_wide = []
    for name, trip in ROUND_TRIPS.items():
        if trip.setup:
            trip.setup()
        if trip.user not in pages:
            pages[trip.user] = _sign_in(browser, base, trip.user, width=320, height=640)
        page = pages[trip.user]
        path, _ = _state(trip)
        page.goto(base + path)
        page.wait_for_load_state("load")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert page.locator("form[method=post]").count(), f"{name}: no form at {path}"
        if widths[0] > widths[1]:
            too_wide.append(f"{name} ({path}): {widths[0]} px wide on a {widths[1]} px screen")
    assert not too_wide, "\n".join(too_wide)
