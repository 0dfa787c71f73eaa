"""The service's own download, uploaded again unchanged, gives no warning and changes nothing: not on the demo data,
and not for answers of every kind entered through the web's services (a domiciliary workplace with travel time at a
different rate, a pension percentage, sleep-ins, yearly salaries, zero-hours contracts, "other" job roles, visas).

Answers the web keeps that the ASC-WDS file cannot carry for a workplace (travel time for a care home, say) are left
out of the download and not compared, so they never come back as "changes that will not be saved"."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from collection.models import CollectionRound, WorkforceReturn
from collection.services import return_pay_update, staff_record_create
from providers.models import Organisation, User, Workplace
from uploads.services import upload_check

pytestmark = pytest.mark.django_db

ORGANISATIONS = ("demo-care-group", "demo-home-care", "demo-micro")  # the demo's organisations with workplaces


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())


def _download(client, slug: str, round_slug: str) -> list[tuple[str, bytes]]:
    """The zip a provider admin downloads from the uploads page, as its two files."""
    admin = User.objects.filter(memberships__organisation__slug=slug, memberships__role="admin").first()
    client.force_login(admin)
    response = client.get(reverse("uploads:download", kwargs={"org": slug}), {"round": round_slug})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _round_trip(client, slug: str, round_slug: str) -> list[str]:
    files = _download(client, slug, round_slug)
    checked = upload_check(organisation=Organisation.objects.get(slug=slug),
                           round=CollectionRound.objects.get(slug=round_slug), files=files)
    result = checked.result
    problems = [f"{p.file} line {p.line} {p.column} {p.code}: {p.message} ({p.value!r})"
                for p in (*result.errors, *result.warnings)]
    problems += [f"{plan.local_est_id} {getattr(plan, 'worker_id', '')} would be {plan.action}"
                 for plan in (*result.workplaces, *result.staff) if plan.action != "unchanged"]
    return problems


@pytest.mark.parametrize("round_slug", ["demo", "demo-previous"])
def test_the_demo_download_uploads_again_with_no_warning(demo, client, round_slug):
    problems = {slug: _round_trip(client, slug, round_slug) for slug in ORGANISATIONS}
    assert not any(problems.values()), problems


def test_answers_of_every_kind_come_back_unchanged(demo, client):
    round_ = CollectionRound.objects.get(slug="demo")
    home = Workplace.objects.get(organisation__slug="demo-home-care")
    care_home = Workplace.objects.filter(organisation__slug="demo-care-group").order_by("local_ref").first()
    for place, pay in (
        (home, {"pension": "1", "pension_percentage": Decimal("5.5"), "travel_time_pay": "3",
                "travel_time_rate": Decimal("11.50"), "sleep_ins": "1", "sleep_in_pay": "2"}),
        (care_home, {"pension": "1", "pension_percentage": Decimal("4"), "sleep_ins": "1", "sleep_in_pay": "1",
                     "travel_time_pay": "3", "travel_time_rate": Decimal("12")}),  # travel time: not in the file
    ):
        held = WorkforceReturn.objects.get(workplace=place, round=round_)
        if held.state != WorkforceReturn.State.IN_PROGRESS:
            WorkforceReturn.objects.filter(pk=held.pk).update(state=WorkforceReturn.State.IN_PROGRESS)
            held.refresh_from_db()
        return_pay_update(workforce_return=held, actor=None, data=pay, confirm_warnings=True)
        records = [
            {"local_ref": "RT-SALARY", "job_role": "4" if place.is_cqc_regulated else "3", "contract_type": "1",
             "zero_hours": "2", "contracted_hours": Decimal("40"), "pay_interval": "1", "pay_rate": Decimal("38500"),
             "gender": "1", "ethnicity": "39", "nationality": "356", "country_of_birth": "356", "health_care_visa": "1", "disability": "2",
             "birth_year": 1979, "start_date": date(2018, 2, 28), "year_started_in_sector": 2005,
             "recruitment_source": "5", "sickness_days": Decimal("4.5"), "care_certificate": "3",
             "social_care_qualification": "1", "social_care_level": "5", "other_qualification": "1",
             "other_qualification_level": "6", "apprenticeship": "2"},
            {"local_ref": "RT-ZERO", "job_role": "23", "job_role_other": "Night carer, dementia floor",
             "contract_type": "1", "zero_hours": "1", "average_hours": Decimal("22.5"), "pay_interval": "3",
             "pay_rate": Decimal("12.75"), "gender": "4", "ethnicity": "99", "nationality": "998", "country_of_birth": "998", "disability": "3",
             "birth_year": 2001, "recruitment_source": "18", "care_certificate": "2",
             "social_care_qualification": "999", "other_qualification": "2", "apprenticeship": "1"},
            {"local_ref": "RT-BANK", "job_role": "8", "contract_type": "3", "zero_hours": "999",
             "average_hours": Decimal("9"), "pay_interval": "999", "gender": "2", "nationality": "826"},
        ]
        for values in records:
            staff_record_create(workforce_return=held, actor=None, data=values, confirm_warnings=True)
    problems = {slug: _round_trip(client, slug, "demo") for slug in ("demo-care-group", "demo-home-care")}
    assert not any(problems.values()), problems
