"""Access for API writes, built on `collection.access` / `providers.access`: objects outside the caller's
organisations are 404; a viewer who can see the return but tries to change it gets 403."""

from __future__ import annotations

from api.permissions import require_editor
from collection.access import access_workplace_round
from collection.models import WorkforceReturn
from collection.services import return_get_or_create
from providers.models import User


def access_editable_return(user: User, *, org: str, workplace: int, round_slug: str) -> WorkforceReturn:
    """The workplace's return for the round (created, not started, on the first write), for an editor or admin."""
    organisation, place, round_ = access_workplace_round(user, org=org, workplace=workplace, round_slug=round_slug)
    require_editor(user=user, organisation=organisation)
    return return_get_or_create(workplace=place, round_=round_)
