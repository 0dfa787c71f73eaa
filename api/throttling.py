"""Rate limits: each API token has its own budget; session callers are limited per user. Counted in the cache
(Redis in production, so every web process shares the counts)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        # Read the settings on every request (DRF reads them once at import), so tests and deployments can change them.
        return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope)


class TokenRateThrottle(_LiveRateThrottle):
    """Requests made with one API token."""

    scope = "api_token"

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SessionRateThrottle(_LiveRateThrottle):
    """Requests made from a signed-in browser session."""

    scope = "api_session"

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken) or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
