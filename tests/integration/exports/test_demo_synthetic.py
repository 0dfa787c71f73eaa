"""The demo's synthetic council (issue 17 item 6): `seed_demo` builds it once with a workbook release and a sign-in
listed in the README; running it again adds nothing. (Demo mode builds 16,000 staff records; this test asks for a
small one through the same setting.)"""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import call_command

from collection.models import StaffRecord
from config.settings import BASE_DIR
from exports.models import ExportRelease
from exports.synthetic_council import NAME, SLUG, SYNTHETIC_ANALYST
from providers.models import Council, CouncilMembership

pytestmark = pytest.mark.django_db


@pytest.mark.today("2026-05-12")
def test_seed_demo_builds_the_synthetic_council_once_with_a_release(settings):
    settings.DEMO_SYNTHETIC_STAFF = 1_500
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    council = Council.objects.get(slug=SLUG)
    assert council.name == NAME and "synthetic" in council.name.lower()
    staff = StaffRecord.objects.filter(workforce_return__workplace__organisation__contracts__council=council)
    assert 1_400 <= staff.count() <= 1_600
    assert CouncilMembership.objects.filter(council=council, user__email=SYNTHETIC_ANALYST, role="analyst").exists()
    release = ExportRelease.objects.get(council=council, round__slug="demo-previous")
    assert release.status == "released" and bytes(release.content)[:2] == b"PK"
    assert SYNTHETIC_ANALYST in out.getvalue()  # printed with the other sign-ins
    assert f"| {SYNTHETIC_ANALYST} |" in (BASE_DIR / "README.md").read_text()  # and listed in the demo table

    rows = (staff.count(), ExportRelease.objects.count(), Council.objects.count())
    started = time.process_time()
    call_command("seed_demo", stdout=io.StringIO())
    assert (staff.count(), ExportRelease.objects.count(), Council.objects.count()) == rows
    assert time.process_time() - started < 30  # the second run skips the build (CPU time: the machine is shared)
