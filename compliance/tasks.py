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
