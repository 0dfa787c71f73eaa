"""Role checks for API writes. Which rows a caller can see is decided by `providers.access` / `collection.access`
(404 for anything outside the caller's organisations); these checks only refuse (403) a viewer who tries to write
to an organisation they can see."""

from __future__ import annotations

from rest_framework.exceptions import PermissionDenied

from providers import access
from providers.models import Organisation, User

VIEWERS_CANNOT_WRITE = "Your role in this organisation is viewer: ask an admin to make you an editor to change data"


def require_editor(*, user: User, organisation: Organisation) -> None:
    if not access.can_edit(user, organisation):
        raise PermissionDenied(VIEWERS_CANNOT_WRITE)
