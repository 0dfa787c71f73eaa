"""Rounds as a council admin runs them: copy last year's, preview who it covers, open it on purpose (audited); a
draft round is invisible to providers and never chased."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collection.access import rounds_for_workplace
from collection.models import ChangeRecord, CollectionRound
from collection.services.rounds import copy_name, next_year, round_copy, round_open
from compliance.models import ChaseRecord
from compliance.selectors.rounds import round_coverage
from compliance.services import chase_sweep
from providers.models import ContractRequirement, CouncilMembership
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Workforce return 2026", "Workforce return 2027"), ("Return 2026/27", "Return 2027/28"),
     ("Return 2026/2027", "Return 2027/2028"), ("Annual return", "Annual return (copy)")],
)  # fmt: skip
def test_a_copied_round_moves_its_years_on(name, expected):
    assert copy_name(name) == expected


def test_next_year_keeps_the_day_or_takes_28_february():
    assert next_year(date(2028, 2, 29)) == date(2029, 2, 28)
    assert next_year(date(2026, 3, 31)) == date(2027, 3, 31)


@pytest.fixture
def shire(today):
    council = CouncilFactory(slug="shire")
    admin = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    org = OrganisationFactory(name="Acorn Care")
    oak, elm = WorkplaceFactory(organisation=org, name="Oak"), WorkplaceFactory(organisation=org, name="Elm")
    ContractFactory(council=council, organisation=org, reference="WHOLE", starts_on=today - timedelta(3000))
    part = ContractFactory(council=council, organisation=OrganisationFactory(name="Birch"), reference="PART",
                           starts_on=date(today.year - 5, 1, 15))
    place = WorkplaceFactory(organisation=part.organisation, name="Birch House")
    WorkplaceFactory(organisation=part.organisation, name="Birch Annex")
    part.workplaces.set([place])
    ContractRequirement.objects.filter(contract=part).update(due_rule="contract_anniversary", due_months=3)
    last = CollectionRound.objects.create(
        council=council, name=f"Workforce return {today.year - 1}", slug="shire-last",
        snapshot_date=today - timedelta(400), window_opens=today - timedelta(365), due_date=today - timedelta(300),
        closes=today - timedelta(5),
    )  # fmt: skip
    return council, admin, last, (oak, elm, place)


def test_copy_preview_and_open_a_round(shire, today, client):
    council, admin, last, (oak, elm, place) = shire
    draft = round_copy(council=council, source=last, actor=admin)
    assert draft.draft and draft.name == f"Workforce return {today.year}"
    assert (draft.window_opens, draft.closes) == (next_year(last.window_opens), next_year(last.closes))

    coverage = round_coverage(council=council, round_=draft)
    assert (coverage.contracts, coverage.organisations, coverage.workplaces, coverage.requirements) == (2, 2, 3, 2)
    assert sorted(unit.place for unit in coverage.units) == ["Birch House", "Elm", "Oak"]
    birch = next(unit for unit in coverage.units if unit.place == "Birch House")
    from compliance.rules import requirement_due_date

    assert birch.due == requirement_due_date(rule="contract_anniversary", window_opens=draft.window_opens,
                                             round_due=draft.due_date, closes=draft.closes, due_months=3,
                                             contract_starts_on=date(today.year - 5, 1, 15))

    # A draft is the council's alone: no provider sees it and the chase leaves it alone
    assert draft not in rounds_for_workplace(oak)
    draft.window_opens = today - timedelta(1)
    draft.save()
    chase_sweep(today=today)
    assert not ChaseRecord.objects.filter(round=draft).exists()

    client.force_login(admin)
    url = reverse("compliance-council:round-preview", kwargs={"council": council.slug, "round": draft.slug})
    page = client.get(url).content.decode()
    assert "Birch House" in page and "Open the round" in page
    assert "Confirm that you have checked" in client.post(url, {}).content.decode()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    draft.refresh_from_db()
    assert not draft.draft and draft.opened_by == admin
    assert draft in rounds_for_workplace(oak)
    actions = list(ChangeRecord.objects.filter(council=council, subject="round", subject_id=draft.pk)
                   .values_list("action", flat=True).distinct())  # fmt: skip
    assert {"round_added", "round_copied", "round_opened"} <= set(actions)
    chase_sweep(today=today)
    assert ChaseRecord.objects.filter(round=draft, step="invitation").exists()


def test_an_open_round_cannot_be_opened_again(shire):
    from django.core.exceptions import ValidationError

    council, admin, last, _ = shire
    with pytest.raises(ValidationError):
        round_open(round_=last, actor=admin)
