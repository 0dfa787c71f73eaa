"""The one place that decides what a user may see and do.

Every view and API endpoint fetches tenant data through these functions. An object outside the user's reach
raises `Http404`, the same as an object that does not exist, so nobody can learn what exists elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404

from providers.models import (
    Contract,
    Council,
    CouncilMembership,
    Membership,
    Organisation,
    User,
    Workplace,
)

ROLE_RANK = {Membership.Role.VIEWER: 1, Membership.Role.EDITOR: 2, Membership.Role.ADMIN: 3}
COUNCIL_ROLES = frozenset(CouncilMembership.Role.values)


def _active(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# Providers ---------------------------------------------------------------------------------------------------


def organisations_for(user: User, *, min_role: str = Membership.Role.VIEWER) -> QuerySet[Organisation]:
    """The organisations the user is a member of, with at least `min_role`."""
    if not _active(user):
        return Organisation.objects.none()
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[min_role]]
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def membership_role(user: User, organisation: Organisation) -> str | None:
    if not _active(user):
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()
    )


def access_organisation(user: User, slug: str, *, min_role: str = Membership.Role.VIEWER) -> Organisation:
    """Fetch an organisation the user belongs to with at least `min_role`, or raise Http404."""
    try:
        return organisations_for(user, min_role=min_role).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def workplaces_for(user: User, *, min_role: str = Membership.Role.VIEWER) -> QuerySet[Workplace]:
    return Workplace.objects.filter(organisation__in=organisations_for(user, min_role=min_role))


def access_workplace(
    user: User, workplace_id: int, *, organisation: Organisation | None = None, min_role: str = Membership.Role.VIEWER
) -> Workplace:
    """Fetch a workplace of one of the user's organisations (and of `organisation`, when given), or raise Http404."""
    queryset = workplaces_for(user, min_role=min_role).select_related("organisation")
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    try:
        return queryset.get(pk=workplace_id)
    except (Workplace.DoesNotExist, ValueError, TypeError):
        raise Http404("No such workplace") from None


def can_edit(user: User, organisation: Organisation) -> bool:
    role = membership_role(user, organisation)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[Membership.Role.EDITOR]


def is_org_admin(user: User, organisation: Organisation) -> bool:
    return membership_role(user, organisation) == Membership.Role.ADMIN


# Councils ----------------------------------------------------------------------------------------------------


def councils_for(user: User, *, roles: Iterable[str] = COUNCIL_ROLES) -> QuerySet[Council]:
    """The councils the user works for in one of `roles`."""
    if not _active(user):
        return Council.objects.none()
    return Council.objects.filter(memberships__user=user, memberships__role__in=list(roles)).distinct()


def access_council(user: User, slug: str, *, roles: Iterable[str] = COUNCIL_ROLES) -> Council:
    """Fetch a council the user works for in one of `roles`, or raise Http404."""
    try:
        return councils_for(user, roles=roles).get(slug=slug)
    except Council.DoesNotExist:
        raise Http404("No such council") from None


def council_roles(user: User) -> set[str]:
    if not _active(user):
        return set()
    return set(CouncilMembership.objects.filter(user=user).values_list("role", flat=True))


def is_council_staff(user: User) -> bool:
    return bool(council_roles(user))


def contracted_organisations(council: Council) -> QuerySet[Organisation]:
    """Organisations the council has a contract with."""
    return Organisation.objects.filter(contracts__council=council).distinct()


def _contracted(council: Council) -> tuple[QuerySet, QuerySet]:
    """(ids of the workplaces named on the council's contracts, organisations whose contract names none)."""
    named = Contract.objects.filter(council=council, workplaces__isnull=False).values("workplaces")
    whole_org = Contract.objects.filter(council=council, workplaces=None).values("organisation")
    return named, whole_org


def contracted_workplaces(council: Council) -> QuerySet[Workplace]:
    """Workplaces a council contracts for: those named on a contract, or every workplace of an organisation whose
    contract names none."""
    named, whole_org = _contracted(council)
    # Two uncorrelated `IN (subquery)`: PostgreSQL hashes each once. The same test as two correlated EXISTS, but
    # those are costed as if run per workplace (~800,000 at 40,000 workplaces), which switched on JIT compilation:
    # 0.6-0.9 s of compiling for a query that runs in 20 ms.
    return Workplace.objects.filter(Q(pk__in=named) | Q(organisation__in=whole_org))


def contracted_workplace_ids(council: Council) -> list[int]:
    """The ids of `contracted_workplaces(council)`, ascending, as two index lookups joined by UNION: the `OR` of the
    two tests makes PostgreSQL read every workplace of the installation (40,000: 15-50 ms for one council's 200)."""
    named, whole_org = _contracted(council)
    ids = Workplace.objects.filter(pk__in=named).order_by().values_list("pk", flat=True).union(
        Workplace.objects.filter(organisation__in=whole_org).order_by().values_list("pk", flat=True))
    return sorted(ids)


def access_contracted_organisation(council: Council, slug: str) -> Organisation:
    """An organisation seen from a council page: only when the council contracts with it."""
    try:
        return contracted_organisations(council).get(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation") from None


def council_contracts(council: Council) -> QuerySet[Contract]:
    return Contract.objects.filter(council=council)


def access_council_contract(council: Council, pk: int) -> Contract:
    """One of the council's own contracts, or Http404."""
    try:
        return council_contracts(council).select_related("organisation", "contract_officer").get(pk=pk)
    except (Contract.DoesNotExist, ValueError, TypeError):
        raise Http404("No such contract") from None
