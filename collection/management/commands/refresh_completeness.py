"""Recompute and store every return's completeness (after a migration, or after contract requirements changed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from collection.models import WorkforceReturn
from collection.services.completeness import returns_refresh_completeness


class Command(BaseCommand):
    help = "Recompute and store every workforce return's completeness under its workplace's policy."

    def handle(self, *args, **options):
        ids = list(WorkforceReturn.objects.values_list("pk", flat=True).order_by("pk"))
        for start in range(0, len(ids), 2000):
            with transaction.atomic():
                returns_refresh_completeness(ids[start : start + 2000])
        self.stdout.write(f"Completeness refreshed for {len(ids)} returns.")
