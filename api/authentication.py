"""How API callers prove who they are: a personal token (`Authorization: Bearer <token>`) or the web session."""

from __future__ import annotations

from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from api.tokens import api_token_authenticate
from providers.mfa import has_mfa, mfa_required

INVALID_HEADER = "Send the token as 'Authorization: Bearer <token>'"
INVALID_TOKEN = (
    "The token is not valid: it has been revoked or has expired, or its owner's roles, memberships or "
    "two-factor authentication have changed since it was made"
)


class BearerTokenAuthentication(BaseAuthentication):
    """A personal API token. It acts as its user within its one organisation or council (api.permissions), while
    its owner's roles, memberships and authenticators are unchanged since it was made (api.tokens)."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(INVALID_HEADER)
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(INVALID_TOKEN) from None
        token = api_token_authenticate(raw=raw)
        if token is None:
            raise AuthenticationFailed(INVALID_TOKEN)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class MfaSessionAuthentication(SessionAuthentication):
    """The web session (for the browsable API and the docs page), refused while a user who needs two-factor
    authentication has not set it up: the web pages would send them to set it up first."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if mfa_required(user) and not has_mfa(user):
            return None
        return result
