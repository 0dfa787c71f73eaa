"""Survey pages that are the same for every respondent, rendered once and kept in this process's memory.

The blank one-page form and the confirmation are the same bytes for every respondent of a campaign except for three
values that must be new in every response:

- the CSRF token (the masked form of the respondent's own CSRF cookie: `django.middleware.csrf.get_token`);
- the submission nonce of the one-page form (the double-submit guard's token);
- the CSP nonce of base.html's one-line inline script. CSP's header must name the same nonce as the page, and a
  nonce is only worth anything if it is new for each response, so a kept page never carries one: the render leaves
  a marker in its place, and each response gets the fresh nonce of its own request (`request.csp_nonce`, which is
  also what makes django-csp put that nonce in this response's header).

So a page is rendered once with a marker in each of those places (the markers are random for each process, so no
text a council writes can contain one), split at the markers, and each response is the pieces joined with that
response's own values: no template render, and nothing of one respondent can reach another (the kept pieces are
rendered from the questionnaire only, and a request's own values are never kept). The campaign's code and audience
(workplace or channel name) are slots too, filled in escaped, so one kept page serves every campaign of a
questionnaire.

Only a request without a session or messages cookie is served from a kept page: someone signed in (council staff
trying a link) or with a message waiting gets the page rendered as before, with their own header and messages,
and what is rendered for them is never kept. Kept pages are keyed by everything they are rendered from (the caller
passes the questionnaire's fingerprint) and are dropped when a setting changes.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.html import escape

SLOTS = ("csrf", "nonce", "csp", "code", "audience")
_MARK = f"cwr-slot-{secrets.token_hex(12)}-"
MARKERS = {slot: f"{_MARK}{slot}" for slot in SLOTS}
_SPLIT = re.compile(f"{_MARK}({'|'.join(SLOTS)})")
KEPT_MAX = 64  # pages (up to about 80 kB each): one per questionnaire, not per campaign; past it, start again

_lock = threading.Lock()
_kept: dict[tuple, tuple[str, ...]] = {}  # key -> pieces: text, slot name, text, slot name, ..., text


class _MarkedRequest:
    """What base.html reads from `request` while a page is being kept: the CSP nonce, as a marker."""

    csp_nonce = MARKERS["csp"]


class _NoNonceRequest:
    """The same for a request without a CSP nonce (the CSP middleware is not installed): base.html's
    `{% if request.csp_nonce is not None %}` leaves the inline snippet out, as a live render would."""

    csp_nonce = None


def servable(request) -> bool:
    """True when this request may get a kept page: it carries nothing of its own that the page would show."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and CookieStorage.cookie_name not in request.COOKIES


class MarkedCampaign:
    """What the kept templates read from `campaign` while a page is being kept: its code and audience, as markers,
    so one kept page serves every campaign of a questionnaire (a national round has tens of thousands)."""

    code = MARKERS["code"]
    audience_name = MARKERS["audience"]


def kept_page(
    request, key: tuple, template: str, context: Callable[[], dict], *, campaign, nonce: str = ""
) -> HttpResponse:
    """The page `template` renders from `context()` (which holds no respondent's data and reads the campaign only
    as `MarkedCampaign`), kept under `key`, filled in with `campaign`'s code and audience and this request's CSRF
    token, form `nonce` and CSP nonce. `context` is called only when the page is rendered."""
    with_csp = getattr(request, "csp_nonce", None) is not None
    key = (*key, with_csp)
    pieces = _kept.get(key)
    if pieces is None:
        marked = {**context(), "csrf_token": MARKERS["csrf"], "nonce": MARKERS["nonce"], "messages": (),
                  "request": _MarkedRequest if with_csp else _NoNonceRequest}  # fmt: skip
        pieces = tuple(_SPLIT.split(render_to_string(template, marked, request=request)))
        with _lock:
            if len(_kept) >= KEPT_MAX:
                _kept.clear()
            _kept[key] = pieces
    values = {"nonce": nonce, "code": escape(campaign.code), "audience": escape(campaign.audience_name)}
    if "csrf" in pieces[1::2]:
        values["csrf"] = get_token(request)
    if "csp" in pieces[1::2]:
        values["csp"] = str(request.csp_nonce)
    filled = [piece if n % 2 == 0 else values[piece] for n, piece in enumerate(pieces)]
    response = HttpResponse("".join(filled))
    patch_vary_headers(response, ("Cookie",))  # as a live render's (its messages read the session)
    return response


def forget_all(**_kwargs) -> None:
    with _lock:
        _kept.clear()


setting_changed.connect(forget_all, dispatch_uid="surveys-kept-pages")
