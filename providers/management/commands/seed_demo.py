from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from config import clock
from providers.demo import DEMO_PASSWORD, DemoContext

# Each app that has demo data adds its seeding function here, in dependency order.
SEEDERS = [
    "providers.demo.seed",
    "collection.demo.seed",
    "uploads.demo.seed",
    "surveys.demo.seed",
    "compliance.demo.seed",
    "exports.demo.seed",
]


class Command(BaseCommand):
    help = ("Create or refresh the demo councils, organisations, people, contracts, rounds (dated around today) and "
            "chase history. Safe to run twice.")

    def handle(self, *args, **options):
        context = DemoContext(today=clock.today())
        with transaction.atomic():
            for dotted in SEEDERS:
                import_string(dotted)(context)
        from collection.models import CollectionRound

        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        for slug in ("demo", "demo-previous"):
            found = CollectionRound.objects.get(slug=slug)
            self.stdout.write(
                f"  Round {slug!r} ({found.name}): opened {found.window_opens:%-d %B %Y}, due {found.due_date:%-d %B %Y}"
                f", closes {found.closes:%-d %B %Y}"
            )
        if context.redated:
            self.stdout.write("  (The demo rounds were given dates around today; their chase history was rebuilt.)")
        self.stdout.write("Sign in at /accounts/login/ with:")
        width = max(len(email) for email, _ in context.sign_ins)
        for email, what in context.sign_ins:
            self.stdout.write(f"  {email.ljust(width)}  {what}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
