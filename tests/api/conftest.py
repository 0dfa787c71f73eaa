"""API fixtures: a round and a return for the `world`'s workplaces, valid staff-record payloads, and clients that
send a personal API token."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from collection.models import CollectionRound, StaffRecord, WorkforceReturn
from tests.factories.api import token_for

SNAPSHOT = date(2026, 3, 31)
VALID_RECORD = {
    "local_ref": "CW-001",
    "job_role": "8",
    "contract_type": "1",
    "zero_hours": "2",
    "contracted_hours": "37.5",
    "pay_interval": "3",
    "pay_rate": "12.50",
    "gender": "2",
    "ethnicity": "31",
    "nationality": "826",
    "disability": "0",
    "birth_year": 1985,
    "start_date": "2020-06-01",
    "year_started_in_sector": 2015,
    "recruitment_source": "2",
    "sickness_days": "3.5",
    "care_certificate": "1",
    "social_care_qualification": "1",
    "social_care_level": "3",
    "other_qualification": "2",
    "apprenticeship": "2",
}


def record_payload(**changes) -> dict:
    return {**VALID_RECORD, **changes}


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def round_(db) -> CollectionRound:
    found, _ = CollectionRound.objects.get_or_create(
        slug="r2026",
        defaults={
            "name": "Workforce return 2026",
            "snapshot_date": SNAPSHOT,
            "window_opens": date(2026, 4, 1),
            "due_date": date(2026, 6, 30),
            "closes": date(2026, 7, 31),
        },
    )
    return found


@pytest.fixture
def return_a(world, round_) -> WorkforceReturn:
    return WorkforceReturn.objects.get_or_create(workplace=world.workplace_a, round=round_)[0]


@pytest.fixture
def return_b(world, round_) -> WorkforceReturn:
    return WorkforceReturn.objects.get_or_create(workplace=world.workplace_b, round=round_)[0]


def make_record(workforce_return: WorkforceReturn, **changes) -> StaffRecord:
    values = record_payload(**changes)
    return StaffRecord.objects.create(workforce_return=workforce_return, **values)


@pytest.fixture
def api_client():
    """`api_client(user)` -> an APIClient sending that user's fresh token; `api_client()` -> no credentials."""

    def build(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            _, raw = token_for(user, "Test system")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return build


def base(world, round_, *, org=None, workplace=None) -> str:
    """The URL of the return of org A's workplace (or the given ones) in `round_`."""
    org = org or world.org_a.slug
    workplace = workplace or world.workplace_a.pk
    return f"/api/v1/organisations/{org}/workplaces/{workplace}/returns/{round_.slug}/"


def codes(response) -> list[str]:
    return [error["code"] for error in response.json()["errors"]]
