"""A realistically sized synthetic council in the database, for the demo and the tests (issue 17 item 6).

`populate_council` bulk-creates organisations, workplaces (contracted by the council), and for every round one
return per workplace with its staff records, job-role and leaver-reason counts, all drawn by
`exports.synthetic.make_council` (seeded: the same arguments give the same data). `seed_synthetic_council` makes
the demo's "Synthetic Shire Council (synthetic data)" - 600 workplaces, about 16,000 staff - once; running it again
does nothing (`exports.demo` calls it from `seed_demo`). Nothing here is real, and every name says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from exports.synthetic import make_council
from providers import reference
from providers.models import Contract, ContractRequirement, Council, Organisation, Workplace

STAFF_FIELDS = (
    "job_role", "contract_type", "zero_hours", "contracted_hours", "average_hours", "pay_interval", "pay_rate",
    "gender", "ethnicity", "nationality", "disability", "birth_year", "recruitment_source", "sickness_days",
    "care_certificate", "social_care_qualification", "social_care_level", "health_care_visa",
)
DECIMALS = {"contracted_hours": "0.1", "average_hours": "0.1", "pay_rate": "0.01", "sickness_days": "0.1"}
SLUG = "synthetic-shire"
NAME = "Synthetic Shire Council (synthetic data)"
SYNTHETIC_ANALYST = "synthetic.analyst@example.com"  # the demo's analyst of the synthetic council


def seed_synthetic_council(*, collection_round: CollectionRound, workplaces: int = 600, staff: int = 16_000,
                           seed: int = 17) -> Council:
    """The demo's synthetic council, contracted with `workplaces` synthetic workplaces that returned for the round.
    Idempotent: a council that already has its contracts is left as it is."""
    council, _ = Council.objects.get_or_create(slug=SLUG, defaults={"name": NAME, "districts": []})
    if not Contract.objects.filter(council=council).exists():
        populate_council(council=council, rounds=[collection_round], workplaces=workplaces, staff=staff, seed=seed,
                         prefix="synshire")
    from providers.models import CouncilMembership, User

    analyst = User.objects.filter(email=SYNTHETIC_ANALYST).first()
    if analyst is not None:
        CouncilMembership.objects.get_or_create(user=analyst, council=council, role=CouncilMembership.Role.ANALYST)
    return council


@dataclass
class PopulatedCouncil:
    council: Council
    rounds: list[CollectionRound]
    workplaces: int
    staff_per_round: int


def _clean(value, field: str):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None if field in DECIMALS or field == "birth_year" else ""
    if field in DECIMALS:
        return Decimal(str(round(float(value), 2))).quantize(Decimal(DECIMALS[field]))
    if field == "birth_year":
        return int(value)
    if isinstance(value, np.generic):
        value = value.item()
    return str(value)


def populate_council(
    *, council: Council, rounds: list[CollectionRound], workplaces: int = 600, staff: int = 16_000, seed: int = 0,
    prefix: str = "syn", batch_size: int = 5_000,
) -> PopulatedCouncil:
    """Bulk-create a synthetic council in the database: organisations, workplaces (contracted by `council`), and
    for every round one return per workplace with its staff records, job-role and leaver-reason counts.
    The return states come from the synthetic data (most submitted or accepted, a few not)."""
    base = make_council(workplaces=workplaces, staff=staff, seed=seed, snapshot_date=rounds[-1].snapshot_date)
    code_for = {}
    for row in reference.rows("main_services"):
        code_for.setdefault(row["category"], row["code"])
    org_ids = sorted(set(base.workplaces["organisation_id"]))
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Synthetic provider {i}", slug=f"{prefix}-org-{i}") for i in org_ids])
    org_by_synthetic = dict(zip(org_ids, organisations, strict=True))
    if not all(o.pk for o in organisations):  # backends without RETURNING
        found = {o.slug: o for o in Organisation.objects.filter(slug__startswith=f"{prefix}-org-")}
        org_by_synthetic = {i: found[f"{prefix}-org-{i}"] for i in org_ids}
    contracts = Contract.objects.bulk_create([
        Contract(council=council, organisation=o, reference=f"{prefix}-{o.slug}", starts_on=date(2020, 4, 1))
        for o in org_by_synthetic.values()])
    ContractRequirement.objects.bulk_create([
        ContractRequirement(contract=c, kind=ContractRequirement.Kind.ANNUAL_RETURN)
        for c in Contract.objects.filter(reference__in=[c.reference for c in contracts])])
    rows = list(base.workplaces.itertuples(index=False))
    places = Workplace.objects.bulk_create([
        Workplace(organisation=org_by_synthetic[r.organisation_id], name=f"Synthetic workplace {r.workplace_id}",
                  local_ref=f"{prefix}-{r.workplace_id}", district=r.district, main_service=code_for[r.service_group])
        for r in rows])
    place_by_synthetic = dict(zip(base.workplaces["workplace_id"], places, strict=True))
    for n, collection_round in enumerate(rounds):
        data = base if n == len(rounds) - 1 else make_council(
            workplaces=workplaces, staff=staff, seed=seed + 100 + n, snapshot_date=collection_round.snapshot_date)
        returns = WorkforceReturn.objects.bulk_create([
            WorkforceReturn(workplace=place_by_synthetic[r.workplace_id], round=collection_round,
                            state=r.return_status, total_staff=int(r.total_staff))
            for r in data.workplaces.itertuples(index=False)])
        return_by_synthetic = dict(zip(data.workplaces["workplace_id"], returns, strict=True))
        columns = {field: data.staff[field].to_numpy(dtype=object) for field in STAFF_FIELDS}
        wp = data.staff["workplace_id"].to_numpy()
        refs = data.staff["local_ref"].to_numpy()
        StaffRecord.objects.bulk_create(
            (StaffRecord(workforce_return=return_by_synthetic[wp[i]], local_ref=str(refs[i]),
                         **{field: _clean(columns[field][i], field) for field in STAFF_FIELDS})
             for i in range(len(wp))),
            batch_size=batch_size,
        )
        JobRoleCount.objects.bulk_create([
            JobRoleCount(workforce_return=return_by_synthetic[r.workplace_id], job_role=str(r.job_role),
                         starters=int(r.starters), leavers=int(r.leavers), vacancies=int(r.vacancies))
            for r in data.job_roles.itertuples(index=False)], batch_size=batch_size)
        LeaverReasonCount.objects.bulk_create([
            LeaverReasonCount(workforce_return=return_by_synthetic[w], reason=str(reason), count=int(count))
            for w, reason, count in zip(data.leaver_reasons["workplace_id"], data.leaver_reasons["reason"],
                                        data.leaver_reasons["count"], strict=True)], batch_size=batch_size)
    return PopulatedCouncil(council=council, rounds=rounds, workplaces=workplaces, staff_per_round=staff)


