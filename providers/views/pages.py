from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from providers import selectors


@login_required
def home(request):
    return render(request, "providers/home.html", selectors.home_for(request.user))


@login_required
def account(request):
    return render(request, "providers/account.html", {})


def accessibility(request):
    return render(request, "pages/accessibility.html")


def privacy(request):
    return render(request, "pages/privacy.html")


@never_cache
@require_GET
def healthz(request):
    """200 when the database and the task queue answer, 503 otherwise."""
    checks = {"database": _database_ok(), "queue": _queue_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **{k: "ok" if v else "failing" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _queue_ok() -> bool:
    try:
        from django_q.brokers import get_broker

        return bool(get_broker().ping())
    except Exception:
        return False


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, *, retry_after: int, template: str = "429.html", context: dict | None = None):
    """Every 429 the web pages give: a GOV.UK page saying when to try again, and the same in Retry-After."""
    seconds = max(1, int(retry_after))
    response = render(request, template, {"retry_after": seconds, **(context or {})}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def error_429(request, exception=None):
    """allauth's rate limits (sign-in per address, password reset, …). They count per minute (ACCOUNT_RATE_LIMITS)."""
    return too_many_requests(request, retry_after=ALLAUTH_RETRY_AFTER)


ALLAUTH_RETRY_AFTER = 60


def error_500(request):
    """Rendered without the request: no context processor runs, so this page still works when the database is down."""
    return HttpResponseServerError(loader.get_template("500.html").render())
