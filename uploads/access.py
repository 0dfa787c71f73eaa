"""Fetching uploads through the one access module: only editors and admins of the upload's organisation."""

from __future__ import annotations

from django.http import Http404

from collection.models import CollectionRound
from providers.access import access_organisation
from providers.models import Membership, Organisation, User
from uploads.models import Upload
from uploads.selectors import rounds_for


def access_upload_organisation(user: User, slug: str) -> Organisation:
    return access_organisation(user, slug, min_role=Membership.Role.EDITOR)


def access_upload(user: User, slug: str, upload_id: int) -> tuple[Organisation, Upload]:
    """The organisation and one of its uploads, or Http404 for anything the user may not edit."""
    organisation = access_upload_organisation(user, slug)
    try:
        upload = Upload.objects.select_related("round").get(pk=upload_id, organisation=organisation)
    except (Upload.DoesNotExist, ValueError, TypeError):
        raise Http404("No such upload") from None
    return organisation, upload


def access_round(organisation: Organisation, slug: str | None) -> CollectionRound | None:
    """A round the organisation takes part in, or Http404; with no slug, the latest (None when there is none)."""
    rounds = rounds_for(organisation)
    if not slug:
        return rounds.first()
    found = rounds.filter(slug=slug).first()
    if found is None:
        raise Http404("No such round")
    return found
