from django.shortcuts import redirect
from django.urls import reverse

from providers.mfa import has_mfa, mfa_required

# Pages a signed-in user may reach before setting up two-factor authentication.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/accessibility", "/privacy", "/invitations/", "/s/", "/api/")


class RequireMfaMiddleware:
    """Send council staff and organisation admins to set up an authenticator app before they see any data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and mfa_required(user)
            and not has_mfa(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)


SESSION_ENDED = {
    "idle": "You have been signed out because you did not do anything for 30 minutes. Sign in again to continue.",
    "too_long": "You have been signed out because you were signed in for 12 hours. Sign in again to continue.",
    "everywhere": "You have been signed out on every device. Sign in again to continue.",
}


class SessionTimeoutMiddleware:
    """Ends sessions that have timed out or were signed out everywhere (providers.sessions); marks the rest as
    seen, and tells the page how long the session has left (for the timeout warning)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith("/static/"):
            return self.get_response(request)  # (before the imports: every anonymous survey page passes here)
        from django.contrib import messages
        from django.contrib.auth import logout

        from config import clock
        from providers import sessions

        now = clock.now().timestamp()
        signed_in_at = request.session.get(sessions.SIGNED_IN_AT, 0.0)
        last_seen_at = request.session.get(sessions.LAST_SEEN_AT, now)
        short = sessions.has_short_sessions(user)
        ended = sessions.session_ended(signed_in_at=signed_in_at, last_seen_at=last_seen_at, now=now, short=short,
                                       signed_out_everywhere_at=user.signed_out_everywhere_at)
        if ended:
            logout(request)
            messages.info(request, SESSION_ENDED[ended])
            if request.path.startswith("/api/"):
                return self.get_response(request)  # now anonymous: the API answers 401
            return redirect(reverse("account_login") + "?next=" + request.path)
        request.session[sessions.LAST_SEEN_AT] = now
        if short:
            request.session_seconds_left = sessions.seconds_left(signed_in_at=signed_in_at, last_seen_at=now, now=now)
        return self.get_response(request)
