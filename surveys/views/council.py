"""Council pages (under /council/<council>/surveys/): PA channel links, response bands, results, local questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from providers import access as provider_access
from surveys import qr, selectors, services
from surveys.access import ADMIN_ROLES, RESULTS_ROLES, access_channel_campaign
from surveys.forms import ChannelCampaignForm, LocalQuestionForm, RoundForm
from surveys.local import key_from_text
from surveys.models import Kind
from surveys.views.provider import _image


def _round(council, request):
    rounds = selectors.rounds_for_council(council)
    slug = request.GET.get("round")
    found = rounds.filter(slug=slug).first() if slug else rounds.first()
    if slug and found is None:
        raise Http404("No such round")
    return found, rounds


@login_required
def council_surveys(request, council: str):
    found = provider_access.access_council(request.user, council)
    round_, rounds = _round(found, request)
    roles = provider_access.council_roles(request.user)
    context = {
        "council": found, "round": round_, "rounds": rounds,
        "channels": selectors.channel_campaign_list(council=found),
        "workplaces": selectors.workplace_response_bands(council=found, round=round_) if round_ else [],
        "is_admin": bool(roles & set(ADMIN_ROLES)), "sees_results": bool(roles & set(RESULTS_ROLES)),
        "round_form": RoundForm(rounds=rounds),
    }
    return render(request, "surveys/council/overview.html", context)


@login_required
@require_POST
def council_workplace_links(request, council: str):
    found = provider_access.access_council(request.user, council, roles=ADMIN_ROLES)
    form = RoundForm(request.POST, rounds=selectors.rounds_for_council(found))
    if form.is_valid():
        count = services.campaigns_create_for_contracted(
            council=found, round=form.cleaned_data["round"], created_by=request.user
        )
        messages.success(request, f"Survey links created for {count} contracted workplaces")
    else:
        messages.info(request, "Select a round")
    return redirect("surveys-council:overview", council=found.slug)


@login_required
def channel_create(request, council: str):
    found = provider_access.access_council(request.user, council, roles=ADMIN_ROLES)
    form = ChannelCampaignForm(request.POST or None, rounds=selectors.rounds_for_council(found))
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.channel_campaign_create(council=found, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("channel", error.message_dict.get("channel", error.messages))
        else:
            messages.success(request, f"Survey link created for {campaign.get_channel_display()}")
            return redirect("surveys-council:channel", council=found.slug, channel_campaign=campaign.pk)
    return render(request, "surveys/council/channel_create.html", {"council": found, "form": form})


@login_required
def channel_detail(request, council: str, channel_campaign: int):
    found, campaign = access_channel_campaign(request.user, council, channel_campaign)
    context = {"council": found, "campaign": campaign, "link": qr.short_link(campaign),
               "response_count": campaign.responses.count()}
    return render(request, "surveys/council/channel_detail.html", context)


@login_required
def channel_qr_png(request, council: str, channel_campaign: int):
    _, campaign = access_channel_campaign(request.user, council, channel_campaign)
    return _image(request, qr.qr_png(campaign), "image/png", f"survey-{campaign.code}.png")


@login_required
def channel_qr_svg(request, council: str, channel_campaign: int):
    _, campaign = access_channel_campaign(request.user, council, channel_campaign)
    return _image(request, qr.qr_svg(campaign), "image/svg+xml", f"survey-{campaign.code}.svg")


@login_required
def channel_poster(request, council: str, channel_campaign: int):
    found, campaign = access_channel_campaign(request.user, council, channel_campaign)
    back = reverse("surveys-council:channel", kwargs={"council": found.slug, "channel_campaign": campaign.pk})
    context = {"campaign": campaign, "link": qr.short_link(campaign), "qr_svg": qr.qr_svg_inline(campaign),
               "back_url": back}
    return render(request, "surveys/poster.html", context)


@login_required
def council_results(request, council: str):
    found = provider_access.access_council(request.user, council, roles=RESULTS_ROLES)
    round_, rounds = _round(found, request)
    kind = request.GET.get("kind", Kind.SATISFACTION)
    if kind not in Kind.values:
        raise Http404("No such survey")
    results = selectors.council_results(council=found, round=round_, kind=kind) if round_ else None
    context = {"council": found, "round": round_, "rounds": rounds, "kind": kind, "kinds": Kind.choices,
               "results": results}
    return render(request, "surveys/council/results.html", context)


@login_required
def local_questions(request, council: str):
    found = provider_access.access_council(request.user, council, roles=ADMIN_ROLES)
    kind = request.POST.get("kind") or request.GET.get("kind") or Kind.SATISFACTION
    if kind not in Kind.values:
        raise Http404("No such survey")
    current = selectors.local_questions(council=found, kind=kind)
    form = LocalQuestionForm(request.POST if "text" in request.POST else None)
    if request.method == "POST":
        problem = _change_local(found, kind, current, form, remove=request.POST.get("remove", ""))
        if problem is None:
            return redirect(reverse("surveys-council:local-questions", kwargs={"council": found.slug}) + f"?kind={kind}")
        if form.is_bound:
            form.add_error(None, problem)
        else:
            messages.info(request, problem)
    context = {"council": found, "kind": kind, "kinds": Kind.choices, "questions": current, "form": form}
    return render(request, "surveys/council/local_questions.html", context)


def _change_local(council, kind: str, current: list[dict], form: LocalQuestionForm, *, remove: str) -> str | None:
    """Add or remove one local question; returns a problem to show, or None when saved."""
    if remove:
        updated = [q for q in current if q.get("key") != remove]
    elif form.is_valid():
        updated = [*current, form.as_data(key_from_text(form.cleaned_data["text"], taken=[q["key"] for q in current]))]
    else:
        return "Check the question and try again"
    try:
        services.local_questions_save(council=council, kind=kind, questions=updated)
    except ValidationError as error:
        return " ".join(error.messages)
    return None
