"""Browser journeys: Playwright driving Debian's Chromium against a live Django server."""

from __future__ import annotations

import os
import shutil

import pytest

# Playwright's sync API keeps an event loop running in the test thread for the rest of the session, so Django's
# async-safety check is switched off for the test process (tests/security drops it again for its subprocesses).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true":
        skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium); CI always runs these")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def axe_check():
    """Run axe-core on the current page and fail with the list of WCAG 2.2 AA violations, if any."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        page.wait_for_load_state("load")  # style sheets applied: without them every radio is a small target
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
                   f"{', '.join(str(n['target']) for n in v['nodes'][:5])})" for v in violations]
        assert not violations, f"axe-core found violations on {page.url}:\n" + "\n".join(summary)

    return check


def totp_code(secret: str, *, step: int = 0) -> str:
    """The authenticator app's code for now (+ `step` periods), computed the way an app does."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def sign_in(page, base_url: str, user, password: str) -> None:
    """Sign in as a person does: password, then the code from their authenticator app when asked (every role with
    staff data has one). The user is given a fresh, known authenticator secret first so the code can be computed."""
    import re

    from allauth.mfa.models import Authenticator

    from tests.factories.providers import add_totp

    secret = None
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    if totp.exists():
        totp.delete()
        secret = add_totp(user)
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if secret:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.get_by_label("Security code").fill(totp_code(secret))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/(login|2fa)/).*$"))
