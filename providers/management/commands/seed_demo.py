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
    help = "Create or refresh the demo councils, organisations, people, contracts and round. Safe to run twice."

    def handle(self, *args, **options):
        context = DemoContext(today=clock.today())
        with transaction.atomic():
            for dotted in SEEDERS:
                import_string(dotted)(context)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in at /accounts/login/ with:"))
        width = max(len(email) for email, _ in context.sign_ins)
        for email, what in context.sign_ins:
            self.stdout.write(f"  {email.ljust(width)}  {what}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
