"""Which completeness policy applies to a workplace: its contract requirement's, or the national default."""

from __future__ import annotations

from collection.rules import DEFAULT_POLICY, CompletenessPolicy
from providers.models import ContractRequirement, Workplace


def requirements_for(workplace: Workplace):
    return ContractRequirement.objects.filter(kind=ContractRequirement.Kind.ANNUAL_RETURN).filter(
        contract__organisation_id=workplace.organisation_id
    ).filter(
        # a contract names this workplace, or names none (it covers them all)
        contract__in=_contracts_covering(workplace)
    )


def _contracts_covering(workplace: Workplace):
    from django.db.models import Q

    from providers.models import Contract

    return Contract.objects.filter(organisation_id=workplace.organisation_id).filter(
        Q(workplaces=workplace) | Q(workplaces=None)
    )


def policy_from_requirement(requirement: ContractRequirement) -> CompletenessPolicy:
    data: dict[str, object] = {"threshold_percent": requirement.completeness_threshold}
    if requirement.key_fields:
        data["staff_key_fields"] = list(requirement.key_fields)
    try:
        return CompletenessPolicy.from_dict(data)
    except (TypeError, ValueError):
        return DEFAULT_POLICY


def policy_for(workplace: Workplace) -> CompletenessPolicy:
    """The strictest policy among the contracts that cover the workplace (one query), else DEFAULT_POLICY.

    A provider contracted by several councils submits once, so the return must satisfy the most demanding one.
    """
    policies = [policy_from_requirement(req) for req in requirements_for(workplace)]
    if not policies:
        return DEFAULT_POLICY
    return max(policies, key=lambda policy: (policy.threshold_percent, len(policy.staff_key_fields)))
