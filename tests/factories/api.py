"""API tokens for tests: read and write, for the user's first organisation (or council) unless told otherwise."""

from __future__ import annotations

from api.models import ApiToken
from api.tokens import api_token_create, token_bodies
from providers.models import Council


def token_for(user, name: str = "Test system", *, scope: str = ApiToken.Scope.READ_WRITE, body=None, days: int = 90):
    """(token row, raw token) for `user`, made as the account page makes it."""
    body = body or token_bodies(user)[0]
    council = body if isinstance(body, Council) else None
    return api_token_create(user=user, name=name, scope=scope, days=days,
                            organisation=None if council else body, council=council)
