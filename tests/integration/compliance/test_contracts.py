"""Council admins' contracts and requirements: added, varied and ended in the service, imported from a contracts
register all or nothing, every change audited (who, when, old and new)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from collection.models import ChangeRecord
from compliance.services.contracts import contract_end, contract_save, register_import, requirement_save
from providers.models import Contract, ContractRequirement, CouncilMembership
from tests.factories.providers import (
    ContractFactory,
    CouncilFactory,
    CouncilMembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "reference,organisation,workplaces,starts_on,ends_on,officer_email,annual_return,threshold,key_fields," \
         "due_rule,due_months,due_days,survey\n"  # fmt: skip


@pytest.fixture
def council_world():
    council = CouncilFactory(slug="reg-council", name="Register Council")
    admin = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.COUNCIL_ADMIN).user
    officer = CouncilMembershipFactory(council=council, role=CouncilMembership.Role.CONTRACT_OFFICER,
                                       user=UserFactory(email="officer@reg.test", full_name="Olive Officer",
                                                                      with_mfa=True)).user
    org = OrganisationFactory(slug="acorn-care", name="Acorn Care", cqc_provider_id="1-101")
    oak = WorkplaceFactory(organisation=org, name="Oak", local_ref="OAK")
    WorkplaceFactory(organisation=org, name="Elm", local_ref="ELM")
    other = OrganisationFactory(slug="birch-care", name="Birch Care")
    return council, admin, officer, org, oak, other


def test_a_contract_added_varied_and_ended_is_audited_field_by_field(council_world):
    council, admin, officer, org, oak, _ = council_world
    contract = contract_save(council=council, actor=admin, reference="RC-1", organisation=org,
                             starts_on=date(2024, 4, 1), contract_officer=officer, workplaces=[oak])
    requirement_save(contract=contract, actor=admin, kind="annual_return", completeness_threshold=80,
                     key_fields=["job_role"], due_rule="contract_anniversary", due_months=3)
    contract_save(council=council, actor=admin, contract=contract, reference="RC-1", organisation=org,
                  starts_on=date(2024, 5, 1), contract_officer=officer, workplaces=[oak])
    contract_end(contract=contract, ends_on=date(2027, 3, 31), actor=admin)

    rows = ChangeRecord.objects.filter(council=council).order_by("id")
    assert all(row.actor_id == admin.pk and row.workforce_return_id is None for row in rows)
    changed = rows.get(action="contract_changed")
    assert (changed.field, changed.old_value, changed.new_value) == ("starts_on", "2024-04-01", "2024-05-01")
    ended = rows.get(action="contract_ended")
    assert (ended.old_value, ended.new_value) == ("", "2027-03-31")
    added = {row.field: row.new_value for row in rows.filter(action="contract_added")}
    assert added["workplaces"] == "Oak" and added["contract_officer"] == "officer@reg.test"
    due = rows.get(action="requirement_added", field="due")
    assert due.new_value == "3 months after the contract's start anniversary"
    assert ContractRequirement.objects.get(contract=contract).due_months == 3


def test_a_contract_cannot_name_another_organisations_workplace_or_a_taken_reference(council_world):
    council, admin, _, org, _, other = council_world
    ContractFactory(council=council, organisation=org, reference="TAKEN")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        contract_save(council=council, actor=admin, reference="taken", organisation=other,
                      starts_on=date(2025, 4, 1), workplaces=[WorkplaceFactory(organisation=org)])
    assert set(error.value.message_dict) == {"reference", "workplaces"}


def test_a_register_with_problems_saves_nothing_and_names_every_problem(council_world):
    council, admin, *_ = council_world
    text = HEADER + (
        "RC-1,acorn-care,OAK;NOPE,2026-04-01,,officer@reg.test,yes,95,,round,,,no\n"
        "RC-2,nobody,,31/02/2026,,someone@else.test,maybe,120,job_role;shoe size,sometime,,,\n"
        "RC-1,1-101,,2026-04-01,2025-01-01,,yes,,,anniversary,,,\n"
    )
    saved, problems = register_import(council=council, actor=admin, text=text)
    assert saved == []
    assert Contract.objects.filter(council=council).count() == 0
    assert ChangeRecord.objects.filter(council=council).count() == 0
    found = {(p.line, p.column, p.value) for p in problems}
    assert found == {
        (2, "workplaces", "NOPE"),
        (3, "organisation", "nobody"),
        (3, "starts_on", "31/02/2026"),
        (3, "officer_email", "someone@else.test"),
        (3, "annual_return", "maybe"),
        (3, "threshold", "120"),
        (3, "key_fields", "shoe size"),
        (3, "due_rule", "sometime"),
        (4, "reference", "RC-1"),
        (4, "ends_on", "2025-01-01"),
        (4, "due_months", ""),
    }
    assert str(next(p for p in problems if p.column == "threshold")) == (
        "Line 3, column ‘threshold’ (‘120’): Enter a whole percentage from 0 to 100"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("reference,organisation\n", "no ‘starts_on’ column"),
        ("reference,organisation,starts_on,colour\nA,acorn-care,2026-04-01,red\n", "Unknown column"),
        (HEADER, "no contracts"),
    ],
)
def test_a_register_without_its_shape_is_refused(council_world, text, message):
    council, admin, *_ = council_world
    saved, problems = register_import(council=council, actor=admin, text=text)
    assert saved == [] and message in str(problems[0])


def test_a_good_register_adds_new_contracts_and_varies_known_ones_in_one_audited_import(council_world):
    council, admin, officer, org, oak, other = council_world
    existing = ContractFactory(council=council, organisation=org, reference="RC-1", starts_on=date(2020, 1, 1))
    text = HEADER + (
        "RC-1,acorn-care,OAK,2020-01-01,2028-03-31,officer@reg.test,yes,80,Main job role;pay_rate,anniversary,3,,yes\n"
        "RC-2,birch-care,,1/4/2026,,,no,,,,,,yes\n"
    )
    saved, problems = register_import(council=council, actor=admin, text=text)
    assert problems == []
    assert [c.reference for c in saved] == ["RC-1", "RC-2"]
    existing.refresh_from_db()
    assert existing.ends_on == date(2028, 3, 31) and existing.contract_officer == officer
    assert list(existing.workplaces.all()) == [oak]
    annual = existing.requirements.get(kind="annual_return")
    assert (annual.completeness_threshold, annual.key_fields, annual.due_rule, annual.due_months) == (
        80, ["job_role", "pay_rate"], "contract_anniversary", 3)
    new = Contract.objects.get(council=council, reference="RC-2")
    assert new.organisation == other and new.starts_on == date(2026, 4, 1)
    assert list(new.requirements.values_list("kind", flat=True)) == ["survey_distributed"]
    rows = ChangeRecord.objects.filter(council=council)
    assert set(rows.values_list("source", flat=True)) == {"upload"}
    varied = rows.get(subject_id=existing.pk, subject="contract", field="ends_on")
    assert (varied.action, varied.old_value, varied.new_value) == ("contract_changed", "", "2028-03-31")


def test_only_council_admins_reach_the_contract_pages(council_world, client):
    council, admin, officer, *_ = council_world
    url = reverse("compliance-council:contracts", kwargs={"council": council.slug})
    client.force_login(officer)
    assert client.get(url).status_code == 404
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_the_import_page_lists_every_problem_and_saves_nothing(council_world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    council, admin, *_ = council_world
    client.force_login(admin)
    url = reverse("compliance-council:contracts-import", kwargs={"council": council.slug})
    bad = SimpleUploadedFile("register.csv", (HEADER + "RC-9,nobody,,2026-13-01,,,,,,,,,\n").encode())
    page = client.post(url, {"register": bad}).content.decode()
    assert "Nothing was imported: 2 problems in register.csv" in page
    assert "Line 2, column ‘organisation’ (‘nobody’)" in page
    assert "Line 2, column ‘starts_on’ (‘2026-13-01’)" in page
    assert not Contract.objects.filter(council=council).exists()


def test_a_register_row_that_would_move_a_contract_to_another_organisation_is_refused_whole(council_world):
    council, admin, _, org, _, other = council_world
    ContractFactory(council=council, organisation=org, reference="RC-1")
    text = HEADER + "RC-7,acorn-care,,2026-04-01,,,,,,,,,\nRC-1,birch-care,,2026-04-01,,,,,,,,,\n"
    saved, problems = register_import(council=council, actor=admin, text=text)
    assert saved == [] and [(p.line, p.column) for p in problems] == [(3, "organisation")]
    assert "cannot change" in problems[0].message
    assert not Contract.objects.filter(council=council, reference="RC-7").exists()  # the good row rolled back too
    assert not ChangeRecord.objects.filter(council=council).exists()
