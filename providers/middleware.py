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
