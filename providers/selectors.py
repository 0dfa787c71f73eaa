"""Reads for the pages that list organisations, workplaces and people."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from providers import access
from providers.models import Contract, Council, CouncilMembership, Invitation, Membership, Organisation, User, Workplace


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


def contracts_for_retention(*, council_id: int | None = None) -> list[dict]:
    contracts = Contract.objects.all() if council_id is None else Contract.objects.filter(council_id=council_id)
    return list(contracts.values("pk", "council_id", "organisation_id", "ends_on", "reference",
                                        "organisation__name").order_by("pk"))  # fmt: skip


def active_users_for_retention(*, council_id: int | None = None, organisation_ids=None) -> list[dict]:
    """Every active account with when it was last used, and the organisations and councils it belongs to (only the
    council's staff and the given organisations' members, when a scope is given)."""
    organisations: dict[int, set[int]] = {}
    for user_id, organisation_id in Membership.objects.values_list("user_id", "organisation_id"):
        organisations.setdefault(user_id, set()).add(organisation_id)
    councils: dict[int, set[int]] = {}
    for user_id, council_id in CouncilMembership.objects.values_list("user_id", "council_id"):
        councils.setdefault(user_id, set()).add(council_id)
    users = User.objects.filter(is_active=True)
    if council_id is not None:
        wanted = Q(council_memberships__council_id=council_id) | Q(memberships__organisation_id__in=list(organisation_ids or []))
        users = users.filter(pk__in=User.objects.filter(wanted).values("pk"))
    users = list(users.values("pk", "email", "last_login", "date_joined").order_by("pk"))
    for user in users:
        user["organisations"], user["councils"] = organisations.get(user["pk"], set()), councils.get(user["pk"], set())
    return users


def invitations_for_retention(*, council_id: int | None = None, organisation_ids=None) -> list[dict]:
    invitations = Invitation.objects.all()
    if council_id is not None:
        invitations = invitations.filter(Q(council_id=council_id) | Q(organisation_id__in=list(organisation_ids or [])))
    return list(invitations.values("pk", "email", "expires_at", "organisation_id", "council_id").order_by("pk"))


def contracted_organisation_ids(council_id: int) -> set[int]:
    """Organisations the council has, or had, a contract with."""
    return set(Contract.objects.filter(council_id=council_id).values_list("organisation_id", flat=True))
