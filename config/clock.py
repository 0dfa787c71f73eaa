"""The service's one clock: every "now" and "today" in the code comes from here.

In production these are Django's aware now and the local (Europe/London) date. Under the test settings
(`CLOCK_MUST_BE_FROZEN = True`) the clock refuses to answer unless a test has frozen time (the root conftest freezes
every test at the suite's "today", which `--today` / `CWR_TODAY` can move), so no test can quietly depend on the
machine's date. A task worker started by a test gets the frozen instant through `CWR_FROZEN_AT` and travels there
itself (see `config/apps.py`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

_frozen = False


class RealDateInTest(RuntimeError):
    """Raised when code asks the clock for the date inside the test suite without a frozen time."""


def set_frozen(value: bool) -> None:
    """Called by the test harness only: says whether time is currently frozen for the running test."""
    global _frozen
    _frozen = value


def _check() -> None:
    if getattr(settings, "CLOCK_MUST_BE_FROZEN", False) and not _frozen:
        raise RealDateInTest(
            "The clock was read outside a frozen time. Tests must not depend on the machine's date: "
            "use the `today` fixture or @pytest.mark.today('YYYY-MM-DD')."
        )


def now() -> datetime:
    """The current moment, timezone-aware."""
    _check()
    return timezone.now()


def today() -> date:
    """Today's date in the service's time zone (Europe/London)."""
    _check()
    return timezone.localdate()
