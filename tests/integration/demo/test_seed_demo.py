"""`seed_demo` is alive on any day: run at three dates (a year end, a leap day, midsummer), each twice, then later.

On each date the demo round's window contains the day and its due date is ahead; last year's round has its whole
ladder run (escalated, on the default list, an extension, an exemption); a second run the same day changes nothing;
a run weeks later keeps working and the demo is still alive then.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command

from collection.models import CollectionRound
from compliance.models import ChaseRecord, Exemption, Extension
from compliance.selectors import default_list, organisation_compliance
from config import clock
from providers.models import Council, Organisation

pytestmark = pytest.mark.dates

DAYS = ["2026-12-31", "2028-02-29", "2027-06-15"]


def _snapshot() -> dict:
    """Row counts of every table the demo writes, and the demo rounds' dates."""
    counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in
              {"providers", "collection", "surveys", "compliance", "uploads", "exports", "api"}}  # fmt: skip
    rounds = {r.slug: (r.window_opens, r.due_date, r.closes) for r in CollectionRound.objects.all()}
    return {"counts": counts, "rounds": rounds}


def _seed() -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _statuses(slug: str, day: date) -> tuple[dict, dict]:
    found = organisation_compliance(organisation=Organisation.objects.get(slug=slug), today=day, with_messages=False)
    live = {(r.unit.round.slug, r.unit.place_name): r.status_value for r in found["rows"]}
    history = {(r.unit.round.slug, r.unit.place_name): r.status_value for r in found["history"]}
    return live, history


def _assert_alive(day: date) -> None:
    current = CollectionRound.objects.get(slug="demo")
    previous = CollectionRound.objects.get(slug="demo-previous")
    assert current.window_opens <= day < current.due_date <= current.closes
    assert previous.closes < day
    # Work to do this round: a return in progress, one returned for correction, one not started.
    live, history = _statuses("demo-care-group", day)
    assert live[("demo", "Oak House Care Home")] == "due"
    assert history[("demo-previous", "Ash Court")] == "exempt"
    assert history[("demo-previous", "Elm Lodge Nursing Home")] == "complied"  # inside its extension
    # The chased provider still sees last year's debt, escalated, next to this year's round.
    home, _ = _statuses("demo-home-care", day)
    assert home[("demo-previous", "Demo Home Care – City branch")] == "escalated"
    assert [e["organisation"].slug for e in default_list(council=Council.objects.get(slug="demo-county"))] == [
        "demo-home-care"
    ]
    individual, _ = _statuses("demo-individual", day)
    assert "overdue" not in individual.values() and "escalated" not in individual.values()
    assert Extension.objects.filter(round=previous).count() == 1
    assert Exemption.objects.filter(round=previous).count() == 1
    # This year's chase so far: the invitation went to everyone when the window opened.
    assert ChaseRecord.objects.filter(round=current, step="invitation", status="sent").exists()


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.today(d), id=d) for d in DAYS])
def test_the_demo_is_alive_and_idempotent_on_any_day(db, day, move_clock_to):
    today = clock.today()
    assert today.isoformat() == day
    _seed()
    _assert_alive(today)
    before = _snapshot()
    _seed()
    assert _snapshot() == before, "running seed_demo twice on the same day changed the data"

    later = today + timedelta(days=30)  # past the due date of the first run's round
    move_clock_to(later)
    _seed()
    _assert_alive(later)


def test_make_run_seeds_in_demo_mode_so_the_synthetic_council_is_built():
    """`make run` seeds before it starts the server; without DEMO_MODE the seed skips the synthetic council and its
    analyst (DEMO_SYNTHETIC_STAFF is 0 outside demo mode), and the README's sign-in would not exist."""
    from pathlib import Path

    recipe = Path(__file__).resolve().parents[3].joinpath("Makefile").read_text().split("\nrun:", 1)[1].split("\n\n")[0]
    seed = next(line for line in recipe.splitlines() if "seed_demo" in line)
    assert "DEMO_MODE=1" in seed
