"""Writes and reads for personal API tokens.

A token belongs to one organisation or council of its owner, has a scope (read, or read and write) and an expiry
(at most a year, 90 days unless chosen). It stops working when revoked, when it expires, when its owner is
deactivated, and when the owner's roles, memberships or authenticators change: the token keeps a fingerprint of
them from when it was made, compared on every use.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.http import Http404

from api.models import ApiToken
from config import clock
from providers.mfa import demo_skip, has_mfa, mfa_state
from providers.models import Council, CouncilMembership, Membership, Organisation, User

TOKEN_PREFIX = "cwr_"
MAX_ACTIVE_TOKENS = 20
DEFAULT_DAYS = 90
MAX_DAYS = 365
DAY_CHOICES = (30, 90, 180, 365)
NAME_REQUIRED = "Enter a name for the token, for example 'HR system'"
NAME_TOO_LONG = "The name must be 80 characters or fewer"
TOO_MANY_TOKENS = f"You have {MAX_ACTIVE_TOKENS} tokens. Revoke one you no longer use before creating another."
BODY_REQUIRED = "Choose the organisation or council the token is for"
NOT_YOURS = "You can only make a token for an organisation or council you belong to"
DAYS_WRONG = f"A token can last from 1 to {MAX_DAYS} days"
MFA_NEEDED = "Set up two-factor authentication before you create an API token"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def access_fingerprint(user: User) -> str:
    """What a token depends on: the owner's active flag, superuser flag, every role in every organisation and
    council, and their authenticators. Any change gives a different fingerprint."""
    roles = Membership.objects.filter(user=user).order_by().annotate(kind=Value("org")).values_list("kind", "organisation_id", "role")
    roles = roles.union(
        CouncilMembership.objects.filter(user=user).order_by().annotate(kind=Value("council")).values_list("kind", "council_id", "role")
    )
    state = f"{user.pk}|{user.is_active}|{user.is_superuser}|{sorted(roles)}|{mfa_state(user)}"
    return hashlib.sha256(state.encode()).hexdigest()


def may_create_tokens(user: User) -> bool:
    """Only people whose authenticator app is set up (demo accounts in demo mode excepted)."""
    return has_mfa(user) or demo_skip(user)


def token_bodies(user: User) -> list[Organisation | Council]:
    """The organisations and councils a token of `user` may belong to."""
    organisations = list(Organisation.objects.filter(memberships__user=user).distinct().order_by("name"))
    councils = list(Council.objects.filter(memberships__user=user).distinct().order_by("name"))
    return [*organisations, *councils]


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    organisation: Organisation | None = None,
    council: Council | None = None,
    scope: str = ApiToken.Scope.READ,
    days: int = DEFAULT_DAYS,
    without_mfa: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the token itself, which is never stored and shown once.
    `without_mfa` is only for `manage.py create_api_token --i-understand-no-mfa`."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": NAME_REQUIRED})
    if len(name) > 80:
        raise ValidationError({"name": NAME_TOO_LONG})
    if not (without_mfa or may_create_tokens(user)):
        raise ValidationError({"name": MFA_NEEDED})
    if (organisation is None) == (council is None):
        raise ValidationError({"body": BODY_REQUIRED})
    if (organisation or council) not in token_bodies(user):
        raise ValidationError({"body": NOT_YOURS})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": "Choose read only, or read and write"})
    if not 1 <= int(days) <= MAX_DAYS:
        raise ValidationError({"days": DAYS_WRONG})
    if api_token_list(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": TOO_MANY_TOKENS})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:10],
        key_hash=token_hash(raw),
        scope=scope,
        organisation=organisation,
        council=council,
        expires_at=clock.now() + timedelta(days=int(days)),
        access_fingerprint=access_fingerprint(user),
    )
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


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every active token of the user (sign out everywhere); returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=clock.now())


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's unrevoked tokens, newest first (expired ones are listed, marked, until revoked)."""
    return ApiToken.objects.filter(user=user, revoked_at=None).select_related("organisation", "council")


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The token matching `raw` if it still works, or None; each use is counted and its time kept."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user", "organisation", "council")
        .filter(key_hash=token_hash(raw), revoked_at=None, user__is_active=True, expires_at__gt=now)
        .first()
    )
    if token is None or token.access_fingerprint != access_fingerprint(token.user):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, use_count=F("use_count") + 1)
    token.last_used_at = now
    return token
