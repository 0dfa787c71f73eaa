from django.conf import settings
from django.urls import reverse

from providers.models import CouncilMembership, Membership, Organisation

R = CouncilMembership.Role

# (url name, label, council roles that see it) for council staff; the first council they work for is used.
COUNCIL_LINKS = [
    ("council:home", None, set(R.values)),
    ("collection-council:returns", "Returns", set(R.values)),
    ("compliance-council:desk", "Compliance", {R.CONTRACT_OFFICER, R.COUNCIL_ADMIN}),
    ("surveys-council:overview", "Staff surveys", set(R.values)),
    ("exports-council:index", "Workbooks", {R.ANALYST, R.COUNCIL_ADMIN}),
]
EDITOR_ROLES = {Membership.Role.ADMIN, Membership.Role.EDITOR}


def service(request) -> dict:
    """Service name, demo flag and the header navigation for the user's role. A care worker answering a survey
    (`/s/...`) gets no navigation at all: the header is just the service name, with nothing to sign in to."""
    survey = is_survey_page(request)
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "survey_page": survey,
        "navigation": [] if survey else _navigation(request),
        "session_timeout": _session_timeout(request),
    }


def is_survey_page(request) -> bool:
    """The anonymous survey pages: the public short links the surveys app mounts at /s/."""
    match = getattr(request, "resolver_match", None)
    return bool(match and (match.url_name or "").startswith("survey-") and not match.namespace)


def _session_timeout(request) -> dict | None:
    """For the timeout warning: seconds the session has left and when to warn (only for short sessions)."""
    from providers import sessions

    left = getattr(request, "session_seconds_left", None)
    if left is None:
        return None
    return {"seconds_left": left, "warn_seconds": sessions.WARN_SECONDS, "idle_seconds": sessions.IDLE_SECONDS}


def _navigation(request) -> list[dict]:
    """The header links for the signed-in user's role, in at most two queries."""
    user = getattr(request, "user", None)
    login = reverse("account_login")
    if user is None or not user.is_authenticated:
        return [{"href": login, "text": "Sign in", "current": request.path == login}]
    items = [{"href": reverse("home"), "text": "Home"}]
    council_roles = list(CouncilMembership.objects.filter(user=user).select_related("council").order_by("council__name"))
    if council_roles:
        items += _council_items(council_roles)
    else:
        items += _provider_items(user)
    items.append({"href": reverse("account"), "text": "Your account"})
    items.append({"href": reverse("account_logout"), "text": "Sign out"})
    for item in items:
        item["current"] = request.path == item["href"]
    return items


def _council_items(memberships: list[CouncilMembership]) -> list[dict]:
    council = memberships[0].council
    roles = {m.role for m in memberships if m.council_id == council.pk}
    return [
        {"href": reverse(name, kwargs={"council": council.slug}), "text": label or council.name}
        for name, label, allowed in COUNCIL_LINKS
        if roles & allowed
    ]


def _provider_items(user) -> list[dict]:
    membership = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name").first()
    )
    if membership is None:
        return []
    organisation = membership.organisation
    slug = {"org": organisation.slug}
    if organisation.kind == Organisation.Kind.INDIVIDUAL_EMPLOYER:
        items = [{"href": reverse("collection:pa-returns", kwargs=slug), "text": "Your return"}]
    else:
        items = [{"href": reverse("collection:returns", kwargs=slug), "text": "Returns"}]
        if membership.role in EDITOR_ROLES:
            items.append({"href": reverse("uploads:index", kwargs=slug), "text": "Bulk upload"})
        items.append({"href": reverse("surveys:campaigns", kwargs=slug), "text": "Staff surveys"})
    items.append({"href": reverse("compliance:status", kwargs=slug), "text": "Contract requirements"})
    return items
