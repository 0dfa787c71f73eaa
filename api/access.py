"""Access for API writes, built on `collection.access` / `providers.access`: objects outside the caller's
organisations are 404; a viewer who can see the return but tries to change it gets 403."""

from __future__ import annotations

from django.http import Http404

from api.permissions import require_editor
from collection.access import access_workplace_round
from collection.models import WorkforceReturn
from collection.services import return_get_or_create
from providers import access
from providers.models import Organisation, User
from uploads.models import Upload


def access_editable_return(user: User, *, org: str, workplace: int, round_slug: str) -> WorkforceReturn:
    """The workplace's return for the round (created, not started, on the first write), for an editor or admin."""
    organisation, place, round_ = access_workplace_round(user, org=org, workplace=workplace, round_slug=round_slug)
    require_editor(user=user, organisation=organisation)
    return return_get_or_create(workplace=place, round_=round_)


def access_api_upload(user: User, *, org: str, upload: int, write: bool = False) -> tuple[Organisation, Upload]:
    """One of the organisation's bulk uploads (404 for anything outside the caller's organisations); with `write`,
    only for an editor or admin (403 for a viewer, as on every API write)."""
    organisation = access.access_organisation(user, org)
    found = Upload.objects.select_related("round", "organisation").filter(organisation=organisation, pk=upload).first()
    if found is None:
        raise Http404("No such upload")
    if write:
        require_editor(user=user, organisation=organisation)
    return organisation, found
