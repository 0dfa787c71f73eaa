"""Who may reach which rounds, returns and staff records. Built on `providers.access`; anything out of reach is 404.

A round with no council is shared by every council; a council's own round applies only to the workplaces that
council contracts for.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from collection.models import CollectionRound, PersonalAssistantReturn, StaffRecord, WorkforceReturn
from providers import access
from providers.models import Contract, Council, Membership, Organisation, User, Workplace

REVIEW_ROLES = ("contract_officer", "council_admin")
ADMIN_ROLES = ("council_admin",)


def councils_contracting(workplace: Workplace) -> QuerySet[Council]:
    named = Contract.objects.filter(council=OuterRef("pk"), workplaces=workplace)
    whole = Contract.objects.filter(council=OuterRef("pk"), organisation_id=workplace.organisation_id, workplaces=None)
    return Council.objects.filter(Q(Exists(named)) | Q(Exists(whole)))


def rounds_for_workplace(workplace: Workplace) -> QuerySet[CollectionRound]:
    """The rounds a workplace takes part in: shared rounds and those of the councils that contract for it."""
    rounds = CollectionRound.objects.filter(Q(council=None) | Q(council__in=councils_contracting(workplace)))
    return rounds.filter(draft=False)  # a draft round is the council's until a council admin opens it


def rounds_for_organisation(organisation: Organisation) -> QuerySet[CollectionRound]:
    councils = Council.objects.filter(contracts__organisation=organisation)
    return CollectionRound.objects.filter(Q(council=None) | Q(council__in=councils), draft=False).distinct()


def access_workplace_round(
    user: User, *, org: str, workplace: int, round_slug: str, min_role: str = Membership.Role.VIEWER
) -> tuple[Organisation, Workplace, CollectionRound]:
    """The organisation, workplace and round of a return page, or Http404."""
    organisation = access.access_organisation(user, org, min_role=min_role)
    place = access.access_workplace(user, workplace, organisation=organisation, min_role=min_role)
    found = rounds_for_workplace(place).filter(slug=round_slug).first()
    if found is None:
        raise Http404("No such round")
    return organisation, place, found


def access_organisation_round(user: User, *, org: str, round_slug: str, min_role: str = Membership.Role.VIEWER):
    organisation = access.access_organisation(user, org, min_role=min_role)
    found = rounds_for_organisation(organisation).filter(slug=round_slug).first()
    if found is None:
        raise Http404("No such round")
    return organisation, found


def access_staff_record(workforce_return: WorkforceReturn, record: int) -> StaffRecord:
    try:
        return workforce_return.staff_records.get(pk=record, left_on=None)
    except (StaffRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("No such staff record") from None


def council_returns(council: Council) -> QuerySet[WorkforceReturn]:
    """Returns a council may see: for its contracted workplaces, in shared rounds or its own."""
    return WorkforceReturn.objects.filter(
        workplace__in=access.contracted_workplaces(council), round__in=council_rounds(council)
    )


def council_rounds(council: Council) -> QuerySet[CollectionRound]:
    return CollectionRound.objects.filter(Q(council=None) | Q(council=council))


def access_council_return(council: Council, workforce_return: int) -> WorkforceReturn:
    try:
        return council_returns(council).select_related("workplace__organisation", "round").get(pk=workforce_return)
    except (WorkforceReturn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such return") from None


def access_council_round(council: Council, round_slug: str) -> CollectionRound:
    """A round the council manages (its own, not a shared one)."""
    found = CollectionRound.objects.filter(council=council, slug=round_slug).first()
    if found is None:
        raise Http404("No such round")
    return found


def access_pa_return(organisation: Organisation, round_: CollectionRound) -> PersonalAssistantReturn | None:
    return PersonalAssistantReturn.objects.filter(organisation=organisation, round=round_).first()


def contracted_workplaces_list(council: Council) -> list[Workplace]:
    return list(
        access.contracted_workplaces(council).select_related("organisation").order_by("organisation__name", "name")
    )
