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
from surveys.throttle import bucketed_timeout

LOCAL_CACHE_SECONDS = 60


def local_cache_key(council_id: int, kind: str) -> str:
    return f"surveys:local:{council_id}:{kind}"


def local_questions(*, council: Council | None, kind: str) -> list[dict]:
    """A council's local questions for one kind (every survey page needs them: cached for at least a minute, to the end
    of the clock's hour so the expiry says only the hour, and dropped when they are saved)."""
    if council is None:
        return []
    key = local_cache_key(council.pk, kind)
    found = cache.get(key)
    if found is None:
        stored = LocalQuestionSet.objects.filter(council=council, kind=kind).values_list("questions", flat=True).first()
        found = list(stored or [])
        cache.set(key, found, bucketed_timeout(LOCAL_CACHE_SECONDS))
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


# Response rates against headcount (issue 20) ---------------------------------------------------------------------


def released_counts(*, round: CollectionRound, workplace_ids, kind: str = "satisfaction") -> dict[int, int]:
    """Workplace id -> how many of its responses of `kind` in `round` have been released. Never live counts: a
    number that moves when one person answers would say who answered."""
    rows = (
        Response.objects.filter(campaign__round=round, campaign__kind=kind, campaign__workplace_id__in=workplace_ids,
                                release__isnull=False)
        .values_list("campaign__workplace_id")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    return dict(rows)


def workplace_rates(*, workplaces, round: CollectionRound) -> list[dict]:
    """Each workplace with its response-rate band (`surveys.rules.rates.rate_band`): released satisfaction
    responses against the staff its return for the round declares. Exact counts stay here: callers show bands."""
    from collection.selectors import headcounts
    from surveys.rules.rates import rate_band

    places = list(workplaces)
    ids = [w.pk for w in places]
    counts = released_counts(round=round, workplace_ids=ids)
    staff = headcounts(round_=round, workplace_ids=ids)
    return [
        {"workplace": w, "responses": counts.get(w.pk, 0), "headcount": staff.get(w.pk),
         "band": rate_band(responses=counts.get(w.pk, 0), headcount=staff.get(w.pk))}
        for w in places
    ]  # fmt: skip


def council_rate_summary(*, council: Council, round: CollectionRound):
    """The distribution of the council's contracted workplaces over the rate bands and its overall rate
    (`surveys.rules.rates.rate_summary`), with each workplace's band for the officer's list."""
    from surveys.rules.rates import rate_summary

    workplaces = access.contracted_workplaces(council).filter(is_active=True).select_related("organisation")
    rows = workplace_rates(workplaces=workplaces.order_by("organisation__name", "name"), round=round)
    return rate_summary((row["responses"], row["headcount"]) for row in rows), rows


def released_figure(n: int) -> str:
    """A released number of responses as a provider may see it: "none yet", "fewer than 10" or rounded to 5."""
    from surveys.rules.suppression import MIN_RESPONSES, rounded_base

    if n == 0:
        return "None published yet"
    if n < MIN_RESPONSES:
        return f"Fewer than {MIN_RESPONSES}"
    return f"About {rounded_base(n)}"


def leavers_and_exit(*, organisation: Organisation, round: CollectionRound, workplace_id: int | None = None) -> list[dict]:
    """For the provider: each workplace with leavers recorded in `round` or an exit-survey link for it, with
    "leavers recorded this round" (their own count, from their return) and the exit responses as released."""
    from collection.selectors import leavers_recorded

    workplaces = organisation.workplaces.order_by("name")
    if workplace_id is not None:
        workplaces = workplaces.filter(pk=workplace_id)
    ids = list(workplaces.values_list("pk", flat=True))
    left = leavers_recorded(round_=round, workplace_ids=ids)
    campaigns = {c.workplace_id: c for c in Campaign.objects.filter(round=round, kind="exit", workplace_id__in=ids)}
    released = released_counts(round=round, workplace_ids=ids, kind="exit")
    return [
        {"workplace": w, "leavers": left.get(w.pk, 0), "campaign": campaigns.get(w.pk),
         "exit_responses": released_figure(released.get(w.pk, 0))}
        for w in workplaces
        if left.get(w.pk) or w.pk in campaigns or workplace_id is not None
    ]  # fmt: skip


def exit_offers(*, organisation: Organisation, round: CollectionRound, workplace_ids=None) -> list[dict]:
    """The exit-survey link to offer for each workplace (of `workplace_ids`, or all) with leavers recorded in
    `round`: {"workplace", "campaign", "link"} (the API's and the upload page's answer to a recorded leaver)."""
    from surveys import qr

    rows = leavers_and_exit(organisation=organisation, round=round)
    return [
        {"workplace": row["workplace"], "campaign": row["campaign"], "link": qr.short_link(row["campaign"]),
         "leavers": row["leavers"]}
        for row in rows
        if row["campaign"] is not None and row["leavers"]
        and (workplace_ids is None or row["workplace"].pk in workplace_ids)
    ]  # fmt: skip
