"""Council admins manage their own council's contracts in the Django admin, and see no other council's."""

import pytest

from providers.models import CouncilMembership
from providers.services import invitation_accept
from tests.factories.providers import ContractFactory, InvitationFactory, add_totp

pytestmark = pytest.mark.django_db


def test_an_invited_council_admin_can_manage_only_their_councils_contracts(world, client):
    invitation = InvitationFactory(organisation=None, council=world.council_a, role=CouncilMembership.Role.COUNCIL_ADMIN)
    admin = invitation_accept(token=invitation.token, password="purple-otter-harbour-7")
    add_totp(admin)
    ContractFactory(council=world.council_a, organisation=world.org_b, reference="A-ONLY")
    ContractFactory(council=world.council_b, organisation=world.org_a, reference="B-ONLY")
    client.force_login(admin)
    response = client.get("/django-admin/providers/contract/")
    assert response.status_code == 200
    assert b"A-ONLY" in response.content and b"B-ONLY" not in response.content
    other = world.council_b.contracts.get(reference="B-ONLY")
    assert client.get(f"/django-admin/providers/contract/{other.pk}/change/").status_code in (302, 404)
    assert client.get("/django-admin/providers/organisation/").status_code == 403


def test_other_council_roles_get_no_admin_site(world, client):
    client.force_login(world.users["analyst"])
    assert client.get("/django-admin/providers/contract/").status_code == 302
