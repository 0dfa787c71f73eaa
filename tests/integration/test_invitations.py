"""Sign-up is by invitation only; invitations expire, can be withdrawn and work once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from providers.models import Invitation, Membership, User
from providers.services import invitation_accept, invitation_create
from tests.factories.providers import InvitationFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=False)


def test_open_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert b"by invitation only" in response.content
    client.post("/accounts/signup/", {"email": "x@example.com", "password1": "Zq!9xx-long-pw", "password2": "Zq!9xx-long-pw"})
    assert not User.objects.filter(email="x@example.com").exists()


def test_an_admin_invites_a_colleague_who_accepts(client, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role=Membership.Role.ADMIN, user__with_mfa=True)
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/org/{admin.organisation.slug}/people/", {"email": "New.Person@example.com", "role": "editor"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@example.com"]
    invitation = Invitation.objects.get(email="new.person@example.com")
    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body

    client.logout()
    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "New Person", "password1": "purple-otter-harbour-7", "password2": "purple-otter-harbour-7"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert Membership.objects.get(user=user).role == "editor"
    assert user.emailaddress_set.get().verified is True
    # the same link cannot be used again
    response = client.get(f"/invitations/{invitation.token}/")
    assert response.status_code in (302, 410)


def test_an_editor_cannot_invite(client):
    editor = MembershipFactory(role=Membership.Role.EDITOR)
    client.force_login(editor.user)
    response = client.post(f"/org/{editor.organisation.slug}/people/", {"email": "a@example.com", "role": "admin"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"expires_at": -timedelta(minutes=1)},
        {"revoked_at": timedelta(0)},
        {"accepted_at": timedelta(0)},
    ],
    ids=["expired", "withdrawn", "used"],
)
def test_unusable_invitations_are_refused(change, client):
    invitation = InvitationFactory(**{field: timezone.now() + offset for field, offset in change.items()})
    response = client.get(f"/invitations/{invitation.token}/")
    assert response.status_code == 410
    with pytest.raises(ValidationError):
        invitation_accept(token=invitation.token, password="purple-otter-harbour-7")
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_new_invitation_withdraws_the_old_one():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    first = invitation_create(invited_by=admin.user, organisation=admin.organisation, email="p@example.com", role="viewer")
    second = invitation_create(
        invited_by=admin.user, organisation=admin.organisation, email="p@example.com", role="editor"
    )
    first.refresh_from_db()
    assert first.state == "revoked" and second.state == "pending"


def test_withdrawing_an_invitation(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN, user__with_mfa=True)
    invitation = InvitationFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    client.post(f"/org/{admin.organisation.slug}/people/invitations/{invitation.pk}/withdraw/")
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


def test_an_existing_account_must_sign_in_to_accept(client):
    existing = MembershipFactory().user
    invitation = InvitationFactory(email=existing.email, organisation=OrganisationFactory())
    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "X", "password1": "purple-otter-harbour-7", "password2": "purple-otter-harbour-7"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Membership.objects.filter(user=existing, organisation=invitation.organisation).exists()
    client.force_login(existing)
    client.get(f"/invitations/{invitation.token}/")
    assert Membership.objects.filter(user=existing, organisation=invitation.organisation).exists()


def test_accepting_twice_makes_one_account():
    invitation = InvitationFactory()
    invitation_accept(token=invitation.token, password="purple-otter-harbour-7")
    with pytest.raises(ValidationError):
        invitation_accept(token=invitation.token, password="purple-otter-harbour-7")
    assert User.objects.filter(email=invitation.email).count() == 1
