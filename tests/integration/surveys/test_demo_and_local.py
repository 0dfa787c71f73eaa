"""Demo survey data (idempotent, one workplace above the threshold and one below) and local questions as data."""

from __future__ import annotations

from datetime import date

import pytest

from surveys.local import build_questionnaire, check_local_set, key_from_text
from surveys.models import Campaign, Response
from surveys.results import council_view, provider_view

pytestmark = pytest.mark.django_db


def _seed():
    from collection.demo import seed as seed_collection
    from providers.demo import DemoContext
    from providers.demo import seed as seed_providers
    from surveys.demo import seed as seed_surveys

    context = DemoContext(today=date(2026, 5, 20))
    for seed in (seed_providers, seed_collection, seed_surveys):
        seed(context)
    return context


def test_demo_data_is_idempotent_and_shows_both_sides_of_the_threshold():
    _seed()
    counts = (Campaign.objects.count(), Response.objects.count())
    _seed()
    assert (Campaign.objects.count(), Response.objects.count()) == counts
    codes = ("oakhouse26", "elmlodge26", "papayroll26")  # the peers of surveys.demo_frontline come on top
    assert Response.objects.filter(campaign__code__in=codes).count() == 30
    oak, _ = provider_view(Campaign.objects.get(code="oakhouse26"))
    elm, _ = provider_view(Campaign.objects.get(code="elmlodge26"))
    assert oak.results.shown and not elm.results.shown
    payroll = Campaign.objects.get(code="papayroll26")
    results = council_view(council=payroll.council, round=payroll.round, kind="exit")
    assert results.shown and results.responses == 10  # 12, rounded to 5


def test_local_questions_come_after_the_core_ones():
    local = [{"key": key_from_text("Do you use the Care Academy?"), "type": "yes_no", "text": "Do you use the Care Academy?"}]
    questionnaire = build_questionnaire("satisfaction", None, local)
    assert questionnaire.questions[-1].key == "local_do_you_use_the_care"
    assert not questionnaire.questions[-1].is_core


@pytest.mark.parametrize(
    ("local", "problem"),
    [
        ([{"key": "local_x", "type": "scale_0_10", "text": "Rate us"}], "cannot be of type"),
        ([{"key": "contract", "type": "yes_no", "text": "Change a core question"}], "core question"),
        ([{"key": "local_x", "type": "yes_no", "text": "A"}, {"key": "local_x", "type": "yes_no", "text": "B"}],
         "already a question"),
        ([{"key": f"local_{n}", "type": "yes_no", "text": "Q"} for n in range(6)], "up to 5"),
    ],
)
def test_bad_local_question_sets_are_refused(local, problem):
    assert any(problem in message for message in check_local_set("exit", local))


def test_the_demo_shows_benchmarks_insight_and_every_not_enough_state():
    """Issue 20's demo: real figures for Oak House and the council, and the "not enough" states beside them."""
    from collection.models import CollectionRound
    from providers.models import Council, Workplace
    from surveys.benchmarks import workplace_benchmarks
    from surveys.insight import council_insight
    from surveys.selectors import workplace_rates
    from surveys.services import releases_make

    context = _seed()
    releases_make(today=context.today)
    current, previous = CollectionRound.objects.get(slug="demo"), CollectionRound.objects.get(slug="demo-previous")
    oak = workplace_benchmarks(workplace=Workplace.objects.get(local_ref="OAK"), round=previous)
    rows = [row for _, section in oak.councils[0].sections for row in section]
    assert all(row.figure.shown for row in rows if row.key in ("turnover", "engagement_index"))
    home = workplace_benchmarks(workplace=Workplace.objects.get(local_ref="HC1"), round=current)
    assert home.accepted and not any(row.figure.shown for c in home.councils for _, s in c.sections for row in s)
    bands = {row["workplace"].local_ref: row["band"].key
             for row in workplace_rates(workplaces=Workplace.objects.filter(local_ref__in=["OAK", "ELM"]), round=current)}
    assert bands == {"OAK": "50_plus", "ELM": "few"}
    insight = council_insight(council=Council.objects.get(slug="demo-county"), round=current, table="District")
    assert insight.drivers.shown and insight.heatmap is not None
    assert [text != "Not shown" for _, _, text in insight.trends[0].points] == [True, True]
