"""django-q2 task: the daily retention run (scheduled by a data migration)."""

from __future__ import annotations


def daily_retention() -> dict:
    from retention.services import retention_run

    return retention_run().as_json()
