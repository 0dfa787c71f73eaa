"""Who may see which survey campaign, built on `providers.access`. Anything out of reach raises Http404."""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from config import clock
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


# The confirmation page after a send: campaigns whose answers this process has just taken, so the page that follows
# (the redirect to `/s/<code>/done/`) needs no cache round trip. Nothing here says when a response came: the set has
# no times and is emptied when the clock's hour changes (as the throttle's counters end on the hour), or when full.
SENT_MAX = 4096
_sent: dict[str, Campaign] = {}
_sent_hour: list[int] = [-1]
_sent_lock = threading.Lock()


def _hour() -> int:
    return int(clock.now().timestamp() // 3600)


def campaign_sent_to(campaign: Campaign) -> None:
    """This process has just taken a response for `campaign` (its link was open): its confirmation page may be
    served without looking the link up again, this hour."""
    hour = _hour()
    with _sent_lock:
        if _sent_hour[0] != hour or len(_sent) >= SENT_MAX:
            _sent.clear()
            _sent_hour[0] = hour
        _sent[campaign.code] = campaign


def campaign_for_confirmation(code: str) -> Campaign:
    """The campaign behind a confirmation page: one this process has just taken answers for, or else
    `campaign_for_link` (Http404 for closed and unknown links). A link closed meanwhile keeps its confirmation page
    in the processes that took its last answers until the hour ends (in the process that closes it, at once)."""
    found = _sent.get(code) if _sent_hour[0] == _hour() else None
    return found if found is not None else campaign_for_link(code)


def forget_sent(code: str) -> None:
    with _sent_lock:
        _sent.pop(code, None)


def sent_reset() -> None:
    """Forget every campaign just answered (each test starts afresh)."""
    with _sent_lock:
        _sent.clear()
