from datetime import date
from decimal import Decimal

import factory

from collection.models import CollectionRound, StaffRecord, WorkforceReturn
from tests.factories.providers import WorkplaceFactory


class CollectionRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    snapshot_date = date(2026, 3, 31)
    window_opens = date(2026, 4, 1)
    due_date = date(2026, 6, 30)
    closes = date(2026, 7, 31)


class WorkforceReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkforceReturn
        django_get_or_create = ["workplace", "round"]

    workplace = factory.SubFactory(WorkplaceFactory)
    round = factory.SubFactory(CollectionRoundFactory)


# A complete, valid permanent care worker on £13 an hour (above the 2025 National Living Wage of £12.21)
COMPLETE_STAFF = {
    "job_role": "8",
    "contract_type": "1",
    "zero_hours": "2",
    "contracted_hours": Decimal("37.5"),
    "pay_interval": "3",
    "pay_rate": Decimal("13.00"),
    "gender": "2",
    "ethnicity": "31",
    "nationality": "826",
    "disability": "0",
    "birth_year": 1985,
    "start_date": date(2020, 5, 1),
    "year_started_in_sector": 2015,
    "recruitment_source": "2",
    "sickness_days": Decimal("2"),
    "care_certificate": "1",
    "social_care_qualification": "1",
    "social_care_level": "3",
    "other_qualification": "2",
    "apprenticeship": "2",
}


class StaffRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRecord
        django_get_or_create = ["workforce_return", "local_ref"]

    workforce_return = factory.SubFactory(WorkforceReturnFactory)
    local_ref = factory.Sequence(lambda n: f"S{n:04d}")
    job_role = COMPLETE_STAFF["job_role"]
    contract_type = COMPLETE_STAFF["contract_type"]
    zero_hours = COMPLETE_STAFF["zero_hours"]
    contracted_hours = COMPLETE_STAFF["contracted_hours"]
    pay_interval = COMPLETE_STAFF["pay_interval"]
    pay_rate = COMPLETE_STAFF["pay_rate"]
    gender = COMPLETE_STAFF["gender"]
    ethnicity = COMPLETE_STAFF["ethnicity"]
    nationality = COMPLETE_STAFF["nationality"]
    disability = COMPLETE_STAFF["disability"]
    birth_year = COMPLETE_STAFF["birth_year"]
    start_date = COMPLETE_STAFF["start_date"]
    year_started_in_sector = COMPLETE_STAFF["year_started_in_sector"]
    recruitment_source = COMPLETE_STAFF["recruitment_source"]
    sickness_days = COMPLETE_STAFF["sickness_days"]
    care_certificate = COMPLETE_STAFF["care_certificate"]
    social_care_qualification = COMPLETE_STAFF["social_care_qualification"]
    social_care_level = COMPLETE_STAFF["social_care_level"]
    other_qualification = COMPLETE_STAFF["other_qualification"]
    apprenticeship = COMPLETE_STAFF["apprenticeship"]
