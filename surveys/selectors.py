"""Reads for surveys: the questionnaire a campaign uses, campaign lists with response bands, and results.

Results read *released* responses only (`Response.release` set, see `surveys.rules.release`), and read them back in
a random order: nothing a reader of results gets depends on the order in which people answered.
"""

from __future__ import annotations

import secrets
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from collection.models import CollectionRound
from providers import access
from providers.models import Council, Organisation
from surveys.local import build_questionnaire
from surveys.models import Campaign, LocalQuestionSet, Response
from surveys.questionnaires import Questionnaire
from surveys.rules.suppression import response_band

LOCAL_CACHE_SECONDS = 60


def local_cache_key(council_id: int, kind: str) -> str:
    return f"surveys:local:{council_id}:{kind}"


def local_questions(*, council: Council | None, kind: str) -> list[dict]:
    """A council's local questions for one kind (every survey page needs them: cached for a minute, dropped when
    they are saved)."""
    if council is None:
        return []
    key = local_cache_key(council.pk, kind)
    found = cache.get(key)
    if found is None:
        stored = LocalQuestionSet.objects.filter(council=council, kind=kind).values_list("questions", flat=True).first()
        found = list(stored or [])
        cache.set(key, found, LOCAL_CACHE_SECONDS)
    return list(found)


def campaign_questionnaire(campaign: Campaign) -> Questionnaire:
    """The core questionnaire of the campaign's kind and version plus its council's local questions."""
    cached = getattr(campaign, "_questionnaire", None)
    if cached is None:
        local = local_questions(council=campaign.council, kind=campaign.kind) if campaign.council_id else []
        cached = build_questionnaire(campaign.kind, campaign.questionnaire_version, local)
        campaign._questionnaire = cached
    return cached


def rounds_for_council(council: Council) -> QuerySet[CollectionRound]:
    return CollectionRound.objects.filter(Q(council=council) | Q(council__isnull=True)).order_by("-snapshot_date")


def campaign_list_for_organisation(*, organisation: Organisation) -> list[Campaign]:
    """An organisation's workplace campaigns, each with its response band (never the exact count below 10)."""
    campaigns = list(
        Campaign.objects.filter(workplace__organisation=organisation)
        .select_related("workplace", "round")
        .annotate(response_count=Count("responses"))
        .order_by("-round__snapshot_date", "workplace__name", "kind")
    )
    for campaign in campaigns:
        campaign.band = response_band(campaign.response_count)
    return campaigns


def channel_campaign_list(*, council: Council) -> list[Campaign]:
    campaigns = list(
        Campaign.objects.filter(council=council, workplace__isnull=True)
        .select_related("round", "council")
        .annotate(response_count=Count("responses"))
        .order_by("-round__snapshot_date", "channel", "kind")
    )
    for campaign in campaigns:
        campaign.band = response_band(campaign.response_count)
    return campaigns


def workplace_response_bands(*, council: Council, round: CollectionRound) -> list[dict]:
    """For the contract officer: every contracted workplace with, per kind, the response band (0, 1–9, 10+),
    the number invited and the date links were distributed. Exact counts are never shown."""
    workplaces = (
        access.contracted_workplaces(council).filter(is_active=True).select_related("organisation")
        .order_by("organisation__name", "name")
    )
    campaigns = (
        Campaign.objects.filter(round=round, workplace__in=workplaces)
        .annotate(response_count=Count("responses"))
        .order_by("kind")
    )
    by_workplace: dict[int, list[Campaign]] = {}
    for campaign in campaigns:
        campaign.band = response_band(campaign.response_count)
        by_workplace.setdefault(campaign.workplace_id, []).append(campaign)
    return [{"workplace": workplace, "campaigns": by_workplace.get(workplace.pk, [])} for workplace in workplaces]


def _shuffled(rows: list) -> list:
    secrets.SystemRandom().shuffle(rows)
    return rows


def campaign_answers(campaign: Campaign) -> list[dict]:
    """The released answers of one campaign, in random order."""
    return _shuffled(list(Response.objects.filter(campaign=campaign, release__isnull=False).values_list("answers", flat=True)))


def campaign_released_on(campaign: Campaign) -> date | None:
    """The date of the campaign's latest release: what its results page shows as "results as released on"."""
    return campaign.releases.aggregate(on=Max("released_on"))["on"]


def _council_scope(*, council: Council, round: CollectionRound, kind: str) -> QuerySet[Response]:
    contracted = access.contracted_workplaces(council)
    return Response.objects.filter(campaign__round=round, kind=kind, release__isnull=False).filter(
        Q(campaign__workplace__in=contracted) | Q(campaign__council=council, campaign__workplace__isnull=True)
    )


def council_responses(*, council: Council, round: CollectionRound, kind: str) -> list[dict]:
    """Every released response of one kind and round that the council may analyse: from its contracted workplaces
    and from its own channel campaigns, in random order. Each row: answers plus the campaign's service type,
    district and channel."""
    rows = _council_scope(council=council, round=round, kind=kind).values_list(
        "answers", "campaign__workplace__main_service", "campaign__workplace__district", "campaign__channel"
    )
    return _shuffled([
        {"answers": answers, "main_service": service or "", "district": district or "", "channel": channel or ""}
        for answers, service, district, channel in rows
    ])  # fmt: skip


def council_release_state(*, council: Council, round: CollectionRound, kind: str) -> tuple[date | None, str]:
    """The latest release date among the council's campaigns in scope, and a fingerprint of every release in it
    (results change exactly when it does, so it keys their cache)."""
    releases = sorted(
        str(pk) for pk in _council_scope(council=council, round=round, kind=kind).values_list("release", flat=True).distinct()
    )
    latest = Response.objects.filter(release__in=releases).aggregate(on=Max("release__released_on"))["on"]
    return latest, ",".join(releases)


def council_results(*, council: Council, round: CollectionRound, kind: str):
    """The council's protected survey results as released (`surveys.results.CouncilResults`): the one read for the
    pages, the API and the analysts' workbook."""
    from surveys.results import council_view

    return council_view(council=council, round=round, kind=kind)


def response_counts_by_campaign(*, council_id: int | None = None, organisation_ids=None) -> list[dict]:
    """For the retention schedule: each campaign holding responses, with its round's close and its audience (only
    the council's channels and the given organisations' workplaces, when a scope is given)."""
    responses = Response.objects.all()
    if council_id is not None:
        responses = responses.filter(Q(campaign__council_id=council_id)
                                     | Q(campaign__workplace__organisation_id__in=list(organisation_ids or [])))  # fmt: skip
    return list(
        responses.values(
            "campaign_id", "campaign__round__closes", "campaign__round__name", "campaign__workplace__organisation_id",
            "campaign__workplace__name", "campaign__council_id", "campaign__council__name", "campaign__channel",
            "campaign__kind",
        ).annotate(n=Count("pk")).order_by("campaign_id")
    )  # fmt: skip
