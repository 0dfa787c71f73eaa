"""When a round's window opens, every contracted workplace gets its survey link, once."""

from datetime import date

import pytest

from surveys.models import Campaign
from surveys.tasks import open_round_campaigns
from tests.factories.collection import CollectionRoundFactory
from tests.factories.providers import WorkplaceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today, expected",
    [(date(2026, 3, 31), 0), (date(2026, 4, 1), 1), (date(2026, 7, 31), 1), (date(2026, 8, 1), 0)],
    ids=["before the window", "window opens", "last day", "after it closes"],
)
def test_links_are_made_only_while_the_window_is_open(world, today, expected):
    round_ = CollectionRoundFactory(slug="r26")
    assert open_round_campaigns(today) == 2 * expected  # one contracted workplace on each side
    assert Campaign.objects.filter(round=round_, workplace=world.workplace_a).count() == expected


def test_running_again_makes_nothing_twice_and_skips_uncontracted_workplaces(world):
    round_ = CollectionRoundFactory(slug="r26")
    uncontracted = WorkplaceFactory()
    open_round_campaigns(date(2026, 5, 1))
    assert open_round_campaigns(date(2026, 5, 2)) == 0
    assert set(Campaign.objects.filter(round=round_).values_list("workplace", flat=True)) == {
        world.workplace_a.pk,
        world.workplace_b.pk,
    }
    assert not Campaign.objects.filter(workplace=uncontracted).exists()


def test_a_councils_own_round_only_covers_its_contracts(world):
    round_ = CollectionRoundFactory(slug="county-only", council=world.council_a)
    open_round_campaigns(date(2026, 5, 1))
    assert list(Campaign.objects.filter(round=round_).values_list("workplace", flat=True)) == [world.workplace_a.pk]
