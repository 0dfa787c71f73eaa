"""Attack 4: read the results, wait for one person to answer, read again. Nothing may change until a release, and
any two releases differ by at least five people."""

from __future__ import annotations

from datetime import timedelta

import pytest

from surveys.models import Release
from surveys.results import provider_view
from surveys.rules.release import MIN_NEW_RESPONSES
from surveys.selectors import council_results
from surveys.tasks import release_results
from tests.attacks.conftest import make_answers
from tests.factories.surveys import CampaignFactory, ResponseFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _answer(campaign, seed, **overrides):
    ResponseFactory(campaign=campaign, released=False, answers=make_answers("satisfaction", seed=seed, **overrides))


def _figures(campaign, world):
    """Everything shown: the provider's figures as displayed and the council's (already formatted)."""
    view, rows = provider_view(campaign)
    council = council_results(council=world.council_a, round=campaign.round, kind="satisfaction")
    shown = (view.results.shown, view.results.band, view.results.questions)
    return (shown, view.responses, view.released_on, [vars(r) for r in rows], council)


@pytest.mark.today("2026-05-04")
def test_one_more_response_changes_nothing_until_the_next_release(world, today, move_clock_to):
    campaign = CampaignFactory(workplace=world.workplace_a, round=RoundFactory())
    for seed in range(12):
        _answer(campaign, seed)
    assert release_results() == 1
    before = _figures(campaign, world)
    assert before[0][0] and before[2] == today

    _answer(campaign, 99, stress_unwell="yes", bullied_by=["manager"], recommend_employer=0)  # the one person
    assert _figures(campaign, world) == before
    for days in range(1, 15):  # a fortnight passes, with the daily task: fewer than 5 new, no release
        move_clock_to(today + timedelta(days=days))
        release_results()
        assert _figures(campaign, world) == before

    for seed in range(100, 100 + MIN_NEW_RESPONSES - 1):  # now 5 new: the next release point publishes them
        _answer(campaign, seed)
    move_clock_to(today + timedelta(days=15))
    assert release_results() == 1
    after = _figures(campaign, world)
    assert after != before and after[2] == today + timedelta(days=15)


@pytest.mark.today("2026-05-04")
def test_releases_are_at_most_weekly_and_always_at_least_five_apart(world, today, move_clock_to):
    campaign = CampaignFactory(workplace=world.workplace_a, round=RoundFactory())
    seed = 0
    for day in range(0, 120):  # one or two people answer most days, through the window's close
        move_clock_to(today + timedelta(days=day))
        for _ in range(day % 3):
            _answer(campaign, seed)
            seed += 1
        release_results()
    releases = list(Release.objects.filter(campaign=campaign).order_by("released_on"))
    assert len(releases) >= 3
    assert all(r.added >= MIN_NEW_RESPONSES for r in releases)
    assert all(r.responses.count() == r.added for r in releases)
    closes = campaign.round.closes
    for earlier, later in zip(releases, releases[1:], strict=False):
        gap = (later.released_on - earlier.released_on).days
        assert gap >= 7 or earlier.released_on <= closes < later.released_on  # weekly, or the close release
