"""Council admins' pages: what the retention schedule deletes in the next month, and legal holds."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from config import clock
from providers.access import access_council, contracted_organisations
from providers.models import CouncilMembership
from retention import forms, selectors, services
from retention.models import LegalHold

ROLES = [CouncilMembership.Role.COUNCIL_ADMIN]


@login_required
def upcoming(request, council: str):
    found = access_council(request.user, council, roles=ROLES)
    today = clock.today()
    items = services.upcoming_for_council(council=found, today=today)
    context = {
        "council": found, "items": items, "today": today, "until": today + timedelta(days=services.UPCOMING_DAYS),
        "periods": selectors.periods(), "removed": services.recently_removed(council=found, today=today),
        "holds": LegalHold.objects.filter(council=found, lifted_at__isnull=True).select_related("organisation"),
    }  # fmt: skip
    return render(request, "retention/upcoming.html", context)


@login_required
def holds(request, council: str):
    found = access_council(request.user, council, roles=ROLES)
    form = forms.HoldForm(request.POST or None, organisations=contracted_organisations(found).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(council=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Legal hold placed on {form.cleaned_data['organisation'].name}")
            return redirect("retention-council:holds", council=found.slug)
    found_holds = LegalHold.objects.filter(council=found).select_related("organisation", "placed_by", "lifted_by")
    return render(request, "retention/holds.html", {"council": found, "form": form, "holds": found_holds})


@login_required
def hold_lift(request, council: str, hold: int):
    found = access_council(request.user, council, roles=ROLES)
    try:
        held = LegalHold.objects.select_related("organisation").get(pk=hold, council=found, lifted_at__isnull=True)
    except LegalHold.DoesNotExist:
        raise Http404("No such legal hold") from None
    form = forms.LiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.legal_hold_lift(hold=held, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Legal hold on {held.organisation.name} lifted")
        return redirect("retention-council:holds", council=found.slug)
    return render(request, "retention/lift.html", {"council": found, "hold": held, "form": form})
