"""Factories for survey campaigns, codes and responses. Responses carry valid made-up answers."""

from __future__ import annotations

import random
from datetime import date

import factory

from collection.models import CollectionRound
from surveys.models import Campaign, Channel, Release, Response, SingleUseCode
from surveys.questionnaires import get_questionnaire
from surveys.synthetic import synthetic_answers
from tests.factories.providers import CouncilFactory, WorkplaceFactory


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionRound
        django_get_or_create = ["slug"]

    name = "Workforce return 2026"
    slug = "round-2026"
    snapshot_date = date(2026, 3, 31)
    window_opens = date(2026, 4, 1)
    due_date = date(2026, 6, 30)
    closes = date(2026, 7, 31)


class CampaignFactory(factory.django.DjangoModelFactory):
    """A workplace campaign (satisfaction survey) for the default round."""

    class Meta:
        model = Campaign
        django_get_or_create = ["workplace", "round", "kind"]

    kind = "satisfaction"
    round = factory.SubFactory(RoundFactory)
    workplace = factory.SubFactory(WorkplaceFactory)


class ChannelCampaignFactory(factory.django.DjangoModelFactory):
    """A council-wide campaign for Personal Assistants through one channel."""

    class Meta:
        model = Campaign
        django_get_or_create = ["council", "round", "kind", "channel"]

    kind = "exit"
    round = factory.SubFactory(RoundFactory)
    council = factory.SubFactory(CouncilFactory)
    channel = Channel.PAYROLL
    workplace = None


class SingleUseCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SingleUseCode

    campaign = factory.SubFactory(CampaignFactory, uses_single_use_codes=True)


def make_answers(kind: str = "satisfaction", *, seed: int = 0, **overrides) -> dict:
    return synthetic_answers(get_questionnaire(kind), rng=random.Random(seed), overrides=overrides)


FIXTURE_RELEASE_DATE = date(2026, 5, 1)


def fixture_release(campaign: Campaign) -> Release:
    """The one release a factory response joins (so results tests see it); release tests pass released=False."""
    release = Release.objects.filter(campaign=campaign, released_on=FIXTURE_RELEASE_DATE).first()
    return release or Release.objects.create(campaign=campaign, released_on=FIXTURE_RELEASE_DATE, added=0)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A stored response, already released unless `released=False` (results read released responses only)."""

    class Meta:
        model = Response

    class Params:
        released = True

    campaign = factory.SubFactory(CampaignFactory)
    kind = factory.LazyAttribute(lambda o: o.campaign.kind)
    questionnaire_version = "1"
    answers = factory.LazyAttributeSequence(lambda o, n: make_answers(o.campaign.kind, seed=n))
    release = factory.LazyAttribute(lambda o: fixture_release(o.campaign) if o.released else None)
