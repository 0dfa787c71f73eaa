"""A respondent's answers while they go through the one-question-per-page survey: kept on their own device only.

No Django session is used for `/s/` pages, and nothing about an unfinished survey is stored on the server. The
answers so far, a random submission token (`nonce`) and whether a single-use code was spent at the start
(`ticket`, never the code itself) travel in a cookie encrypted and signed with Fernet (AES-128-CBC + HMAC-SHA256,
`cryptography`), with a key derived from SECRET_KEY. The cookie is scoped to the survey's own path, lasts
`RESUME_DAYS` and is deleted when the answers are sent. Only the respondent's browser holds it; the server cannot
list, read or link unfinished surveys.
"""

from __future__ import annotations

import base64
import json
import secrets
import zlib

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from surveys.models import Campaign

COOKIE_PREFIX = "cwr-survey-"
RESUME_DAYS = 14
RESUME_SECONDS = RESUME_DAYS * 24 * 60 * 60
CHUNK_CHARS = 3800  # browsers keep about 4,096 bytes per cookie: long free text is split over several
MAX_CHUNKS = 6


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cwr surveys answering cookie").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _name(campaign: Campaign, chunk: int) -> str:
    return f"{COOKIE_PREFIX}{campaign.code}-{chunk}"


def _path(campaign: Campaign) -> str:
    return reverse("survey-start", kwargs={"code": campaign.code})


def state(request, campaign: Campaign) -> dict | None:
    """The respondent's progress on this campaign from their cookie, or None (not started, finished, expired,
    tampered with, or for another campaign)."""
    parts = []
    for chunk in range(MAX_CHUNKS):
        part = request.COOKIES.get(_name(campaign, chunk))
        if part is None:
            break
        parts.append(part)
    if not parts:
        return None
    try:
        found = json.loads(zlib.decompress(_fernet().decrypt("".join(parts).encode(), ttl=RESUME_SECONDS)))
    except (InvalidToken, ValueError, zlib.error):
        return None
    if not isinstance(found, dict) or found.get("c") != campaign.code or not isinstance(found.get("answers"), dict):
        return None
    return found


def start(campaign: Campaign, *, ticket: bool, nonce: str = "") -> dict:
    """Begin (or begin again): no answers. A restart keeps the nonce, so a copy of the old cookie cannot be sent
    as a second response."""
    return {"c": campaign.code, "answers": {}, "nonce": nonce or secrets.token_urlsafe(16), "ticket": ticket,
            "help": False}  # fmt: skip


def keep(request, response: HttpResponse, campaign: Campaign, current: dict) -> HttpResponse:
    """Put the progress on the respondent's device (the response's cookies)."""
    token = _fernet().encrypt(zlib.compress(json.dumps(current, separators=(",", ":")).encode())).decode()
    chunks = [token[i : i + CHUNK_CHARS] for i in range(0, len(token), CHUNK_CHARS)]
    if len(chunks) > MAX_CHUNKS:  # pragma: no cover - answers are capped far below this
        raise ValueError("Answers too long to keep on the device")
    for chunk in range(MAX_CHUNKS):
        if chunk < len(chunks):
            response.set_cookie(
                _name(campaign, chunk), chunks[chunk], max_age=RESUME_SECONDS, path=_path(campaign),
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )  # fmt: skip
        elif _name(campaign, chunk) in request.COOKIES:
            response.delete_cookie(_name(campaign, chunk), path=_path(campaign), samesite="Lax")
    return response


def forget(request, response: HttpResponse, campaign: Campaign) -> HttpResponse:
    """Delete the progress from the device (after sending)."""
    for chunk in range(MAX_CHUNKS):
        if _name(campaign, chunk) in request.COOKIES:
            response.delete_cookie(_name(campaign, chunk), path=_path(campaign), samesite="Lax")
    return response
