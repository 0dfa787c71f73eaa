"""Create a personal API token for a user and print it (once). People normally use their account page instead."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.tokens import api_token_create
from providers.models import User


class Command(BaseCommand):
    help = "Create a personal API token for EMAIL named NAME and print it; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name")

    def handle(self, *args, email: str, name: str, **options):
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email address {email}")
        try:
            _, raw = api_token_create(user=user, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)
