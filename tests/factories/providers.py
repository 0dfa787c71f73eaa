from datetime import date, timedelta

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from providers.models import (
    Contract,
    ContractRequirement,
    Council,
    CouncilMembership,
    Invitation,
    Membership,
    Organisation,
    User,
    Workplace,
)

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def with_mfa(obj, create, extracted, **kwargs):
        obj.save()
        if extracted:
            add_totp(obj)


def add_totp(user: User) -> str:
    """Give a user an authenticator app, as if they had set one up; returns the secret."""
    secret = generate_totp_secret()
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return secret


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    districts = ["North", "South"]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Provider {n} Ltd")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    kind = Organisation.Kind.PROVIDER


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Care Home {n}")
    local_ref = factory.Sequence(lambda n: f"WP{n}")
    address1 = "1 High Street"
    postcode = "DE1 1AA"
    district = "North"
    is_cqc_regulated = True
    cqc_location_id = factory.Sequence(lambda n: f"1-{1000000000 + n}")
    employer_type = "6"
    main_service = "2"
    capacity = 30
    utilisation = 28
    service_users = ["1"]


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    # Everybody with a role in an organisation uses an authenticator app (issue 16): MembershipFactory(user=
    # UserFactory()) gives one without, to test the set-up redirect.
    user = factory.SubFactory(UserFactory, with_mfa=True)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.EDITOR


class CouncilMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMembership

    user = factory.SubFactory(UserFactory, with_mfa=True)
    council = factory.SubFactory(CouncilFactory)
    role = CouncilMembership.Role.CONTRACT_OFFICER


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"C-{n:04d}")
    starts_on = date(2025, 4, 1)

    @factory.post_generation
    def requirement(obj, create, extracted, **kwargs):
        if create:
            ContractRequirement.objects.get_or_create(contract=obj, kind=ContractRequirement.Kind.ANNUAL_RETURN)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.ADMIN
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
