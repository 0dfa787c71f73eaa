"""Production settings from the outside: `check --deploy` is clean, and responses carry the security headers and
cookie flags the production settings ask for.

The production values are read from a subprocess that loads config.settings with DEBUG=0 (as a deployment
does); the header tests then apply exactly those values to the test settings and look at real responses.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from csp.constants import NONCE
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEYS = [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY",
]


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECURE_SSL_REDIRECT",
                                                           "SECURE_HSTS_SECONDS", "PYTEST_CURRENT_TEST",
                                                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "care-workforce-returns.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """The security settings config.settings gives with DEBUG=0 and the required variables set."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {PRODUCTION_KEYS!r}}}, default=repr))"
    )
    result = _run([sys.executable, "-c", script], production_env(tmp_path_factory.mktemp("prod")))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    # django-csp's nonce marker is an object, written out by its repr: put the object back
    for directive in values.get("CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {}).values():
        directive[:] = [NONCE if item == repr(NONCE) else item for item in directive]
    return values


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _run([sys.executable, "manage.py", "check"], env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_settings_values(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["SESSION_COOKIE_HTTPONLY"]
    assert production["CSRF_COOKIE_SECURE"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000 and production["SECURE_SSL_REDIRECT"]
    assert production["X_FRAME_OPTIONS"] == "DENY"


@pytest.fixture
def production_settings(settings, production):
    """The test settings with the production security values (TLS redirect off: the test client speaks HTTP,
    and each request below is marked secure)."""
    for key, value in production.items():
        if key != "DEBUG":
            setattr(settings, key, value)
    settings.SECURE_SSL_REDIRECT = False
    return settings


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accessibility/", "/api/v1/organisations/", "/s/nope/"])
def test_every_response_carries_the_security_headers(url, production_settings, db):
    response = Client().get(url, secure=True)
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # this site's files, plus (on HTML pages) the nonce of base.html's one-line js-enabled snippet
    assert re.search(r"script-src 'self'( 'nonce-[A-Za-z0-9+/]+=*')?(;|$)", csp) and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    if response.content and response["Content-Type"].startswith("text/html"):  # each page has its own nonce, carried by its one snippet
        assert nonce, csp
        assert f'<script nonce="{nonce.group(1)}">' in response.content.decode()
        assert nonce.group(1) not in Client().get(url, secure=True)["Content-Security-Policy"]
    elif not response["Content-Type"].startswith("text/html"):
        assert nonce is None, csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_plain_http_is_redirected_to_https_in_production(settings, production, db):
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    response = Client().get("/accessibility/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_secure_and_http_only(production_settings, world):
    client = Client()
    page = client.get("/accounts/login/", secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    user = world.users["provider_editor"]
    user.set_password("a long enough password 1")
    user.save()
    signed_in = client.post("/accounts/login/", {"login": user.email, "password": "a long enough password 1"},
                            secure=True)
    assert signed_in.status_code == 302, signed_in.content.decode()[:500]
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accessibility/", "/privacy/"])
def test_pages_have_no_inline_script_or_style(url, db):
    """The CSP forbids inline code, so pages must not need any (it would silently break in browsers); the one
    exception is base.html's js-enabled snippet, which carries the response's nonce."""
    html = Client().get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>", html), "inline <script>"
    assert not html or len(re.findall(r"<script nonce=", html)) == 1, "base.html's snippet, once"
    assert not re.search(r"\sstyle=\"", html), "inline style attribute"
    assert not re.search(r"\son[a-z]+=\"", html), "inline event handler"
