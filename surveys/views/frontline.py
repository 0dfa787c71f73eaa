"""Hearing from the frontline (issue 20): response rates against headcount and the exit-survey card for leavers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from collection.models import CollectionRound
from providers import access as provider_access
from surveys import qr, selectors
from surveys.access import ALL_COUNCIL_ROLES, access_campaign
from surveys.models import Campaign, Kind


def organisation_rounds(organisation):
    """The rounds an organisation has a return or a survey link in, newest first."""
    return (
        CollectionRound.objects.filter(
            Q(returns__workplace__organisation=organisation) | Q(survey_campaigns__workplace__organisation=organisation)
        )
        .distinct()
        .order_by("-snapshot_date")
    )


def _pick_round(request, rounds):
    slug = request.GET.get("round")
    found = rounds.filter(slug=slug).first() if slug else rounds.first()
    if slug and found is None:
        raise Http404("No such round")
    return found


@login_required
def provider_rates(request, org: str):
    organisation = provider_access.access_organisation(request.user, org)
    rounds = organisation_rounds(organisation)
    round_ = _pick_round(request, rounds)
    rows = []
    if round_ is not None:
        workplaces = organisation.workplaces.filter(is_active=True).order_by("name")
        rows = selectors.workplace_rates(workplaces=workplaces, round=round_)
        campaigns = {
            c.workplace_id: c
            for c in Campaign.objects.filter(round=round_, kind=Kind.SATISFACTION, workplace__in=workplaces)
        }
        for row in rows:
            row["campaign"] = campaigns.get(row["workplace"].pk)
    context = {"organisation": organisation, "round": round_, "rounds": rounds, "rows": rows,
               "can_edit": provider_access.can_edit(request.user, organisation)}  # fmt: skip
    return render(request, "surveys/provider/response_rates.html", context)


@login_required
def council_rates(request, council: str):
    found = provider_access.access_council(request.user, council, roles=ALL_COUNCIL_ROLES)
    rounds = selectors.rounds_for_council(found)
    round_ = _pick_round(request, rounds)
    summary, rows = selectors.council_rate_summary(council=found, round=round_) if round_ else (None, [])
    context = {"council": found, "round": round_, "rounds": rounds, "summary": summary, "rows": rows}
    return render(request, "surveys/council/response_rates.html", context)


@login_required
def leavers(request, org: str):
    """Offer the exit survey: each workplace's leavers recorded this round, its exit-survey link and card."""
    organisation = provider_access.access_organisation(request.user, org)
    rounds = organisation_rounds(organisation)
    round_ = _pick_round(request, rounds)
    workplace_id = request.GET.get("workplace")
    if workplace_id is not None and not workplace_id.isdigit():
        raise Http404("No such workplace")
    rows = []
    if round_ is not None:
        rows = selectors.leavers_and_exit(organisation=organisation, round=round_,
                                          workplace_id=int(workplace_id) if workplace_id else None)  # fmt: skip
        for row in rows:
            row["link"] = qr.short_link(row["campaign"]) if row["campaign"] else ""
    context = {"organisation": organisation, "round": round_, "rounds": rounds, "rows": rows}
    return render(request, "surveys/provider/leavers.html", context)


@login_required
def campaign_card(request, org: str, campaign: int):
    """A printable card for one campaign's link and QR code: the exit survey card handed over in the leaving
    conversation (or a staff survey card). The same card for everyone: it names no person."""
    organisation, found = access_campaign(request.user, org, campaign)
    back = reverse("surveys:leavers", kwargs={"org": organisation.slug}) + f"?round={found.round.slug}"
    context = {"campaign": found, "link": qr.short_link(found), "qr_svg": qr.qr_svg_inline(found, scale=5),
               "back_url": back, "organisation": organisation}  # fmt: skip
    return render(request, "surveys/card.html", context)


# Benchmarks -------------------------------------------------------------------------------------------------------


