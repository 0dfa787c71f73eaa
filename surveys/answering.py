"""A respondent's answers while they go through a survey: kept in their session only, on their own device.

Nothing here is written to a table keyed to a person. The session holds, per campaign code, the answers so far,
a random submission token (so a double submit stores one response) and the single-use code they entered.
"""

from __future__ import annotations

import secrets

from django.core import signing

from surveys.models import Campaign

SESSION_PREFIX = "survey:"
RESUME_DAYS = 14
SENT_SALT = "surveys.sent"
SENT_SECONDS = 60 * 60


def _key(campaign: Campaign) -> str:
    return SESSION_PREFIX + campaign.code


def state(request, campaign: Campaign) -> dict | None:
    """The respondent's progress on this campaign, or None if they have not started (or have finished)."""
    return request.session.get(_key(campaign))


def start(request, campaign: Campaign, *, single_use_code: str = "") -> dict:
    """Begin (or begin again): no answers, a fresh submission token."""
    current = {"answers": {}, "nonce": secrets.token_urlsafe(16), "code": single_use_code, "help": False}
    request.session[_key(campaign)] = current
    request.session.pop(_key(campaign) + ":done", None)
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        request.session.set_expiry(RESUME_DAYS * 24 * 60 * 60)  # so they can stop and come back on this device
    return current


def save(request, campaign: Campaign, current: dict) -> None:
    request.session[_key(campaign)] = current
    request.session.modified = True


def finish(request, campaign: Campaign, *, showed_help: bool) -> None:
    """Forget the answers; remember only that this device has finished (for the confirmation page)."""
    request.session.pop(_key(campaign), None)
    request.session[_key(campaign) + ":done"] = {"help": showed_help}


def finished(request, campaign: Campaign) -> dict | None:
    return request.session.get(_key(campaign) + ":done")


def sent_token(campaign: Campaign, *, showed_help: bool) -> str:
    """What the one-page survey puts in the link to its confirmation page (it keeps no session): signed, so it
    cannot be made up, and holding only the link code and whether the help contacts were shown."""
    return signing.dumps({"c": campaign.code, "h": showed_help}, salt=SENT_SALT, compress=True)


def sent_from_token(token: str, code: str) -> dict | None:
    """The confirmation a one-page survey left in its link, or None (missing, made up, over an hour old, or for
    another link)."""
    if not token:
        return None
    try:
        found = signing.loads(token, salt=SENT_SALT, max_age=SENT_SECONDS)
    except signing.BadSignature:
        return None
    return {"help": bool(found.get("h"))} if found.get("c") == code else None
