"""Which completeness policy applies to a workplace: the strictest of its contract requirements', or the national
default. This is the one policy choice: every stored and every shown completeness is computed under it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from collection.rules import DEFAULT_POLICY, CompletenessPolicy
from providers.models import Contract, ContractRequirement, Workplace


def policy_from_requirement(requirement: ContractRequirement) -> CompletenessPolicy:
    data: dict[str, object] = {"threshold_percent": requirement.completeness_threshold}
    if requirement.key_fields:
        data["staff_key_fields"] = list(requirement.key_fields)
    try:
        return CompletenessPolicy.from_dict(data)
    except (TypeError, ValueError):
        return DEFAULT_POLICY


def strictest(policies: Iterable[CompletenessPolicy]) -> CompletenessPolicy:
    """The most demanding policy (highest threshold, then most key fields), else DEFAULT_POLICY.

    A provider contracted by several councils submits once, so the return must satisfy the most demanding one.
    """
    return max(policies, key=lambda policy: (policy.threshold_percent, len(policy.staff_key_fields)),
               default=DEFAULT_POLICY)


def policies_for(workplaces: Iterable[Workplace]) -> dict[int, CompletenessPolicy]:
    """The policy of each workplace (by id), in three queries whatever the number of workplaces."""
    places = [place for place in workplaces if place.pk is not None]
    org_ids = {place.organisation_id for place in places}
    requirements = list(
        ContractRequirement.objects.filter(
            kind=ContractRequirement.Kind.ANNUAL_RETURN, contract__organisation_id__in=org_ids
        ).select_related("contract")
    )
    named: dict[int, set[int]] = defaultdict(set)
    through = Contract.workplaces.through.objects.filter(contract__in={r.contract_id for r in requirements})
    for contract_id, workplace_id in through.values_list("contract_id", "workplace_id"):
        named[contract_id].add(workplace_id)
    found = {}
    for place in places:
        covering = [
            policy_from_requirement(requirement)
            for requirement in requirements
            if requirement.contract.organisation_id == place.organisation_id
            and (not named[requirement.contract_id] or place.pk in named[requirement.contract_id])
        ]
        found[place.pk] = strictest(covering)
    return found


def policy_for(workplace: Workplace) -> CompletenessPolicy:
    """The strictest policy among the contracts that cover the workplace, else DEFAULT_POLICY."""
    return policies_for([workplace]).get(workplace.pk, DEFAULT_POLICY)
