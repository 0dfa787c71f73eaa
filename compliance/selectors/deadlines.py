"""collection.deadlines' source: the due date each council's contract sets for a provider's annual return, in three
queries whatever the number of workplaces and rounds."""

from __future__ import annotations

from collections import defaultdict

from collection.deadlines import Deadline
from collection.models import CollectionRound
from compliance.models import Extension
from compliance.rules import extended_due
from compliance.selectors.units import applies_in, due_date_for
from config import clock
from providers.models import Contract, ContractRequirement, Organisation


def return_deadlines(*, organisation: Organisation, rounds: list[CollectionRound],
                     workplace_ids: list[int]) -> dict[tuple[int, int], list[Deadline]]:
    """(workplace id, round id) -> each council's due date for that annual return under its contract's requirement,
    after any extension it granted: the dates the chase ladder counts from and the compliance page shows."""
    requirements = list(
        ContractRequirement.objects.filter(contract__organisation=organisation, contract__starts_on__lte=clock.today(),
                                           kind=ContractRequirement.Kind.ANNUAL_RETURN)
        .select_related("contract__council").order_by("pk")
    )  # fmt: skip
    if not requirements:
        return {}
    named: dict[int, set[int]] = defaultdict(set)
    for contract_id, workplace_id in Contract.workplaces.through.objects.filter(
        contract_id__in=[r.contract_id for r in requirements]
    ).values_list("contract_id", "workplace_id"):
        named[contract_id].add(workplace_id)
    extended: dict[tuple, object] = {}
    for req, place, round_id, new_due in Extension.objects.filter(
        requirement__in=requirements, round__in=rounds
    ).order_by("created_at", "pk").values_list("requirement_id", "workplace_id", "round_id", "new_due_date"):
        extended[(req, place, round_id)] = new_due  # (place None: for the whole organisation)
    found: dict[tuple[int, int], list[Deadline]] = defaultdict(list)
    for requirement in requirements:
        contract = requirement.contract
        for round_ in rounds:
            if not applies_in(contract, round_):
                continue
            due = due_date_for(requirement, round_)
            for place in workplace_ids:
                if named.get(contract.id) and place not in named[contract.id]:
                    continue
                extension = extended.get((requirement.id, place, round_.id)) or extended.get(
                    (requirement.id, None, round_.id))
                final = extended_due(due, extension)
                found[(place, round_.id)].append(Deadline(due=final, council=contract.council.name,
                                                          extended=final != due))  # fmt: skip
    return {key: sorted(value, key=lambda d: (d.due, d.council)) for key, value in found.items()}
