"""Role and token checks for the API. Which rows a caller can see is decided by `providers.access` /
`collection.access` (404 for anything outside the caller's organisations); these checks refuse (403) a viewer
or a read-only token that tries to write, and keep a token to its one organisation or council (404 elsewhere)."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken
from providers import access
from providers.models import Organisation, User

VIEWERS_CANNOT_WRITE = "Your role in this organisation is viewer: ask an admin to make you an editor to change data"
READ_ONLY_TOKEN = "This API token can only read: make a read and write token on your account page to change data"


def require_editor(*, user: User, organisation: Organisation) -> None:
    if not access.can_edit(user, organisation):
        raise PermissionDenied(VIEWERS_CANNOT_WRITE)


class TokenScope(BasePermission):
    """A token only writes with the read and write scope, and only reaches its own organisation or council."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        kwargs = getattr(view, "kwargs", {}) or {}
        if "org" in kwargs and (token.organisation is None or kwargs["org"] != token.organisation.slug):
            raise NotFound()
        if "council" in kwargs and (token.council is None or kwargs["council"] != token.council.slug):
            raise NotFound()
        if request.method not in SAFE_METHODS and not token.can_write:
            raise PermissionDenied(READ_ONLY_TOKEN)
        return True
