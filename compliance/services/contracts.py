"""Council admins manage their council's contracts and contract requirements: add, vary, end, and import many at
once from the council's contracts register (all or nothing). Every change is written to the audit trail with
`collection.audit` (the one audit writer): who, when, each field's old and new value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from collection.audit import AuditRow, audit_write, council_audit_rows, field_changes
from collection.models import ChangeRecord
from collection.rules.policy import STAFF_FIELD_LABELS
from compliance.rules import DueRule
from compliance.rules.register import MAX_DUE_DAYS, MAX_DUE_MONTHS, ContractRow, Problem, parse_register
from providers.models import Contract, ContractRequirement, Council, CouncilMembership, Organisation, User, Workplace

REQUIREMENT_KINDS = dict(ContractRequirement.Kind.choices)
REGISTER_COLUMNS = {"contract_officer": "officer_email", "organisation": "organisation", "ends_on": "ends_on",
                    "workplaces": "workplaces", "reference": "reference", "__all__": ""}  # fmt: skip
DUE_RULE_LABELS = {
    DueRule.ROUND_DUE_DATE: "the round's due date",
    DueRule.DAYS_AFTER_WINDOW: "days after the window opens",
    DueRule.CONTRACT_ANNIVERSARY: "months after the contract's start anniversary",
}


def contract_officers(council: Council):
    return User.objects.filter(
        council_memberships__council=council, council_memberships__role=CouncilMembership.Role.CONTRACT_OFFICER,
        is_active=True,
    ).distinct().order_by("full_name", "email")  # fmt: skip


def _contract_snapshot(contract: Contract, workplaces: Iterable[Workplace] | None = None) -> dict:
    places = workplaces if workplaces is not None else (contract.workplaces.all() if contract.pk else [])
    officer = contract.contract_officer
    return {
        "reference": contract.reference,
        "organisation": contract.organisation.name if contract.organisation_id else "",
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "contract_officer": officer.email if officer else "",
        "workplaces": "; ".join(sorted(place.name for place in places)) or "every workplace",
    }


def requirement_summary(requirement: ContractRequirement) -> dict:
    """What the audit trail records of a requirement (labels, not codes)."""
    due = DUE_RULE_LABELS.get(requirement.due_rule, requirement.due_rule)
    if requirement.due_rule == DueRule.CONTRACT_ANNIVERSARY:
        due = f"{requirement.due_months} months after the contract's start anniversary"
    elif requirement.due_rule == DueRule.DAYS_AFTER_WINDOW:
        due = f"{requirement.due_days} days after the window opens"
    summary = {"kind": REQUIREMENT_KINDS.get(requirement.kind, requirement.kind), "due": due}
    if requirement.kind == ContractRequirement.Kind.ANNUAL_RETURN:
        summary["completeness_threshold"] = str(requirement.completeness_threshold)
        summary["key_fields"] = "; ".join(STAFF_FIELD_LABELS.get(f, f) for f in requirement.key_fields) or "standard"
    return summary


def _audit(contract: Contract, *, subject: str, subject_id: int, actor, action: str, changes, source) -> list[AuditRow]:
    return council_audit_rows(
        council_id=contract.council_id, subject=subject, subject_id=subject_id, label=contract.reference,
        actor=actor, action=action, changes=changes, source=source,
    )  # fmt: skip


def _check_contract(
    *, council: Council, contract: Contract | None, reference: str, organisation: Organisation, starts_on: date,
    ends_on: date | None, contract_officer: User | None, workplaces: Sequence[Workplace],
) -> None:  # fmt: skip
    errors: dict[str, str] = {}
    taken = Contract.objects.filter(council=council, reference__iexact=reference)
    if contract is not None:
        taken = taken.exclude(pk=contract.pk)
    if not reference:
        errors["reference"] = "Enter the contract reference"
    elif taken.exists():
        errors["reference"] = "The council already has a contract with this reference"
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if any(place.organisation_id != organisation.pk for place in workplaces):
        errors["workplaces"] = "Choose workplaces of this organisation only"
    if contract_officer is not None and not contract_officers(council).filter(pk=contract_officer.pk).exists():
        errors["contract_officer"] = "Choose one of the council's contract officers"
    if errors:
        raise ValidationError(errors)


def _contract_write(
    *, council: Council, actor: User | None, contract: Contract | None, reference: str, organisation: Organisation,
    starts_on: date, ends_on: date | None, contract_officer: User | None, workplaces: Sequence[Workplace],
    source: str,
) -> tuple[Contract, list[AuditRow]]:  # fmt: skip
    reference = reference.strip()
    _check_contract(council=council, contract=contract, reference=reference, organisation=organisation,
                    starts_on=starts_on, ends_on=ends_on, contract_officer=contract_officer, workplaces=workplaces)
    before = _contract_snapshot(contract) if contract is not None else {}
    if contract is None:
        contract = Contract(council=council, organisation=organisation)
    elif contract.organisation_id != organisation.pk:
        raise ValidationError({"organisation": "A contract's organisation cannot change: end it and add a new one"})
    contract.reference, contract.starts_on, contract.ends_on = reference, starts_on, ends_on
    contract.contract_officer = contract_officer
    adding = contract.pk is None
    contract.save()
    if {p.pk for p in workplaces} != set(contract.workplaces.values_list("pk", flat=True)):
        contract.workplaces.set(workplaces)
    after = _contract_snapshot(contract, workplaces)
    rows = _audit(contract, subject="contract", subject_id=contract.pk, actor=actor,
                  action="contract_added" if adding else "contract_changed",
                  changes=field_changes(before=before, after=after), source=source)  # fmt: skip
    return contract, rows


@transaction.atomic
def contract_save(
    *, council: Council, actor: User, contract: Contract | None = None, reference: str, organisation: Organisation,
    starts_on: date, ends_on: date | None = None, contract_officer: User | None = None,
    workplaces: Sequence[Workplace] = (), source: str = ChangeRecord.Source.WEB,
) -> Contract:  # fmt: skip
    """Add a contract (`contract` None) or vary one, audited field by field."""
    saved, rows = _contract_write(
        council=council, actor=actor, contract=contract, reference=reference, organisation=organisation,
        starts_on=starts_on, ends_on=ends_on, contract_officer=contract_officer, workplaces=list(workplaces),
        source=source,
    )  # fmt: skip
    audit_write(rows)
    return saved


@transaction.atomic
def contract_end(*, contract: Contract, ends_on: date, actor: User) -> Contract:
    """End a contract on `ends_on` (its requirements stay on record; rounds after it no longer include it)."""
    if ends_on < contract.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date"})
    before = {"ends_on": contract.ends_on}
    contract.ends_on = ends_on
    contract.save(update_fields=["ends_on", "updated_at"])
    audit_write(_audit(contract, subject="contract", subject_id=contract.pk, actor=actor, action="contract_ended",
                       changes=field_changes(before=before, after={"ends_on": ends_on}),
                       source=ChangeRecord.Source.WEB))  # fmt: skip
    return contract


def _check_requirement(*, kind, threshold, key_fields, due_rule, due_days, due_months) -> dict[str, str]:
    errors = {}
    if kind not in REQUIREMENT_KINDS:
        errors["kind"] = "Choose what the contract requires"
    if not 0 <= threshold <= 100:
        errors["completeness_threshold"] = "Enter a whole percentage from 0 to 100"
    unknown = [f for f in key_fields if f not in STAFF_FIELD_LABELS]
    if unknown:
        errors["key_fields"] = "Choose staff record fields from the list"
    if due_rule == DueRule.CONTRACT_ANNIVERSARY and (due_months is None or not 0 <= due_months <= MAX_DUE_MONTHS):
        errors["due_months"] = f"Enter the number of months after the anniversary, from 0 to {MAX_DUE_MONTHS}"
    if due_rule == DueRule.DAYS_AFTER_WINDOW and (due_days is None or not 0 <= due_days <= MAX_DUE_DAYS):
        errors["due_days"] = f"Enter the number of days after the window opens, from 0 to {MAX_DUE_DAYS}"
    if due_rule not in DUE_RULE_LABELS:
        errors["due_rule"] = "Choose when it is due"
    return errors


def _requirement_write(
    *, contract: Contract, actor: User | None, requirement: ContractRequirement | None, kind: str,
    completeness_threshold: int = 90, key_fields: Sequence[str] = (), due_rule: str = DueRule.ROUND_DUE_DATE,
    due_days: int | None = None, due_months: int | None = None, source: str,
) -> tuple[ContractRequirement, list[AuditRow]]:  # fmt: skip
    errors = _check_requirement(kind=kind, threshold=completeness_threshold, key_fields=key_fields,
                                due_rule=due_rule, due_days=due_days, due_months=due_months)  # fmt: skip
    clash = ContractRequirement.objects.filter(contract=contract, kind=kind)
    if requirement is not None:
        clash = clash.exclude(pk=requirement.pk)
    if kind in REQUIREMENT_KINDS and clash.exists():
        errors["kind"] = f"This contract already has the requirement ‘{REQUIREMENT_KINDS[kind]}’: change that one"
    if errors:
        raise ValidationError(errors)
    before = requirement_summary(requirement) if requirement is not None else {}
    adding = requirement is None
    requirement = requirement or ContractRequirement(contract=contract)
    requirement.kind, requirement.due_rule = kind, due_rule
    requirement.due_days = due_days if due_rule == DueRule.DAYS_AFTER_WINDOW else None
    requirement.due_months = due_months if due_rule == DueRule.CONTRACT_ANNIVERSARY else None
    if kind == ContractRequirement.Kind.ANNUAL_RETURN:
        requirement.completeness_threshold, requirement.key_fields = completeness_threshold, list(key_fields)
    requirement.save()
    rows = _audit(contract, subject="requirement", subject_id=requirement.pk, actor=actor,
                  action="requirement_added" if adding else "requirement_changed",
                  changes=field_changes(before=before, after=requirement_summary(requirement)), source=source)  # fmt: skip
    return requirement, rows


@transaction.atomic
def requirement_save(
    *, contract: Contract, actor: User, requirement: ContractRequirement | None = None, kind: str,
    completeness_threshold: int = 90, key_fields: Sequence[str] = (), due_rule: str = DueRule.ROUND_DUE_DATE,
    due_days: int | None = None, due_months: int | None = None,
) -> ContractRequirement:  # fmt: skip
    """Add a requirement to a contract or change one (one of each kind per contract), audited."""
    saved, rows = _requirement_write(
        contract=contract, actor=actor, requirement=requirement, kind=kind,
        completeness_threshold=completeness_threshold, key_fields=key_fields, due_rule=due_rule, due_days=due_days,
        due_months=due_months, source=ChangeRecord.Source.WEB,
    )  # fmt: skip
    audit_write(rows)
    return saved


# The contracts register --------------------------------------------------------------------------------------


def _register_lookups(council: Council) -> dict:
    organisations: dict[str, int] = {}
    for pk, slug, cqc in Organisation.objects.values_list("pk", "slug", "cqc_provider_id"):
        organisations[slug.lower()] = pk
        if cqc:
            organisations.setdefault(cqc.strip().lower(), pk)
    workplaces: dict[int, dict[str, int]] = {}
    for pk, org_id, ref in Workplace.objects.values_list("pk", "organisation_id", "local_ref"):
        workplaces.setdefault(org_id, {})[ref.strip().lower()] = pk
    officers = {email.lower(): pk for pk, email in contract_officers(council).values_list("pk", "email")}
    key_fields = {name: name for name in STAFF_FIELD_LABELS} | {
        label.lower(): name for name, label in STAFF_FIELD_LABELS.items()
    }
    return {"organisations": organisations, "workplaces": workplaces, "officers": officers, "key_fields": key_fields}


def register_check(*, council: Council, text: str) -> tuple[list[ContractRow], list[Problem]]:
    """Read and check a contracts register without saving anything."""
    result = parse_register(text, **_register_lookups(council))
    return result.rows, result.problems


@transaction.atomic
def register_import(*, council: Council, actor: User, text: str) -> tuple[list[Contract], list[Problem]]:
    """Import a contracts register: every row is checked first and nothing is saved unless every row is right.
    A reference the council already has varies that contract; a new one adds a contract. Audited as an upload."""
    rows, problems = register_check(council=council, text=text)
    if problems:
        return [], problems
    existing = {c.reference.lower(): c for c in Contract.objects.filter(council=council).select_related(
        "organisation", "contract_officer")}  # fmt: skip
    organisations = Organisation.objects.in_bulk({row.organisation_id for row in rows})
    officers = User.objects.in_bulk({row.officer_id for row in rows if row.officer_id})
    places = Workplace.objects.in_bulk({pk for row in rows for pk in row.workplace_ids})
    saved, audit, errors = [], [], []
    source = ChangeRecord.Source.UPLOAD
    for row in rows:
        contract = existing.get(row.reference.lower())
        try:
            contract, contract_rows = _contract_write(
                council=council, actor=actor, contract=contract, reference=row.reference,
                organisation=organisations[row.organisation_id], starts_on=row.starts_on, ends_on=row.ends_on,
                contract_officer=officers.get(row.officer_id), workplaces=[places[pk] for pk in row.workplace_ids],
                source=source,
            )  # fmt: skip
            audit.extend(contract_rows)
            current = {r.kind: r for r in contract.requirements.all()}
            for wanted in row.requirements:
                _, requirement_rows = _requirement_write(
                    contract=contract, actor=actor, requirement=current.get(wanted.kind), kind=wanted.kind,
                    completeness_threshold=wanted.completeness_threshold, key_fields=wanted.key_fields,
                    due_rule=wanted.due_rule, due_days=wanted.due_days, due_months=wanted.due_months, source=source,
                )  # fmt: skip
                audit.extend(requirement_rows)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                column = REGISTER_COLUMNS.get(field, field)
                errors.extend(Problem(row.line, column, row.reference if column == "reference" else "", message)
                              for message in messages)  # fmt: skip
            continue
        saved.append(contract)
    if errors:
        transaction.set_rollback(True)
        return [], errors
    audit_write(audit)
    return saved, []
