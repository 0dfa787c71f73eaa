"""Demo data for hearing from the frontline (issue 20), called by `surveys.demo.seed`. Idempotent: everything is
keyed on fixed slugs and references, and survey answers are topped up to fixed numbers.

Demo County gets four peer providers ("Peer Care 1" to "Peer Care 4": 10 care homes of the same main service as
Oak House and 2 nursing homes), contracted with no requirements (so never chased), with returns in both demo rounds and released staff
survey answers in both, so that:

- Oak House's benchmarks for last year's round (its return was accepted) show real quartiles;
- the analysts' insight pages show a trend across the two rounds, a heatmap and the driver view;
- the home-care branch (accepted this round, the only home-care workplace) shows "not enough workplaces to
  compare" for every figure, Elm Lodge stays under 10 answers ("fewer than 10 responses"), and Oak House's staff
  survey reaches "50 % or more" of its 10 staff.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from collection.models import CollectionRound, JobRoleCount, StaffRecord, WorkforceReturn
from providers.demo import DemoContext
from providers.models import Contract, Organisation, Workplace
from surveys.models import Campaign, Response
from surveys.questionnaires import get_questionnaire
from surveys.synthetic import synthetic_answers

PEERS = 4
HOMES_PER_PEER = (4, 3, 3, 2)
SERVICE = "2"  # the main service of Oak House and Ash Court (peers 1 to 3)
NURSING = "1"  # the main service of Elm Lodge (peer 4), so the heatmap has more than two service types
DISTRICTS = ("North Vale", "South Vale", "Riverside")
JOB_ROLES = ("8", "8", "8", "7", "10", "25")  # mostly care workers, some seniors and nurses
STATE_NOW, STATE_BEFORE = WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED


def seed(context: DemoContext) -> None:
    council = context.councils["demo-county"]
    current = CollectionRound.objects.get(slug="demo")
    previous = CollectionRound.objects.get(slug="demo-previous")
    for p in range(1, PEERS + 1):
        organisation, _ = Organisation.objects.update_or_create(
            slug=f"demo-peer-{p}", defaults={"name": f"Peer Care {p} Ltd", "kind": Organisation.Kind.PROVIDER}
        )
        contract, _ = Contract.objects.update_or_create(
            council=council, reference=f"DEMO-PEER-{p}",
            defaults={"organisation": organisation, "starts_on": previous.window_opens - timedelta(days=365)},
        )  # fmt: skip
        for h in range(1, HOMES_PER_PEER[p - 1] + 1):
            rng = random.Random(f"peer-{p}-{h}")
            workplace, _ = Workplace.objects.update_or_create(
                organisation=organisation, local_ref=f"PEER{p}-{h}",
                defaults={"name": f"Peer Care {p}: Home {h}", "main_service": SERVICE if p < PEERS else NURSING,
                          "is_active": True,
                          "district": DISTRICTS[(p + h) % len(DISTRICTS)], "address1": f"{h} Peer Street",
                          "postcode": "DE1 1AA", "is_cqc_regulated": True, "capacity": rng.randint(20, 60),
                          "cqc_location_id": f"1-{2000000000 + 100 * p + h}", "employer_type": "6"},
            )  # fmt: skip
            for round_, state, answers in ((previous, STATE_BEFORE, rng.randint(10, 18)),
                                           (current, STATE_NOW, rng.randint(10, 20))):  # fmt: skip
                _peer_return(workplace, round_, state=state, rng=random.Random(f"{workplace.local_ref}-{round_.slug}"))
                _survey(workplace, round_, council=council, wanted=answers, seed=f"{workplace.local_ref}-{round_.slug}")
    # Oak House's staff answered last year too (its trend and its own benchmark on survey indicators)
    _survey(context.workplaces["oak"], previous, council=council, wanted=14, seed="oak-previous")


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def _peer_return(workplace: Workplace, round_: CollectionRound, *, state: str, rng: random.Random) -> None:
    staff = rng.randint(18, 34)
    found, _ = WorkforceReturn.objects.update_or_create(
        workplace=workplace, round=round_,
        defaults={"state": state, "total_staff": staff, "starters_declared": "with_jobs",
                  "leavers_declared": "with_jobs", "vacancies_declared": "with_jobs",
                  "submitted_at": _at(round_.window_opens + timedelta(days=rng.randint(5, 30))),
                  "submission_reference": f"WR-DEMO-{workplace.local_ref}", "is_complete": True,
                  "progress_percent": 100, "records_complete_percent": 100},
    )  # fmt: skip
    JobRoleCount.objects.update_or_create(
        workforce_return=found, job_role="8",
        defaults={"leavers": rng.randint(0, 5), "starters": rng.randint(0, 5), "vacancies": rng.randint(0, 3)},
    )  # fmt: skip
    for n in range(1, staff + 1):
        hourly = Decimal(rng.randint(1230, 1520)) / 100
        StaffRecord.objects.update_or_create(
            workforce_return=found, local_ref=f"{workplace.local_ref}-{n}",
            defaults={"job_role": rng.choice(JOB_ROLES), "contract_type": "1", "zero_hours": rng.choice("1222"),
                      "contracted_hours": Decimal("30"), "pay_interval": "3", "pay_rate": hourly,
                      "gender": rng.choice("12"), "ethnicity": "31", "nationality": "826", "disability": "0",
                      "birth_year": rng.randint(1965, 2002), "start_date": date(2020, 1, 1),
                      "year_started_in_sector": 2015, "recruitment_source": "2",
                      "sickness_days": Decimal(rng.randint(0, 12)), "care_certificate": rng.choice("1123"),
                      "social_care_qualification": rng.choice("112"), "social_care_level": rng.choice("2233"),
                      "other_qualification": "2", "apprenticeship": "2"},
        )  # fmt: skip


def _survey(workplace: Workplace, round_: CollectionRound, *, council, wanted: int, seed: str) -> None:
    campaign, _ = Campaign.objects.get_or_create(
        workplace=workplace, round=round_, kind="satisfaction",
        defaults={"council": council, "distributed_on": round_.window_opens + timedelta(days=7)},
    )  # fmt: skip
    questionnaire = get_questionnaire(campaign.kind, campaign.questionnaire_version)
    for n in range(campaign.responses.count(), wanted):
        rng = random.Random(f"{seed}-{n}")
        leaving = rng.random() < 0.35
        overrides = {"employer_type": "care_home",
                     "think_about_leaving": rng.choice(("often", "always") if leaving else ("never", "rarely", "sometimes"))}
        overrides["bullied_by"] = ["none"] if rng.random() < 0.8 else [rng.choice(("colleagues", "people_supported"))]
        if leaving:  # people thinking of leaving are less positive about pay and time to care
            overrides.update(pay_fair=rng.choice(("strongly_disagree", "disagree")),
                             time_to_care=rng.choice(("disagree", "neither")))
        Response.objects.create(campaign=campaign, kind=campaign.kind,
                                questionnaire_version=campaign.questionnaire_version,
                                answers=synthetic_answers(questionnaire, rng=rng, overrides=overrides))  # fmt: skip
