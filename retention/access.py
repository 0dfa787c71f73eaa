"""Who may use the retention pages: a council's admins (everything else is a 404, through `providers.access`)."""

from __future__ import annotations

from django.http import Http404

from providers.access import access_council
from providers.models import Council, CouncilMembership, User
from retention.models import LegalHold

ROLES = [CouncilMembership.Role.COUNCIL_ADMIN]


def access_retention_council(user: User, slug: str) -> Council:
    return access_council(user, slug, roles=ROLES)


def access_open_hold(council: Council, pk: int) -> LegalHold:
    """A hold the council placed and has not lifted."""
    try:
        return LegalHold.objects.select_related("organisation").get(pk=pk, council=council, lifted_at__isnull=True)
    except (LegalHold.DoesNotExist, ValueError, TypeError):
        raise Http404("No such legal hold") from None
