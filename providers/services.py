"""Writes for organisations, people and invitations."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from config import clock
from providers.messaging import send_message
from providers.models import Council, CouncilMembership, Invitation, Membership, Organisation, User

INVITATION_NOT_USABLE = "This invitation has expired, been withdrawn or already been used. Ask for a new one."
ACCOUNT_EXISTS = "You already have an account. Sign in with it, then open the invitation link again."


def invitation_create(
    *,
    invited_by: User,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    council: Council | None = None,
) -> Invitation:
    """Invite someone by email. Any earlier pending invitation for the same person and place is withdrawn."""
    email = email.strip().lower()
    valid_roles = CouncilMembership.Role.values if council else Membership.Role.values
    if role not in valid_roles:
        raise ValidationError({"role": "Select a role"})
    with transaction.atomic():
        Invitation.objects.filter(
            email=email, organisation=organisation, council=council, accepted_at=None, revoked_at=None
        ).update(revoked_at=clock.now())
        invitation = Invitation.objects.create(
            email=email,
            organisation=organisation,
            council=council,
            role=role,
            invited_by=invited_by,
            expires_at=clock.now() + timedelta(days=settings.INVITATION_DAYS_VALID),
        )
        transaction.on_commit(lambda: invitation_send(invitation=invitation))
    return invitation


def invitation_send(*, invitation: Invitation) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("invitation-accept", kwargs={"token": invitation.token})
    context = {"invitation": invitation, "link": link, "service_name": settings.SERVICE_NAME}
    send_message(
        kind="invitation",
        subject=f"You're invited to {settings.SERVICE_NAME}",
        body=render_to_string("providers/email/invitation.txt", context),
        to=[invitation.email],
        reference=f"invitation-{invitation.pk}",
    )


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = clock.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])


@transaction.atomic
def invitation_accept(*, token: str, password: str | None, full_name: str = "", user: User | None = None) -> User:
    """Turn an invitation into a membership, creating the account (with its email verified) when it is new.

    The row is locked so a double-clicked accept creates one account.
    """
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        raise ValidationError(INVITATION_NOT_USABLE)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(ACCOUNT_EXISTS)
        user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    elif user.email.lower() != invitation.email:
        raise ValidationError("This invitation was sent to a different email address.")
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    if invitation.organisation_id:
        Membership.objects.update_or_create(
            user=user, organisation_id=invitation.organisation_id, defaults={"role": invitation.role}
        )
    else:
        CouncilMembership.objects.get_or_create(user=user, council_id=invitation.council_id, role=invitation.role)
        if invitation.role == CouncilMembership.Role.COUNCIL_ADMIN:
            council_admin_site_grant(user=user)
    invitation.accepted_at = clock.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return user


COUNCIL_ADMIN_GROUP = "Council admins"
COUNCIL_ADMIN_MODELS = ("contract", "contractrequirement")


def council_admin_site_grant(*, user: User) -> None:
    """Council admins manage their council's contracts in the Django admin (which shows them only their own)."""
    group, created = Group.objects.get_or_create(name=COUNCIL_ADMIN_GROUP)
    if created or not group.permissions.exists():
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="providers", content_type__model__in=COUNCIL_ADMIN_MODELS)
        )
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def pending_invitations(*, organisation: Organisation | None = None, council: Council | None = None):
    return Invitation.objects.filter(organisation=organisation, council=council, accepted_at=None, revoked_at=None)


def invitation_delete(*, invitation_id: int) -> int:
    """Delete an invitation past its retention period (`retention.services`)."""
    deleted, _ = Invitation.objects.filter(pk=invitation_id).delete()
    return deleted


def user_deactivate(*, user_id: int) -> int:
    """Close an account that was warned and still not used (`retention.services`): it can no longer sign in, and
    any session it has ends on its next request. Its history (who submitted, who decided) keeps pointing at it."""
    return User.objects.filter(pk=user_id, is_active=True).update(is_active=False)
