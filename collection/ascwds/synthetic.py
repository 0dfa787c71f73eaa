"""A seeded generator of valid ASC-WDS upload files (for tests, the benchmark and browser tests).

`synthetic_data(workplaces=N, staff=M, seed=S)` gives records as ExistingData-shaped mappings;
`synthetic_files(...)` gives the two CSV files (STATUS NEW) that upload them. The same seed gives the same files.
Every workplace is a CQC-regulated care home with a registered manager, total staff equal to its staff rows,
leaver reasons adding up to its leavers, and pay above the National Living Wage.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from collection.ascwds.export import export_files
from collection.ascwds.result import ExistingData, ExistingWorkplace
from collection.rules.records import JobRoleCount, StaffRecordData, WorkplaceData, WorkplaceSectionData

POSTCODES = ("LE11 3TU", "LE10 1AA", "LE13 0UR", "LE16 7AG", "LE1 5WW", "NG1 1AA")
ETHNICITIES = ("31", "32", "34", "39", "41", "44", "45", "98", "99")
NATIONALITIES = ("826", "826", "826", "616", "566", "356")


def synthetic_data(*, workplaces: int, staff: int, seed: int = 1) -> ExistingData:
    """N workplaces and M staff records spread across them (at least one per workplace when M >= N)."""
    rng = random.Random(seed)
    per_workplace = [staff // workplaces + (1 if i < staff % workplaces else 0) for i in range(workplaces)]
    held_workplaces: dict[str, ExistingWorkplace] = {}
    held_staff: dict[tuple[str, str], StaffRecordData] = {}
    for w, count in enumerate(per_workplace, start=1):
        key = f"WP{seed:03d}{w:05d}"
        records = [_staff(rng, ref=f"{key}-S{s:05d}", manager=s == 1) for s in range(1, count + 1)]
        for record in records:
            held_staff[(key, record.local_ref)] = record
        held_workplaces[key] = ExistingWorkplace(workplace=_workplace(rng, w, seed), section=_section(rng, count))
    return ExistingData(workplaces=held_workplaces, staff=held_staff)


def synthetic_files(*, workplaces: int, staff: int, seed: int = 1) -> tuple[bytes, bytes]:
    """(workplace.csv, staff.csv) bytes with STATUS NEW on every row."""
    data = synthetic_data(workplaces=workplaces, staff=staff, seed=seed)
    return export_files(workplaces=data.workplaces, staff=data.staff, status="NEW")


def _workplace(rng: random.Random, number: int, seed: int) -> WorkplaceData:
    nursing = rng.random() < 0.5
    beds = rng.randint(10, 90)
    return WorkplaceData(
        name=f"Synthetic Court {number}",
        address1=f"{number} High Street",
        postcode=rng.choice(POSTCODES),
        is_cqc_regulated=True,
        cqc_location_id=f"1-{seed:03d}{number:07d}",
        main_service="1" if nursing else "2",
        other_services=(),
        capacity=beds,
        utilisation=rng.randint(0, beds),
        service_users=("1", "4"),
        employer_type=rng.choice(("6", "6", "7")),
    )


def _section(rng: random.Random, total: int) -> WorkplaceSectionData:
    leavers_care = rng.randint(0, max(0, total // 3 - 1))
    starters_care = rng.randint(0, total // 3)
    vacancies = rng.randint(0, 2)
    roles = (JobRoleCount(job_role="8", starters=starters_care, leavers=leavers_care, vacancies=vacancies),)
    reasons: dict[str, int] = {}
    if leavers_care:
        first = rng.randint(0, leavers_care)
        reasons = {k: v for k, v in (("1", first), ("6", leavers_care - first)) if v}

    def declared(value: int) -> str:
        return "with_jobs" if value else "none"

    return WorkplaceSectionData(
        total_staff=total,
        starters_declared=declared(starters_care),
        leavers_declared=declared(leavers_care),
        vacancies_declared=declared(vacancies),
        job_roles=roles,
        leaver_reasons=reasons,
        sick_pay="1",
        pension="1",
        pension_percentage=Decimal(4),
        holiday_days=28,
        sleep_ins="2",
        sleep_in_pay=None,
        travel_time_pay=None,
        travel_time_rate=None,
    )


def _staff(rng: random.Random, *, ref: str, manager: bool) -> StaffRecordData:
    birth_year = rng.randint(1960, 2004)
    start = date(rng.randint(max(birth_year + 18, 2005), 2025), rng.randint(1, 12), rng.randint(1, 28))
    permanent = manager or rng.random() < 0.8
    hourly = not manager and rng.random() < 0.85
    nationality = rng.choice(NATIONALITIES)
    return StaffRecordData(
        local_ref=ref,
        job_role="4" if manager else rng.choice(("8", "8", "8", "7", "26")),
        contract_type="1" if permanent else "3",
        zero_hours="2" if permanent else "1",
        contracted_hours=Decimal(rng.choice((20, 30, 37.5, 40))) if permanent else None,
        average_hours=None if permanent else Decimal(rng.choice((8, 12, 16.5))),
        pay_interval="3" if hourly else "1",
        pay_rate=Decimal(rng.randint(1300, 1650)) / 100 if hourly else Decimal(rng.randint(30000, 52000)),
        gender=rng.choice(("1", "2", "2", "2")),
        ethnicity=rng.choice(ETHNICITIES),
        nationality=nationality,
        disability=rng.choice(("0", "0", "1", "2")),
        birth_year=birth_year,
        start_date=start,
        year_started_in_sector=rng.randint(max(birth_year + 16, start.year - 10), start.year),
        recruitment_source=rng.choice(("1", "2", "12", "16")),
        sickness_days=Decimal(rng.randint(0, 20)) if permanent else None,
        care_certificate=rng.choice(("1", "2", "3")),
        social_care_qualification="1",
        social_care_level=rng.choice(("2", "3")) if not manager else "5",
        other_qualification="2",
        other_qualification_level=None,
        apprenticeship="2",
        health_care_visa=None if nationality == "826" else "2",
    )
