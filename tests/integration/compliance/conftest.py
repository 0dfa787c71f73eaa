"""A council with three contracted organisations for the chase tests: one that never submits, one that submits
on time, and an individual employer that never submits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from providers.models import CouncilMembership, Membership, Organisation
from tests.factories.compliance import RoundFactory
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)


@dataclass
class Season:
    council: object
    round: object
    late: object  # never submits
    prompt: object  # submits on time
    individual: object  # individual employer, never submits
    late_place: object
    prompt_place: object
    officer: object
    contracts: dict


def _org(slug: str, kind=Organisation.Kind.PROVIDER):
    org = OrganisationFactory(slug=slug, name=slug.title(), kind=kind, senior_accountable_email=f"boss@{slug}.test")
    MembershipFactory(organisation=org, role=Membership.Role.ADMIN, user=UserFactory(email=f"admin@{slug}.test"))
    return org


@pytest.fixture
def suite_today():
    """The pages judge statuses as of today: these tests run on the eve of the season's due date."""
    from tests.factories.compliance import DUE

    return DUE - timedelta(1)


@pytest.fixture
def season(db) -> Season:
    council = CouncilFactory(slug="chase-council", name="Chase Council")
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER).user
    late, prompt = _org("late"), _org("prompt")
    individual = _org("individual", Organisation.Kind.INDIVIDUAL_EMPLOYER)
    late_place = WorkplaceFactory(organisation=late, local_ref="LATE1")
    prompt_place = WorkplaceFactory(organisation=prompt, local_ref="PROMPT1")
    contracts = {
        org.slug: ContractFactory(council=council, organisation=org, contract_officer=officer)
        for org in (late, prompt, individual)
    }
    return Season(
        council=council, round=RoundFactory(), late=late, prompt=prompt, individual=individual,
        late_place=late_place, prompt_place=prompt_place, officer=officer, contracts=contracts,
    )  # fmt: skip
