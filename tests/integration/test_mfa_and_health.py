import pytest
from django.test import override_settings

from providers.models import CouncilMembership, Membership
from tests.factories.providers import CouncilMembershipFactory, MembershipFactory, UserFactory, add_totp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: MembershipFactory(role=Membership.Role.ADMIN).user,
        lambda: CouncilMembershipFactory(role=CouncilMembership.Role.ANALYST, user=UserFactory()).user,
        lambda: CouncilMembershipFactory(role=CouncilMembership.Role.CONTRACT_OFFICER, user=UserFactory()).user,
    ],
    ids=["provider admin", "analyst", "contract officer"],
)
def test_admins_and_council_staff_must_set_up_mfa_before_seeing_data(make_user, client):
    user = make_user()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/totp/activate/")
    add_totp(user)
    assert client.get("/").status_code == 200


def test_editors_may_choose_mfa(client):
    client.force_login(MembershipFactory(role=Membership.Role.EDITOR).user)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("demo_mode, redirected", [(True, False), (False, True)])
def test_demo_accounts_skip_mfa_only_in_demo_mode(demo_mode, redirected, client):
    user = MembershipFactory(role=Membership.Role.ADMIN, user__is_demo=True).user
    client.force_login(user)
    with override_settings(DEMO_MODE=demo_mode):
        response = client.get("/")
    assert (response.status_code == 302) is redirected
    if demo_mode:
        assert b"Demo mode" in response.content


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}


def test_error_pages_use_the_service_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b"govuk-header" in response.content
