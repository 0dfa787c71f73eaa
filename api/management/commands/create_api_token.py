"""Create a personal API token for a user and print it (once). People normally use their account page instead."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken
from api.tokens import DEFAULT_DAYS, api_token_create, may_create_tokens, token_bodies
from providers.models import Council, Organisation, User

NO_MFA_WARNING = """
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
WARNING: {email} has no authenticator app. This token lets anyone who holds it act as them without two-factor
authentication. It stops working as soon as they set one up. Use it only for a test or a demo.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


class Command(BaseCommand):
    help = (
        "Create a personal API token for EMAIL named NAME and print it; only its hash is kept. The owner must have "
        "two-factor authentication set up (or --i-understand-no-mfa)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name")
        parser.add_argument("--organisation", help="slug of the organisation it is for")
        parser.add_argument("--council", help="slug of the council it is for")
        parser.add_argument("--scope", choices=["read", "read-write"], default="read")
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="how long it works (at most 365)")
        parser.add_argument("--i-understand-no-mfa", action="store_true", dest="no_mfa",
                            help="make a token for somebody without an authenticator app (tests and demos only)")

    def handle(self, *args, email: str, name: str, organisation, council, scope, days, no_mfa, **options):
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email address {email}")
        if not may_create_tokens(user):
            if not no_mfa:
                raise CommandError(
                    f"{email} has not set up two-factor authentication, so they cannot have an API token. "
                    "Ask them to set it up, or (for a test or demo only) add --i-understand-no-mfa."
                )
            self.stderr.write(self.style.ERROR(NO_MFA_WARNING.format(email=email)))
        body_org, body_council = self._body(user, organisation, council)
        try:
            _, raw = api_token_create(
                user=user, name=name, organisation=body_org, council=body_council,
                scope=ApiToken.Scope.READ_WRITE if scope == "read-write" else ApiToken.Scope.READ,
                days=days, without_mfa=no_mfa,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)

    def _body(self, user, organisation: str | None, council: str | None):
        if organisation:
            return Organisation.objects.filter(slug=organisation).first() or self._missing("organisation"), None
        if council:
            return None, Council.objects.filter(slug=council).first() or self._missing("council")
        bodies = token_bodies(user)
        if len(bodies) != 1:
            raise CommandError("Say which organisation (--organisation SLUG) or council (--council SLUG) it is for")
        only = bodies[0]
        return (None, only) if isinstance(only, Council) else (only, None)

    def _missing(self, kind: str):
        raise CommandError(f"No such {kind}")
