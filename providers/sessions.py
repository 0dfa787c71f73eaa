"""How long a signed-in session lasts, and signing out everywhere.

Council staff, provider admins and superusers are signed out after 30 minutes without a request and 12 hours
after signing in, whatever they do; every page warns them 2 minutes before (static/js/timeout-warning.js, the
GOV.UK timeout-warning pattern; without JavaScript a meta refresh takes the page to "you have been signed out").
Everybody else keeps the session cookie's age (SESSION_COOKIE_AGE).

"Sign out everywhere" ends every session of the user (each session carries the moment it signed in, compared
with `User.signed_out_everywhere_at`) and revokes all their API tokens.
"""

from __future__ import annotations

from datetime import datetime

from providers.models import CouncilMembership, Membership, User

IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 60 * 60
WARN_SECONDS = 2 * 60
SIGNED_IN_AT = "cwr_signed_in_at"
LAST_SEEN_AT = "cwr_last_seen_at"


def note_sign_in(sender, request, user, **kwargs) -> None:
    """user_logged_in: the session remembers when it signed in (a session without it counts as signed in long ago)."""
    from config import clock

    if request is not None and hasattr(request, "session"):
        now = clock.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


def has_short_sessions(user: User) -> bool:
    return bool(
        user.is_superuser
        or CouncilMembership.objects.filter(user=user).exists()
        or Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    )


def session_ended(*, signed_in_at: float, last_seen_at: float, now: float, short: bool,
                  signed_out_everywhere_at: datetime | None) -> str | None:
    """Why the session has ended ("idle", "too_long", "everywhere"), or None while it lasts. Pure."""
    if signed_out_everywhere_at is not None and signed_in_at <= signed_out_everywhere_at.timestamp():
        return "everywhere"
    if short and now - signed_in_at > ABSOLUTE_SECONDS:
        return "too_long"
    if short and now - last_seen_at > IDLE_SECONDS:
        return "idle"
    return None


def seconds_left(*, signed_in_at: float, last_seen_at: float, now: float) -> int:
    """Seconds until a short session ends if nothing more happens."""
    return int(min(last_seen_at + IDLE_SECONDS, signed_in_at + ABSOLUTE_SECONDS) - now)
