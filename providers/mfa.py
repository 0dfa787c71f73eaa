"""Who must use two-factor authentication before they can see any data."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings

from providers.models import CouncilMembership, Membership, User


def mfa_required(user: User) -> bool:
    """Council staff and organisation admins must use an authenticator app (demo accounts excepted in demo mode)."""
    if not user.is_authenticated:
        return False
    if settings.DEMO_MODE and user.is_demo:
        return False
    if user.is_superuser:
        return True
    return (
        CouncilMembership.objects.filter(user=user).exists()
        or Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    )


def has_mfa(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
