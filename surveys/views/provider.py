"""Provider pages (under /org/<org>/surveys/): links and QR codes per workplace, distribution, codes, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collection.models import CollectionRound
from providers import access as provider_access
from providers.models import Membership
from surveys import qr, selectors, services
from surveys.access import access_campaign
from surveys.forms import CampaignCreateForm, CodesForm, DistributionForm
from surveys.results import provider_view
from surveys.rules.suppression import response_band

EDITOR = Membership.Role.EDITOR


@login_required
def campaign_list(request, org: str):
    organisation = provider_access.access_organisation(request.user, org)
    context = {
        "organisation": organisation,
        "campaigns": selectors.campaign_list_for_organisation(organisation=organisation),
        "can_edit": provider_access.can_edit(request.user, organisation),
    }
    return render(request, "surveys/provider/campaign_list.html", context)


@login_required
def campaign_create(request, org: str):
    organisation = provider_access.access_organisation(request.user, org, min_role=EDITOR)
    form = CampaignCreateForm(
        request.POST or None,
        workplaces=provider_access.workplaces_for(request.user, min_role=EDITOR).filter(organisation=organisation),
        rounds=CollectionRound.objects.order_by("-snapshot_date"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("workplace", error.message_dict.get("workplace", error.messages))
        else:
            messages.success(request, f"Survey link created for {campaign.workplace.name}")
            return redirect("surveys:campaign", org=organisation.slug, campaign=campaign.pk)
    return render(request, "surveys/provider/campaign_create.html", {"organisation": organisation, "form": form})


def _detail_context(request, organisation, found, *, form: DistributionForm | None = None) -> dict:
    initial = {"invited_count": found.invited_count, "distributed_on": found.distributed_on}
    return {
        "organisation": organisation, "campaign": found, "link": qr.short_link(found),
        "can_edit": provider_access.can_edit(request.user, organisation),
        "band": response_band(found.responses.count()), "form": form or DistributionForm(initial=initial),
        "codes_total": found.single_use_codes.count(),
    }


@login_required
def campaign_detail(request, org: str, campaign: int):
    organisation, found = access_campaign(request.user, org, campaign)
    return render(request, "surveys/provider/campaign_detail.html", _detail_context(request, organisation, found))


@login_required
@require_POST
def campaign_distribution(request, org: str, campaign: int):
    organisation, found = access_campaign(request.user, org, campaign, min_role=EDITOR)
    form = DistributionForm(request.POST)
    if form.is_valid():
        services.campaign_distribution_update(campaign=found, **form.cleaned_data)
        messages.success(request, "Distribution details saved")
        return redirect("surveys:campaign", org=organisation.slug, campaign=found.pk)
    context = _detail_context(request, organisation, found, form=form)
    return render(request, "surveys/provider/campaign_detail.html", context)


@login_required
def campaign_codes(request, org: str, campaign: int):
    organisation, found = access_campaign(request.user, org, campaign, min_role=EDITOR)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.single_use_codes_create(campaign=found, count=form.cleaned_data["count"])
        messages.success(request, f"{len(codes)} single-use codes created")
        return redirect("surveys:campaign-codes", org=organisation.slug, campaign=found.pk)
    context = {
        "organisation": organisation, "campaign": found, "form": form, "link": qr.short_link(found),
        "codes": found.single_use_codes.values_list("code", flat=True),  # never which are used
    }
    return render(request, "surveys/provider/campaign_codes.html", context)


@login_required
def campaign_qr_png(request, org: str, campaign: int):
    _, found = access_campaign(request.user, org, campaign)
    return _image(request, qr.qr_png(found), "image/png", f"survey-{found.code}.png")


@login_required
def campaign_qr_svg(request, org: str, campaign: int):
    _, found = access_campaign(request.user, org, campaign)
    return _image(request, qr.qr_svg(found), "image/svg+xml", f"survey-{found.code}.svg")


def _image(request, content: bytes, content_type: str, filename: str) -> HttpResponse:
    """The QR image, shown in the page or (with ?download=1) saved as a file."""
    response = HttpResponse(content, content_type=content_type)
    how = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{how}; filename="{filename}"'
    return response


@login_required
def campaign_poster(request, org: str, campaign: int):
    organisation, found = access_campaign(request.user, org, campaign)
    context = {"campaign": found, "link": qr.short_link(found), "qr_svg": qr.qr_svg_inline(found),
               "back_url": reverse("surveys:campaign", kwargs={"org": organisation.slug, "campaign": found.pk})}
    return render(request, "surveys/poster.html", context)


@login_required
def campaign_results(request, org: str, campaign: int):
    organisation, found = access_campaign(request.user, org, campaign)
    view, indicators = provider_view(found)
    context = {"organisation": organisation, "campaign": found, "view": view, "results": view.results,
               "indicators": indicators}  # fmt: skip
    return render(request, "surveys/provider/campaign_results.html", context)
