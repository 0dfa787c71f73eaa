"""Failed sign-ins per account, kept in the cache (Redis in production, shared by every web process), keyed by a
hash of the email address that was typed, whether or not such an account exists."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from config import clock
from providers.messaging import DeliveryError, send_message
from providers.models import User
from providers.signin import rules

logger = logging.getLogger(__name__)


def _key(email: str) -> str:
    return "signin:episode:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()


def episode_for(email: str) -> rules.Episode:
    stored = cache.get(_key(email))
    return rules.Episode(**stored) if stored else rules.Episode()


def _save(email: str, episode: rules.Episode) -> None:
    cache.set(_key(email), asdict(episode), rules.EPISODE_SECONDS)


def wait_remaining(email: str) -> int:
    return rules.wait_remaining(episode_for(email), clock.now().timestamp())


def record_failure(email: str) -> rules.Episode:
    """Count a failed sign-in (wrong password or wrong security code) for the account typed as `email`; the account
    holder is told by email once per episode, when it becomes guarded."""
    episode = rules.after_failure(episode_for(email), clock.now().timestamp())
    if rules.should_notify(episode):
        _notify(email)
        episode = rules.Episode(episode.failures, episode.last_failure_at, notified=True)
    _save(email, episode)
    return episode


def _notify(email: str) -> None:
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        return
    context = {"user": user, "service_name": settings.SERVICE_NAME, "site_url": settings.SITE_URL,
               "free_failures": rules.FREE_FAILURES}
    try:
        send_message(
            kind="signin_warning",
            subject=f"[{settings.SERVICE_NAME}] Someone tried to sign in to your account",
            body=render_to_string("account/email/signin_attempts.txt", context),
            to=[user.email],
        )
    except (OSError, DeliveryError):  # the mail server is down: the throttling still works, the warning is logged
        logger.exception("Could not send the failed sign-in warning to user %s", user.pk)
