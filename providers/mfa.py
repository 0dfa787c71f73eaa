"""Who must prove a second factor, and which.

Everybody who can read or write staff-level or organisation data signs in with a password and an authenticator app
(with recovery codes): provider admins, editors and viewers, micro-employers, council staff and superusers. People
who only employ their own Personal Assistants (individual employers) may use an authenticator app or, if they have
not set one up, a code emailed to them at each sign-in (`providers.signin_codes`). Nobody signs in with a password
alone. Demo accounts skip both, but only while the installation runs with DEMO_MODE on (every page says so).
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings

from providers.models import CouncilMembership, Membership, Organisation, User


def demo_skip(user: User) -> bool:
    return bool(settings.DEMO_MODE and user.is_demo)


def _kinds(user: User) -> set[str]:
    """What the user is: organisation kinds they belong to, plus "council" and "superuser"."""
    kinds = set(Membership.objects.filter(user=user).values_list("organisation__kind", flat=True))
    if CouncilMembership.objects.filter(user=user).exists():
        kinds.add("council")
    if user.is_superuser:
        kinds.add("superuser")
    return kinds


def may_use_emailed_code(user: User) -> bool:
    """Individual employers only (every organisation of theirs employs Personal Assistants, no other role)."""
    return user.is_authenticated and _kinds(user) == {Organisation.Kind.INDIVIDUAL_EMPLOYER}


def mfa_required(user: User) -> bool:
    """Must this user set up an authenticator app before they see any page? Everybody with a role that reads or
    writes organisation or staff data (a person with no role yet sees no data and is asked once they get one)."""
    if not user.is_authenticated or demo_skip(user):
        return False
    kinds = _kinds(user)
    return bool(kinds) and kinds != {Organisation.Kind.INDIVIDUAL_EMPLOYER}


def emailed_code_required(user: User) -> bool:
    """Must this user enter a code emailed to them to finish signing in (no authenticator app, individual employer)?"""
    if not user.is_authenticated or demo_skip(user):
        return False
    return may_use_emailed_code(user) and not has_mfa(user)


def has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_state(user: User) -> str:
    """A fingerprint of the user's authenticators: changes when an app or recovery codes are added or removed."""
    rows = Authenticator.objects.filter(user=user).order_by("pk").values_list("pk", "type")
    return ",".join(f"{pk}:{kind}" for pk, kind in rows)
