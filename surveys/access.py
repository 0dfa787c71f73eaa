"""Who may see which survey campaign, built on `providers.access`. Anything out of reach raises Http404."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from providers import access
from providers.models import Council, CouncilMembership, Membership, Organisation, User
from surveys.models import Campaign
from surveys.throttle import bucketed_timeout

ALL_COUNCIL_ROLES = tuple(CouncilMembership.Role.values)
RESULTS_ROLES = (CouncilMembership.Role.ANALYST, CouncilMembership.Role.COUNCIL_ADMIN)
ADMIN_ROLES = (CouncilMembership.Role.COUNCIL_ADMIN,)


def organisation_campaigns(organisation: Organisation) -> QuerySet[Campaign]:
    """The workplace campaigns of one organisation's workplaces."""
    return Campaign.objects.filter(workplace__organisation=organisation).select_related("workplace", "round")


def access_campaign(
    user: User, org: str, campaign_id: int, *, min_role: str = Membership.Role.VIEWER
) -> tuple[Organisation, Campaign]:
    """An organisation the user belongs to and one of its workplaces' campaigns, or Http404."""
    organisation = access.access_organisation(user, org, min_role=min_role)
    try:
        return organisation, organisation_campaigns(organisation).get(pk=campaign_id)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404("No such survey") from None


def council_channel_campaigns(council: Council) -> QuerySet[Campaign]:
    return Campaign.objects.filter(council=council, workplace__isnull=True).select_related("council", "round")


def access_channel_campaign(
    user: User, council_slug: str, campaign_id: int, *, roles=ALL_COUNCIL_ROLES
) -> tuple[Council, Campaign]:
    """A council the user works for in one of `roles` and one of its channel campaigns, or Http404."""
    council = access.access_council(user, council_slug, roles=roles)
    try:
        return council, council_channel_campaigns(council).get(pk=campaign_id)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404("No such survey") from None


LINK_CACHE_SECONDS = 60


def link_cache_key(code: str) -> str:
    return f"surveys:link:{code.lower()}"


def campaign_for_link(code: str) -> Campaign:
    """The open campaign behind a public short link, or Http404 (closed, unknown and mistyped look the same).

    Every survey page asks for it, so an open campaign is kept in the cache for at least a minute, to the end of
    the clock's hour (a stored expiry then says only the hour a link was opened, as the throttle's do:
    `bucketed_timeout`); saving or deleting a campaign drops it at once (`surveys.signals`), so closing a link
    takes effect straight away. Unknown codes are never cached.
    """
    found = cache.get(link_cache_key(code))
    if found is None:
        found = Campaign.objects.select_related("workplace", "council", "round").filter(
            code=code.lower(), is_open=True).first()
        if found is None:
            raise Http404("No such survey")
        cache.set(link_cache_key(code), found, bucketed_timeout(LINK_CACHE_SECONDS))
    return found
