from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from providers import selectors


@login_required
def home(request):
    return render(request, "providers/home.html", selectors.home_for(request.user))


@login_required
def account(request):
    return render(request, "providers/account.html", {})


@require_POST
@login_required
def still_here(request):
    """The timeout warning's "Stay signed in": the request itself counts as activity (SessionTimeoutMiddleware)."""
    return HttpResponse(status=204)


def signed_out(request):
    """Where the timeout warning (or, without JavaScript, a meta refresh) lands when the session runs out: it ends
    the session here, so a page left open never keeps it alive."""
    from django.contrib.auth import logout

    logout(request)
    return render(request, "pages/signed_out.html")


@require_POST
@login_required
def sign_out_everywhere(request):
    """End every session of this user, on every device (this one too), and revoke all their API tokens."""
    from django.contrib import messages
    from django.contrib.auth import logout

    from api.tokens import api_tokens_revoke_all
    from config import clock

    user = request.user
    user.signed_out_everywhere_at = clock.now()
    user.save(update_fields=["signed_out_everywhere_at"])
    revoked = api_tokens_revoke_all(user=user)
    logout(request)
    messages.success(request, f"You have been signed out on every device. {revoked} API token{'s' if revoked != 1 else ''} revoked.")
    return redirect("account_login")


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
