"""Who may request and download analyst workbooks: a council's analysts and council admins, for their council only.

Built on `providers.access`; everything outside the user's reach raises Http404.
"""

from __future__ import annotations

from django.http import Http404

from collection.models import CollectionRound
from collection.selectors import rounds_for_council
from exports.models import ExportFile
from providers.access import access_council
from providers.models import Council, CouncilMembership, User

EXPORT_ROLES = (CouncilMembership.Role.ANALYST, CouncilMembership.Role.COUNCIL_ADMIN)


def access_export_council(user: User, slug: str) -> Council:
    """The council, when the user is one of its analysts or council admins."""
    return access_council(user, slug, roles=EXPORT_ROLES)


def rounds_for(council: Council):
    """Collection rounds the council takes part in: its own and the shared ones."""
    return rounds_for_council(council)


def access_round(council: Council, slug: str) -> CollectionRound:
    try:
        return rounds_for(council).get(slug=slug)
    except CollectionRound.DoesNotExist:
        raise Http404("No such round") from None


def access_export(user: User, council_slug: str, export_id: int) -> ExportFile:
    """An export of the user's council (any analyst or council admin of the council may see the council's files)."""
    council = access_export_council(user, council_slug)
    try:
        return ExportFile.objects.select_related("council", "round", "requested_by").get(pk=export_id, council=council)
    except (ExportFile.DoesNotExist, ValueError, TypeError):
        raise Http404("No such export") from None
