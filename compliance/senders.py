"""How chase messages leave the service: Django's email backend (SMTP in production), or GOV.UK Notify.

`COMPLIANCE_SENDER` (a dotted path; default `compliance.senders.DjangoEmailSender`) picks the class. A sender is
a context manager (so one SMTP connection serves a whole batch) whose `send()` hands one message over or raises
`DeliveryError`. `reference` (the chase record's, e.g. "chase-42") becomes the email's Message-ID, or Notify's
`reference`, so a delivery can be traced from the evidence trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string

from config import clock


class DeliveryError(Exception):
    """A message could not be handed over; the delivery layer records it and retries with back-off."""


class DjangoEmailSender:
    def __enter__(self) -> DjangoEmailSender:
        self.connection = get_connection(fail_silently=False)
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        try:
            self.connection.close()
        except Exception:  # noqa: BLE001, S110 (a broken connection is being thrown away anyway)
            pass

    def send(self, *, subject: str, body: str, to: list[str], cc: list[str], reference: str) -> None:
        message_id = f"<{reference}.{secrets.token_hex(6)}@care-workforce-returns>"
        email = EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, cc=cc,
            headers={"Message-ID": message_id}, connection=self.connection,
        )  # fmt: skip
        try:
            email.send()
        except Exception as error:  # SMTP refusals, timeouts, connection resets
            self._close()
            raise DeliveryError(f"{type(error).__name__}: {error}") from error


def _notify_token(api_key: str) -> str:
    """A GOV.UK Notify bearer token: an HS256 JWT signed with the key's secret (key = name-service_id-secret)."""
    service_id, secret = api_key[-73:-37], api_key[-36:]

    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()

    signing_input = f"{part({'typ': 'JWT', 'alg': 'HS256'})}.{part({'iss': service_id, 'iat': int(clock.now().timestamp())})}"
    signature = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


class NotifySender:
    """GOV.UK Notify's email API (one request per recipient). Needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID (a
    template whose subject is ((subject)) and whose body is ((body))). Not reachable from tests."""

    def __enter__(self) -> NotifySender:
        self.api_key = settings.NOTIFY_API_KEY
        self.template_id = settings.NOTIFY_TEMPLATE_ID
        self.base_url = getattr(settings, "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
        return self

    def __exit__(self, *exc) -> None:
        return None

    def send(self, *, subject: str, body: str, to: list[str], cc: list[str], reference: str) -> None:
        for address in [*to, *cc]:
            payload = {
                "email_address": address,
                "template_id": self.template_id,
                "personalisation": {"subject": subject, "body": body},
                "reference": reference,
            }
            request = urllib.request.Request(  # noqa: S310 (a fixed https URL from settings)
                f"{self.base_url}/v2/notifications/email",
                data=json.dumps(payload).encode(),
                headers={"Authorization": f"Bearer {_notify_token(self.api_key)}", "Content-Type": "application/json"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    json.load(response)
            except Exception as error:
                raise DeliveryError(f"Notify: {error}") from error


def get_sender():
    return import_string(getattr(settings, "COMPLIANCE_SENDER", "compliance.senders.DjangoEmailSender"))()
