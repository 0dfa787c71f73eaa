"""Slowing down floods of survey submissions without storing who sent them.

The client address is never stored or logged. It is turned into an HMAC with a random secret that exists only in
this web process's memory and is replaced every day. The counters live in the same memory, keyed by that HMAC, each
ending on a whole hour of the clock: nothing about a respondent's address, not even a keyed hash of it, is written to
the cache, the database or a log, and counting costs no round trip to either (a survey answered on a phone is the
service's busiest request). The counters are bounded (MAX_COUNTERS; expired ones are dropped first).

Each web process has its own secret and its own counters, so one client's requests may be counted apart in each
process: a flood is still slowed (each process counts it), at worst by a few times the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading

from django.conf import settings

from config import clock

# bucket -> (most requests allowed, per this many seconds). Overridable with the SURVEY_RATE_LIMITS setting.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "submit": (20, 60 * 60),  # whole surveys sent; a care home's staff may share one Wi-Fi address
    "answer": (600, 60 * 60),  # question pages posted
    "code": (20, 60 * 60),  # unknown links or single-use codes tried
}
EXPIRY_BUCKET_SECONDS = 60 * 60
MAX_COUNTERS = 100_000  # about 20 MB at most; beyond it, expired counters go first, then all of them

_lock = threading.Lock()
_secret: dict[str, bytes] = {}  # {day: secret}: in memory only, one day at a time
_counts: dict[str, tuple[int, float]] = {}  # {key: (requests, end of the window as a timestamp)}: memory only


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "SURVEY_RATE_LIMITS", {})}


def longest_window() -> int:
    """Seconds after which every survey limit has started afresh: the Retry-After of the survey 429 page."""
    return max(window for _, window in _limits().values())


def _daily_secret() -> bytes:
    day = clock.today().isoformat()
    with _lock:
        if day not in _secret:
            _secret.clear()  # yesterday's secret is gone for good, and the counters keyed with it
            _counts.clear()
            _secret[day] = secrets.token_bytes(32)
        return _secret[day]


def bucketed_timeout(seconds: int, *, bucket: int = EXPIRY_BUCKET_SECONDS) -> int:
    """A cache timeout of at least `seconds` that ends on a whole `bucket` (hour) of the clock, so a stored expiry
    says only in which hour something was counted."""
    now = clock.now().timestamp()
    return math.ceil((now + seconds) / bucket) * bucket - math.floor(now)


def client_key(request, bucket: str) -> str:
    """The cache key for this client and bucket: an HMAC of the address with today's in-memory secret."""
    address = (request.META.get("REMOTE_ADDR") or "").encode()
    digest = hmac.new(_daily_secret(), address, hashlib.sha256).hexdigest()[:32]
    return f"surveys:throttle:{bucket}:{digest}"


def over_limit(request, bucket: str) -> bool:
    """Count one request in `bucket` for this client; True when it goes over the bucket's limit."""
    limit, window = _limits()[bucket]
    key = client_key(request, bucket)
    now = clock.now().timestamp()
    with _lock:
        count, ends = _counts.get(key, (0, 0.0))
        if ends <= now:
            if len(_counts) >= MAX_COUNTERS:
                _prune(now)
            count, ends = 0, now + bucketed_timeout(window)
        count += 1
        _counts[key] = (count, ends)
    return count > limit


def _prune(now: float) -> None:
    """Drop expired counters; if a flood of addresses still fills the table, start every count afresh."""
    for key in [key for key, (_, ends) in _counts.items() if ends <= now]:
        del _counts[key]
    if len(_counts) >= MAX_COUNTERS:
        _counts.clear()


def counters_reset() -> None:
    """Forget every count (each test starts afresh, as it does with an empty cache)."""
    with _lock:
        _counts.clear()
