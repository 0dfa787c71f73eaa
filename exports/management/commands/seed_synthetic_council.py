"""python manage.py seed_synthetic_council [--round demo] [--workplaces 600] [--staff 16000]"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collection.models import CollectionRound
from exports.synthetic_council import NAME, seed_synthetic_council


class Command(BaseCommand):
    help = ("Create the demo's synthetic council (clearly labelled synthetic: about 600 workplaces and 16,000 staff "
            "records) with returns for a round. Safe to run twice.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--round", default="demo", help="Collection round slug (default: demo)")
        parser.add_argument("--workplaces", type=int, default=600)
        parser.add_argument("--staff", type=int, default=16_000)

    def handle(self, *args, **options) -> None:
        collection_round = CollectionRound.objects.filter(slug=options["round"]).first()
        if collection_round is None:
            raise CommandError(f"No collection round {options['round']!r}: run seed_demo first")
        with transaction.atomic():
            council = seed_synthetic_council(collection_round=collection_round, workplaces=options["workplaces"],
                                             staff=options["staff"])
        self.stdout.write(f"{NAME} ({council.slug}) is ready for round {collection_round.slug}.")
