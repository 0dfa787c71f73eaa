"""Slowing down floods of survey submissions without storing who sent them.

The client address is never stored or logged. It is turned into an HMAC with a random secret that exists only in
this web process's memory and is replaced every day; the secret is never written to the cache, the database or a
log. The keyed hash is used only as a cache key, whose expiry is rounded up to the next full hour, so the cache does
not even say to the second when a counter started. With the cache and the database in hand, and without the
process's memory, nobody can tell which address a key came from: trying every IPv4 address needs the secret.

Each web process has its own secret, so one client's requests may be counted under a different key in each process:
a flood is still slowed (each process counts it), at worst by a few times the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading

from django.conf import settings
from django.core.cache import cache

from config import clock

# bucket -> (most requests allowed, per this many seconds). Overridable with the SURVEY_RATE_LIMITS setting.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "submit": (20, 60 * 60),  # whole surveys sent; a care home's staff may share one Wi-Fi address
    "answer": (600, 60 * 60),  # question pages posted
    "code": (20, 60 * 60),  # unknown links or single-use codes tried
}
EXPIRY_BUCKET_SECONDS = 60 * 60

_lock = threading.Lock()
_secret: dict[str, bytes] = {}  # {day: secret}: in memory only, one day at a time


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "SURVEY_RATE_LIMITS", {})}


def longest_window() -> int:
    """Seconds after which every survey limit has started afresh: the Retry-After of the survey 429 page."""
    return max(window for _, window in _limits().values())


def _daily_secret() -> bytes:
    day = clock.today().isoformat()
    with _lock:
        if day not in _secret:
            _secret.clear()  # yesterday's secret is gone for good
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
    if cache.add(key, 1, bucketed_timeout(window)):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, bucketed_timeout(window))
        count = 1
    return count > limit
