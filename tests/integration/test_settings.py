"""The settings refuse to start in production mode without the variables that must not take a default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import REQUIRED_IN_PRODUCTION, check_production_environment

ROOT = Path(__file__).resolve().parents[2]
FULL = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:////tmp/x.sqlite3"}


@pytest.mark.parametrize("missing", REQUIRED_IN_PRODUCTION)
def test_production_mode_needs_each_required_variable(missing):
    environ = {k: v for k, v in FULL.items() if k != missing}
    with pytest.raises(ImproperlyConfigured, match=missing):
        check_production_environment(environ, debug=False)


def test_debug_mode_needs_nothing():
    check_production_environment({}, debug=True)


def test_production_mode_with_everything_set_starts():
    check_production_environment(FULL, debug=False)


def _start(environ: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (*FULL, "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(environ, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_the_real_process_refuses_to_start():
    result = _start({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "DATABASE_URL" in result.stderr


def test_the_real_process_starts_when_configured():
    result = _start({"DEBUG": "0", **FULL})
    assert result.returncode == 0, result.stderr
