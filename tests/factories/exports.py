"""Factories for analyst exports: collection rounds, submitted returns with staff records, and whole synthetic
councils bulk-created in the database from `exports.synthetic` (for the workbook tests and the benchmark)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from exports.models import ExportFile
from exports.synthetic_council import STAFF_FIELDS, PopulatedCouncil, populate_council  # noqa: F401 - re-exported
from providers.models import Council, Workplace


class CollectionRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound
        django_get_or_create = ["slug"]

    name = factory.LazyAttribute(lambda o: f"Workforce return {o.snapshot_date.year}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    snapshot_date = date(2026, 3, 31)
    window_opens = factory.LazyAttribute(lambda o: date(o.snapshot_date.year, 4, 1))
    due_date = factory.LazyAttribute(lambda o: date(o.snapshot_date.year, 6, 30))
    closes = factory.LazyAttribute(lambda o: date(o.snapshot_date.year, 7, 31))


class ExportFileFactory(factory.django.DjangoModelFactory):
    """A finished workbook (the bytes are a stand-in, not a real workbook)."""

    class Meta:
        model = ExportFile

    council = factory.SubFactory("tests.factories.providers.CouncilFactory")
    round = factory.SubFactory(CollectionRoundFactory, slug="exports-round")
    status = ExportFile.Status.READY
    progress = 100
    file_name = "council-workforce-2026-27.xlsx"
    content = b"PK stand-in"
    size = 11
    data_version = "0123456789abcdef"


def staff_values(**overrides) -> dict:
    """One plausible staff record's fields: a care worker (8), permanent, hourly paid."""
    values = {
        "job_role": "8", "contract_type": "1", "zero_hours": "2", "contracted_hours": Decimal("37.5"),
        "average_hours": None, "pay_interval": "3", "pay_rate": Decimal("12.50"), "gender": "2", "ethnicity": "31",
        "nationality": "826", "disability": "2", "birth_year": 1985, "recruitment_source": "1",
        "sickness_days": Decimal("2.0"), "care_certificate": "1", "social_care_qualification": "1",
        "social_care_level": "2", "health_care_visa": "",
    }
    values.update(overrides)
    return values


def submitted_return(
    *, workplace: Workplace, collection_round: CollectionRound, staff: int = 10, state: str = "submitted",
    job_roles: dict[str, tuple[int, int, int]] | None = None, leavers: dict[str, int] | None = None, **staff_fields,
) -> WorkforceReturn:
    """A return with `staff` identical staff records (plus `staff_fields` overrides) and optional job-role counts
    {role: (starters, leavers, vacancies)} and leaver reasons {reason: count}."""
    workforce_return, _ = WorkforceReturn.objects.update_or_create(
        workplace=workplace, round=collection_round, defaults={"state": state, "total_staff": staff})
    StaffRecord.objects.bulk_create([
        StaffRecord(workforce_return=workforce_return, local_ref=f"R{workforce_return.pk}-S{i:04d}",
                    **staff_values(**staff_fields))
        for i in range(staff)
    ])
    JobRoleCount.objects.bulk_create([
        JobRoleCount(workforce_return=workforce_return, job_role=role, starters=s, leavers=lv, vacancies=v)
        for role, (s, lv, v) in (job_roles or {}).items()
    ])
    LeaverReasonCount.objects.bulk_create([
        LeaverReasonCount(workforce_return=workforce_return, reason=reason, count=count)
        for reason, count in (leavers or {}).items()
    ])
    return workforce_return


def export_for(council: Council) -> ExportFile:
    """The council's stand-in finished export, made on first use (the access matrix calls this repeatedly)."""
    return ExportFile.objects.filter(council=council).first() or ExportFileFactory(council=council)
