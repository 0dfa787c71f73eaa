"""Council admins' pages: what the retention schedule deletes in the next month, and legal holds."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from config import clock
from providers.access import contracted_organisations
from retention import forms, selectors, services
from retention.access import access_open_hold, access_retention_council


@login_required
def upcoming(request, council: str):
    found = access_retention_council(request.user, council)
    today = clock.today()
    items = selectors.upcoming_for_council(council=found, today=today)
    context = {
        "council": found, "items": items, "today": today, "until": today + timedelta(days=selectors.UPCOMING_DAYS),
        "periods": selectors.periods(), "removed": selectors.recently_removed(council=found, today=today),
        "holds": selectors.holds_for_council(found.pk, open_only=True),
    }  # fmt: skip
    return render(request, "retention/upcoming.html", context)


@login_required
def holds(request, council: str):
    found = access_retention_council(request.user, council)
    form = forms.HoldForm(request.POST or None, organisations=contracted_organisations(found).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(council=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Legal hold placed on {form.cleaned_data['organisation'].name}")
            return redirect("retention-council:holds", council=found.slug)
    context = {"council": found, "form": form, "holds": selectors.holds_for_council(found.pk)}
    return render(request, "retention/holds.html", context)


@login_required
def hold_lift(request, council: str, hold: int):
    found = access_retention_council(request.user, council)
    held = access_open_hold(found, hold)
    form = forms.LiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.legal_hold_lift(hold=held, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"Legal hold on {held.organisation.name} lifted")
        return redirect("retention-council:holds", council=found.slug)
    return render(request, "retention/lift.html", {"council": found, "hold": held, "form": form})
