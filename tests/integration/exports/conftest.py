"""Fixtures for the export tests: a small synthetic council in the database with three rounds."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories.exports import CollectionRoundFactory, populate_council
from tests.factories.providers import CouncilFactory


@pytest.fixture
def rounds(db):
    return [CollectionRoundFactory(slug=f"round-{year}", name=f"Workforce return {year}",
                                   snapshot_date=date(year, 3, 31)) for year in (2024, 2025, 2026)]


@pytest.fixture
def synthetic(db, rounds):
    """60 workplaces, 1,500 staff records a round, three rounds, contracted by council "synthetic-county"."""
    council = CouncilFactory(slug="synthetic-county", name="Synthetic County Council")
    return populate_council(council=council, rounds=rounds, workplaces=60, staff=1_500, seed=3)
