"""Today's date for the compliance pages and the daily task (one place, so tests can move it)."""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
