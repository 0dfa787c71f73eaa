from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.factories.collection import CollectionRoundFactory, WorkforceReturnFactory


@dataclass
class Setup:
    world: object
    round: object
    workforce_return: object

    def url(self, name: str, **extra) -> str:
        kwargs = {"org": self.world.org_a.slug, "workplace": self.world.workplace_a.pk, "round": self.round.slug}
        return reverse(f"collection:{name}", kwargs={**kwargs, **extra})


@pytest.fixture
def setup(world) -> Setup:
    round_ = CollectionRoundFactory(slug="r2026", council=world.council_a)
    found = WorkforceReturnFactory(workplace=world.workplace_a, round=round_)
    return Setup(world=world, round=round_, workforce_return=found)


@pytest.fixture
def editor(setup):
    return setup.world.users["provider_editor"]
