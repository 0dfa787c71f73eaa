"""Slowing down floods of survey submissions without storing who sent them.

The client address is never stored or logged. It is turned into an HMAC with a random secret that exists only in
the cache and changes every day, and that keyed hash is used only as a cache key with a short expiry. Once the
day's secret has expired, nobody (not even us) can tell which address a key came from.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache

from config import clock

# bucket -> (most requests allowed, per this many seconds). Overridable with the SURVEY_RATE_LIMITS setting.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "submit": (20, 60 * 60),  # whole surveys sent; a care home's staff may share one Wi-Fi address
    "answer": (600, 60 * 60),  # question pages posted
    "code": (20, 60 * 60),  # unknown links or single-use codes tried
}
SECRET_SECONDS = 26 * 60 * 60


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "SURVEY_RATE_LIMITS", {})}


def longest_window() -> int:
    """Seconds after which every survey limit has started afresh: the Retry-After of the survey 429 page."""
    return max(window for _, window in _limits().values())


def _daily_secret() -> bytes:
    day = clock.today().isoformat()
    key = f"surveys:throttle-secret:{day}"
    cache.add(key, secrets.token_hex(32), SECRET_SECONDS)
    value = cache.get(key) or secrets.token_hex(32)
    return value.encode()


def client_key(request, bucket: str) -> str:
    """The cache key for this client and bucket: an HMAC of the address with today's secret, never the address."""
    address = (request.META.get("REMOTE_ADDR") or "").encode()
    digest = hmac.new(_daily_secret(), address, hashlib.sha256).hexdigest()[:32]
    return f"surveys:throttle:{bucket}:{digest}"


def over_limit(request, bucket: str) -> bool:
    """Count one request in `bucket` for this client; True when it goes over the bucket's limit."""
    limit, window = _limits()[bucket]
    key = client_key(request, bucket)
    if cache.add(key, 1, window):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count > limit
