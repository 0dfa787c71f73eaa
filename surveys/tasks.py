"""Scheduled survey work: every contracted workplace gets its satisfaction-survey link when a round opens."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from collection.models import CollectionRound
from config import clock
from providers.models import Council
from surveys import services


def open_round_campaigns(today: date | None = None) -> int:
    """For every round whose window is open, make sure each council's contracted workplaces have a link.

    Idempotent: workplaces that already have a link for the round are left alone. Returns how many were created.
    """
    today = today or clock.today()
    rounds = CollectionRound.objects.filter(window_opens__lte=today, closes__gte=today, draft=False)
    created = 0
    for council in Council.objects.filter(contracts__isnull=False).distinct():
        for round_ in rounds.filter(Q(council=None) | Q(council=council)):
            created += services.campaigns_create_for_contracted(council=council, round=round_, created_by=None)
    return created


def release_results(today: date | None = None) -> int:
    """Publish survey results where a release is due (`surveys.rules.release.release_due`), daily via django-q2.
    Returns how many campaigns got a release."""
    return services.releases_make(today=today or clock.today())