@login_required
def benchmark_index(request, org: str):
    """The organisation's workplaces and rounds whose returns are accepted, each with its benchmarks."""
    from collection.selectors.comparison import organisation_returns_newest_first

    organisation = provider_access.access_organisation(request.user, org)
    context = {"organisation": organisation, "returns": organisation_returns_newest_first(organisation)}
    return render(request, "surveys/provider/benchmark_index.html", context)


def _benchmarks(request, org: str, workplace: int, round: str):
    from surveys.benchmarks import workplace_benchmarks

    organisation = provider_access.access_organisation(request.user, org)
    place = provider_access.access_workplace(request.user, workplace, organisation=organisation)
    round_ = CollectionRound.objects.filter(slug=round, returns__workplace=place).first()  # rounds it has a return in
    if round_ is None:
        raise Http404("No such round")
    return organisation, workplace_benchmarks(workplace=place, round=round_)


@login_required
def benchmarks(request, org: str, workplace: int, round: str):
    from exports.disclosure.rulebook import MAX_PROVIDER_SHARE, MIN_BENCHMARK_WORKPLACES, MIN_PROVIDERS

    organisation, found = _benchmarks(request, org, workplace, round)
    context = {"organisation": organisation, "found": found, "benchmark_min_workplaces": MIN_BENCHMARK_WORKPLACES,
               "benchmark_min_providers": MIN_PROVIDERS, "benchmark_max_share": f"{round_share(MAX_PROVIDER_SHARE)}%"}
    return render(request, "surveys/provider/benchmarks.html", context)


def round_share(share: float) -> int:
    return int(share * 100 + 0.5)


@login_required
def benchmarks_csv(request, org: str, workplace: int, round: str):
    import csv
    import io

    from django.http import HttpResponse

    from collection.ascwds.export import _not_a_formula

    organisation, found = _benchmarks(request, org, workplace, round)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Council", "Compared with", "Section", "Measure", "Unit", "This workplace", "Lower quartile",
                     "Median", "Upper quartile", "Where this workplace falls", "Note"])  # fmt: skip
    for council in found.councils:
        for section, rows in council.sections:
            for row in rows:
                f = row.figure
                cells = [council.compared_with, f"{council.service} workplaces", section, row.label, row.unit,
                         "" if f.own is None else f"{f.own:.{row.decimals}f}",
                         *(("" if v is None else f"{v:.{row.decimals}f}") for v in
                           (f.lower_quartile, f.median, f.upper_quartile)),
                         f.position, f.message]  # fmt: skip
                writer.writerow([_not_a_formula(str(cell)) for cell in cells])
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    name = f"benchmarks-{found.workplace.pk}-{found.round.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Survey insight -----------------------------------------------------------------------------------------------------


@login_required
def council_insight(request, council: str):
    from surveys.access import RESULTS_ROLES
    from surveys.insight import TABLES, council_insight

    found = provider_access.access_council(request.user, council, roles=RESULTS_ROLES)
    rounds = selectors.rounds_for_council(found)
    round_ = _pick_round(request, rounds)
    table = request.GET.get("by", TABLES[0])
    if table not in TABLES:
        raise Http404("No such breakdown")
    insight = council_insight(council=found, round=round_, table=table) if round_ else None
    context = {"council": found, "round": round_, "rounds": rounds, "insight": insight, "tables": TABLES,
               "table": table}  # fmt: skip
    return render(request, "surveys/council/insight.html", context)


@login_required
def provider_insight(request, org: str):
    """A provider's own workplaces' staff-survey indicators across rounds (only what its results pages show)."""
    from surveys.insight import workplace_trends

    organisation = provider_access.access_organisation(request.user, org)
    workplaces = organisation.workplaces.filter(is_active=True, survey_campaigns__kind=Kind.SATISFACTION).distinct()
    rows = [{"workplace": w, "trends": workplace_trends(w)} for w in workplaces.order_by("name")]
    return render(request, "surveys/provider/insight.html", {"organisation": organisation, "rows": rows})
