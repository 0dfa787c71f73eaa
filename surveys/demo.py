"""Demo survey data (called by manage.py seed_demo). Idempotent: keyed on fixed link codes; responses are topped up
to a fixed number, never added twice.

- Oak House: staff survey with 12 responses, so its results show.
- Elm Lodge: staff survey with 6 responses, so its results are withheld.
- Demo County payroll channel: exit survey for Personal Assistants with 12 responses.
"""

from __future__ import annotations

import random
from datetime import timedelta

from collection.models import CollectionRound
from providers.demo import DemoContext
from surveys import demo_frontline
from surveys.models import Campaign, Channel, LocalQuestionSet, Response
from surveys.questionnaires import get_questionnaire
from surveys.services import releases_make
from surveys.synthetic import synthetic_answers

# code, workplace key (or None), council slug, kind, channel, responses wanted
CAMPAIGNS = [
    ("oakhouse26", "oak", "demo-county", "satisfaction", "", 12),
    ("elmlodge26", "elm", "demo-county", "satisfaction", "", 6),
    ("papayroll26", None, "demo-county", "exit", Channel.PAYROLL, 12),
]
LOCAL_QUESTIONS = {
    ("demo-county", "satisfaction"): [
        {
            "key": "local_heard_of_care_academy",
            "type": "yes_no",
            "text": "Have you heard of the Demo County Care Academy?",
            "hint": "It offers free training to care staff in the county.",
            "options": [],
            "required": False,
            "version": 1,
        }
    ]
}


def seed(context: DemoContext) -> None:
    round_ = CollectionRound.objects.get(slug="demo")
    for (slug, kind), questions in LOCAL_QUESTIONS.items():
        LocalQuestionSet.objects.update_or_create(
            council=context.councils[slug], kind=kind, defaults={"questions": questions}
        )
    for code, workplace_key, council_slug, kind, channel, wanted in CAMPAIGNS:
        campaign, _ = Campaign.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "round": round_,
                "workplace": context.workplaces[workplace_key] if workplace_key else None,
                "council": context.councils[council_slug],
                "channel": channel,
                "invited_count": 20 if workplace_key else None,
                "distributed_on": round_.window_opens + timedelta(days=7) if workplace_key else None,
            },
        )
        _top_up(campaign, wanted=wanted)
    demo_frontline.seed(context)  # peers, both rounds' answers: benchmarks and insight (issue 20)
    releases_make(today=context.today)  # the demo's results are released at once, as the daily task would


def _top_up(campaign: Campaign, *, wanted: int) -> None:
    questionnaire = get_questionnaire(campaign.kind, campaign.questionnaire_version)
    have = campaign.responses.count()
    for n in range(have, wanted):
        rng = random.Random(f"{campaign.code}-{n}")
        overrides = {"employer_type": "pa"} if campaign.channel else {"employer_type": "care_home"}
        if campaign.kind == "exit":
            overrides["exploitation"] = "yes" if n == 3 else "no"
        Response.objects.create(
            campaign=campaign,
            kind=campaign.kind,
            questionnaire_version=campaign.questionnaire_version,
            answers=synthetic_answers(questionnaire, rng=rng, overrides=overrides),
        )
