"""Writes and reads for personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from api.models import ApiToken
from config import clock
from providers.models import User

TOKEN_PREFIX = "cwr_"
MAX_ACTIVE_TOKENS = 20
LAST_USED_GRANULARITY = timedelta(minutes=5)
NAME_REQUIRED = "Enter a name for the token, for example 'HR system'"
NAME_TOO_LONG = "The name must be 80 characters or fewer"
TOO_MANY_TOKENS = f"You have {MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use before creating another."


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the token itself, which is never stored and shown once."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": NAME_REQUIRED})
    if len(name) > 80:
        raise ValidationError({"name": NAME_TOO_LONG})
    if api_token_list(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": TOO_MANY_TOKENS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:10], key_hash=token_hash(raw))
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own active tokens (404 for anybody else's). Revoking twice is harmless."""
    try:
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404("No such token") from None
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's active tokens, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at=None)


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The active token matching `raw`, of an active user, or None. Records when it was last used (coarsely)."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
