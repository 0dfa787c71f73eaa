"""The survey throttle counts in process memory: over the limit it refuses, the count starts afresh after the
hour its window ends on, the cache is never touched, and the counters stay bounded under a flood of addresses."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.cache import cache

from surveys import throttle


class Request:
    def __init__(self, address: str) -> None:
        self.META = {"REMOTE_ADDR": address}


def test_over_the_limit_is_refused_until_the_window_ends(settings, today, move_clock_to):
    settings.SURVEY_RATE_LIMITS = {"submit": (3, 3600)}
    move_clock_to(datetime.combine(today, time(10, 20)))
    sender, other = Request("198.51.100.5"), Request("198.51.100.6")
    assert [throttle.over_limit(sender, "submit") for _ in range(4)] == [False, False, False, True]
    assert not throttle.over_limit(other, "submit"), "each address has its own count"
    move_clock_to(datetime.combine(today, time(11, 19)))
    assert throttle.over_limit(sender, "submit"), "the window has not ended yet"
    move_clock_to(datetime.combine(today, time(11, 20)) + timedelta(hours=1))
    assert not throttle.over_limit(sender, "submit"), "a new window after the hour it ended on"
    assert not cache.get(throttle.client_key(sender, "submit"))


def test_a_flood_of_addresses_keeps_the_counters_bounded(monkeypatch):
    monkeypatch.setattr(throttle, "MAX_COUNTERS", 50)
    for n in range(400):
        throttle.over_limit(Request(f"10.1.{n // 250}.{n % 250}"), "answer")
    assert len(throttle._counts) <= 50
