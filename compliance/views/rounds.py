"""A round before it opens: who it covers (contracts, organisations, workplaces, requirements, each unit's due
date), and the council admin's deliberate, audited "open this round"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from collection.access import access_council_round
from collection.services import round_open
from compliance import access, forms
from compliance.selectors.rounds import round_coverage


@login_required
def round_preview(request, council: str, round: str):
    found = access.access_council_admin(request.user, council)
    chosen = access_council_round(found, round)
    form = forms.RoundOpenForm(request.POST if request.method == "POST" else None) if chosen.draft else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            round_open(round_=chosen, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{chosen.name} is open: providers can see it and the chase ladder runs on its dates")
            return redirect("collection-council:rounds", council=found.slug)
    context = {"council": found, "round": chosen, "coverage": round_coverage(council=found, round_=chosen),
               "form": form}  # fmt: skip
    return render(request, "compliance/round_preview.html", context)
