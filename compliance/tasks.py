"""django-q2 tasks: the daily sweep, one message's delivery (with back-off), and the retry safety net."""

from __future__ import annotations

from compliance.services import chase_sweep, message_deliver, messages_deliver
from config import clock


def daily_sweep() -> int:
    return len(chase_sweep(today=clock.today()))


def deliver_message(record_id: int) -> str:
    return message_deliver(record_id=record_id)


def retry_failed_messages() -> int:
    return len(messages_deliver())


def poll_delivery_statuses() -> int:
    """Every 15 minutes: GOV.UK Notify's delivery status of recent chase messages (nothing to do without Notify)."""
    from django.conf import settings

    from compliance.services.delivery import delivery_statuses_poll

    if not settings.MESSAGE_SENDER.endswith("NotifySender"):
        return 0
    return delivery_statuses_poll()
