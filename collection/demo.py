"""Demo collection round (slug `demo`): window 1 April, due 30 June, closes 31 July of the current year."""

from __future__ import annotations

from datetime import date

from collection.models import CollectionRound
from providers.demo import DemoContext


def seed(context: DemoContext) -> None:
    year = context.today.year
    CollectionRound.objects.update_or_create(
        slug="demo",
        defaults={
            "name": f"Workforce return {year}",
            "snapshot_date": date(year, 3, 31),
            "window_opens": date(year, 4, 1),
            "due_date": date(year, 6, 30),
            "closes": date(year, 7, 31),
        },
    )
