"""Reads for the pages that list organisations, workplaces and people."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from providers import access
from providers.models import Council, CouncilMembership, Membership, Organisation, User, Workplace


def home_for(user: User) -> dict:
    """What the home page shows: the user's organisations with their workplaces, and the councils they work for."""
    organisations = list(
        access.organisations_for(user).annotate(workplace_count=Count("workplaces", distinct=True)).order_by("name")
    )
    roles = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    for organisation in organisations:
        organisation.user_role = roles.get(organisation.pk)
    councils = list(access.councils_for(user).order_by("name"))
    council_roles = {}
    for council_id, role in CouncilMembership.objects.filter(user=user).values_list("council_id", "role"):
        council_roles.setdefault(council_id, []).append(CouncilMembership.Role(role).label)
    for council in councils:
        council.user_roles = council_roles.get(council.pk, [])
    return {"organisations": organisations, "councils": councils}


def workplace_list(*, organisation: Organisation) -> QuerySet[Workplace]:
    return organisation.workplaces.filter(is_active=True).order_by("name")


def member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__email")


def council_staff_list(*, council: Council) -> QuerySet[CouncilMembership]:
    return council.memberships.select_related("user").order_by("user__email", "role")


def contracted_organisation_list(*, council: Council) -> QuerySet[Organisation]:
    return (
        access.contracted_organisations(council)
        .annotate(workplace_count=Count("workplaces", distinct=True))
        .order_by("name")
    )
