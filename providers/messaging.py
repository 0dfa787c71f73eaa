"""How every message leaves the service: one sender interface, chosen by settings.

`MESSAGE_SENDER` (a dotted path) picks the class: `DjangoEmailSender` (Django's email backend: SMTP in production,
files or the console in development; the default) or `NotifySender` (GOV.UK Notify through its official client,
`notifications-python-client`; the default when `NOTIFY_API_KEY` is set). Every message has a kind (`KINDS`); with
Notify each kind has its own template (`NOTIFY_TEMPLATES`), personalised with `subject` and `body`.

A sender is a context manager (one SMTP connection or one HTTP session per batch) whose `send()` hands one message
over and returns the Notify notification ids (none for email), or raises `DeliveryError`. Notify's rate limit (429)
and its server errors (5xx) are retried with back-off (`NOTIFY_RETRY_DELAYS`), and before any retry the sender asks
Notify for a notification with the message's `reference`, so a message Notify accepted but did not confirm is never
sent a second time.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# kind -> what it is (the README lists each kind's template and personalisation)
KINDS = {
    "invitation": "An invitation to join an organisation or a council",
    "receipt": "The receipt for a submitted workforce return",
    "review_outcome": "A return accepted, or returned for correction",
    "chase": "A chase ladder step: invitation, reminders, overdue and second notices, letters, default notice",
    "pa_notice": "A chase message to an individual employer (Personal Assistants' employer): reminders only",
    "signin_code": "The emailed sign-in code (individual employers)",
    "signin_warning": "Someone tried to sign in to your account",
    "account": "Account emails from sign-in: verify an address, reset a password",
    "inactive_account": "An account not used for two years will be closed",
}
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class DeliveryError(Exception):
    """A message could not be handed over; callers record it (chase messages are retried with back-off)."""


def new_reference(kind: str) -> str:
    return f"{kind}-{secrets.token_hex(8)}"


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

    def send(self, *, kind: str, subject: str, body: str, to: Sequence[str], cc: Sequence[str] = (),
             reference: str = "", retry: bool = False) -> list[str]:  # fmt: skip
        reference = reference or new_reference(kind)
        message_id = f"<{reference}.{secrets.token_hex(6)}@care-workforce-returns>"
        email = EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to), cc=list(cc),
            headers={"Message-ID": message_id}, connection=self.connection,
        )  # fmt: skip
        try:
            email.send()
        except Exception as error:  # SMTP refusals, timeouts, connection resets
            self._close()
            raise DeliveryError(f"{type(error).__name__}: {error}") from error
        return []


class NotifySender:
    """GOV.UK Notify's email API through `notifications_python_client`: one notification per recipient."""

    def __enter__(self) -> NotifySender:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        self.client.request_session.close()

    def send(self, *, kind: str, subject: str, body: str, to: Sequence[str], cc: Sequence[str] = (),
             reference: str = "", retry: bool = False) -> list[str]:  # fmt: skip
        template_id = settings.NOTIFY_TEMPLATES.get(kind) or settings.NOTIFY_TEMPLATES.get("default")
        if not template_id:
            raise DeliveryError(f"Notify: no template for messages of kind '{kind}' (set NOTIFY_TEMPLATE_{kind.upper()})")
        reference = reference or new_reference(kind)
        ids = []
        for n, address in enumerate([*to, *cc]):
            ids.append(self._send_one(address=address, template_id=template_id, reference=f"{reference}.{n}",
                                      personalisation={"subject": subject, "body": body}, check_first=retry))  # fmt: skip
        return ids

    def _already_sent(self, *, reference: str, address: str) -> str | None:
        """The id of a notification Notify already holds for this reference and address (None if there is none)."""
        from notifications_python_client.errors import APIError

        try:
            found = self.client.get_all_notifications(reference=reference).get("notifications", [])
        except APIError as error:
            raise DeliveryError(f"Notify: could not check reference {reference}: {error}") from error
        return next((n["id"] for n in found if n.get("email_address", "").lower() == address.lower()), None)

    def _send_one(self, *, address: str, template_id: str, reference: str, personalisation: dict,
                  check_first: bool) -> str:  # fmt: skip
        from notifications_python_client.errors import APIError

        delays = list(settings.NOTIFY_RETRY_DELAYS)
        attempt = 0
        while True:
            if check_first or attempt:
                existing = self._already_sent(reference=reference, address=address)
                if existing:
                    return existing
            try:
                answer = self.client.send_email_notification(
                    email_address=address, template_id=template_id, personalisation=personalisation,
                    reference=reference,
                )  # fmt: skip
                return answer["id"]
            except APIError as error:
                status = getattr(error, "status_code", None)
                if status not in RETRY_STATUSES or attempt >= len(delays):
                    raise DeliveryError(f"Notify: {error}") from error
                logger.warning("Notify answered %s for %s; retrying in %ss", status, reference, delays[attempt])
                time.sleep(delays[attempt])
                attempt += 1

    def statuses(self, notification_ids: Sequence[str]) -> dict[str, str]:
        """Notify's delivery status of each notification (delivered, permanent-failure, ...)."""
        from notifications_python_client.errors import APIError

        found = {}
        for notification_id in notification_ids:
            try:
                found[notification_id] = self.client.get_notification_by_id(notification_id)["status"]
            except APIError as error:
                logger.warning("Notify status of %s not read: %s", notification_id, error)
        return found


def get_sender():
    return import_string(settings.MESSAGE_SENDER)()


def send_message(*, kind: str, subject: str, body: str, to: Sequence[str], cc: Sequence[str] = (),
                 reference: str = "") -> list[str]:  # fmt: skip
    """Send one message now through the configured sender (raises DeliveryError)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown message kind {kind}")
    with get_sender() as sender:
        return sender.send(kind=kind, subject=subject, body=body, to=to, cc=cc, reference=reference)
