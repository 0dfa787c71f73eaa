"""Emailed sign-in codes for individual employers who have not set up an authenticator app.

A 6-digit code, valid for 10 minutes, for one sign-in; only a keyed hash (HMAC with the secret key) is stored;
5 wrong tries and it is dead (sign in again for a new one).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.crypto import constant_time_compare, salted_hmac

from config import clock
from providers.messaging import send_message
from providers.models import SignInCode, User

CODE_MINUTES = 10
MAX_TRIES = 5


def _hash(code_id: int, code: str) -> str:
    return salted_hmac("providers.signin.codes", f"{code_id}:{code.strip()}").hexdigest()


@transaction.atomic
def signin_code_send(*, user: User) -> SignInCode:
    """Make a new code for `user` (any earlier unused code stops working) and email it."""
    SignInCode.objects.filter(user=user, used_at=None).delete()
    code = f"{secrets.randbelow(10**6):06d}"
    row = SignInCode.objects.create(user=user, code_hash="", expires_at=clock.now() + timedelta(minutes=CODE_MINUTES))
    row.code_hash = _hash(row.pk, code)
    row.save(update_fields=["code_hash"])
    context = {"user": user, "code": code, "minutes": CODE_MINUTES, "service_name": settings.SERVICE_NAME}
    send_message(
        kind="signin_code",
        subject=f"[{settings.SERVICE_NAME}] Your sign-in code: {code}",
        body=render_to_string("account/email/signin_code.txt", context),
        to=[user.email],
        reference=f"signin-code-{row.pk}",
    )
    return row


@transaction.atomic
def signin_code_check(*, user: User, code: str) -> str:
    """"ok" (the code is used up), "wrong" (tries left), or "dead" (expired, used or out of tries: sign in again)."""
    row = SignInCode.objects.select_for_update().filter(user=user, used_at=None).order_by("-pk").first()
    if row is None or row.expires_at <= clock.now() or row.tries >= MAX_TRIES:
        return "dead"
    if constant_time_compare(row.code_hash, _hash(row.pk, code)):
        row.used_at = clock.now()
        row.save(update_fields=["used_at"])
        return "ok"
    row.tries += 1
    row.save(update_fields=["tries"])
    return "wrong" if row.tries < MAX_TRIES else "dead"
