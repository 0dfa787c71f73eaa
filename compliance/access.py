"""Who may use the compliance pages, built on `providers.access` (everything outside reach is a 404).

The officer's desk is for contract officers and council admins; a council's ladder is for its council admins.
Analysts and providers never reach either.
"""

from __future__ import annotations

from django.http import Http404

from compliance.ladders import ensure_default_ladders
from compliance.models import ChaseRecord, LadderStepSetting
from providers import access
from providers.models import Contract, ContractRequirement, Council, CouncilMembership, Organisation, User

DESK_ROLES = [CouncilMembership.Role.CONTRACT_OFFICER, CouncilMembership.Role.COUNCIL_ADMIN]
LADDER_ROLES = [CouncilMembership.Role.COUNCIL_ADMIN]


def access_council_admin(user: User, council: str) -> Council:
    """Council admins only: contracts, rounds and changing the ladder."""
    return access.access_council(user, council, roles=LADDER_ROLES)


def access_contract_requirement(contract: Contract, pk: int) -> ContractRequirement:
    try:
        return contract.requirements.get(pk=pk)
    except (ContractRequirement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such requirement") from None


def access_desk(user: User, council: str) -> Council:
    return access.access_council(user, council, roles=DESK_ROLES)


def access_desk_organisation(user: User, council: str, org: str) -> tuple[Council, Organisation]:
    found = access_desk(user, council)
    return found, access.access_contracted_organisation(found, org)


def access_chase_record(council: Council, organisation: Organisation, pk: int) -> ChaseRecord:
    try:
        return ChaseRecord.objects.select_related("workplace", "requirement").get(
            pk=pk, council=council, organisation=organisation
        )
    except (ChaseRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("No such chase step") from None


def access_ladder_step(user: User, council: str, key: str) -> LadderStepSetting:
    found = access.access_council(user, council, roles=LADDER_ROLES)
    ensure_default_ladders([found.pk])
    try:
        return LadderStepSetting.objects.select_related("council").get(council=found, key=key)
    except LadderStepSetting.DoesNotExist:
        raise Http404("No such step") from None
