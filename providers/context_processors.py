from django.conf import settings
from django.urls import reverse

from providers import access


def service(request) -> dict:
    """Service name, demo flag and the header navigation for the user's role."""
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "navigation": _navigation(request),
    }


def _navigation(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return [{"href": reverse("account_login"), "text": "Sign in", "current": request.path == reverse("account_login")}]
    items = [{"href": reverse("home"), "text": "Home"}]
    for council in access.councils_for(user):
        items.append({"href": reverse("council:home", kwargs={"council": council.slug}), "text": council.name})
    items.append({"href": reverse("account"), "text": "Your account"})
    items.append({"href": reverse("account_logout"), "text": "Sign out"})
    for item in items:
        item["current"] = item["href"] == request.path
    return items
