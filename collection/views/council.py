"""Council pages: collection rounds (council admins) and the review of contracted workplaces' returns."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from collection import access, selectors
from collection.forms import ReviewForm, RoundForm
from collection.models import WorkforceReturn
from collection.services import (
    InvalidState,
    return_review,
    round_copy,
    round_create,
    round_to_copy,
    round_update,
)
from collection.services.rounds import DATE_FIELDS, copy_name, next_year
from providers.access import COUNCIL_ROLES, access_council, council_roles


@login_required
def round_list(request, council: str):
    found = access_council(request.user, council, roles=access.ADMIN_ROLES)
    rounds = access.council_rounds(found).order_by("-snapshot_date")
    return render(request, "collection/rounds/list.html", {"council": found, "rounds": rounds})


@login_required
def round_edit(request, council: str, round: str | None = None):
    found = access_council(request.user, council, roles=access.ADMIN_ROLES)
    existing = access.access_council_round(found, round) if round else None
    initial = {f: getattr(existing, f) for f in RoundForm.base_fields} if existing else None
    form = RoundForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if existing:
                round_update(round_=existing, actor=request.user, **form.cleaned_data)
            else:
                round_create(council=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, f"Collection round {form.cleaned_data['name']} saved")
            return redirect("collection-council:rounds", council=found.slug)
    return render(request, "collection/rounds/form.html", {"council": found, "form": form, "existing": existing})


@login_required
def round_copy_view(request, council: str):
    """Copy last year's round: a draft with every date a year later, to check and open."""
    found = access_council(request.user, council, roles=access.ADMIN_ROLES)
    source = round_to_copy(found)
    if request.method == "POST" and source is not None:
        copied = round_copy(council=found, source=source, actor=request.user)
        messages.success(request, f"{copied.name} added as a draft: check its dates, then preview and open it")
        return redirect("collection-council:round-edit", council=found.slug, round=copied.slug)
    planned = {"name": copy_name(source.name), **{n: next_year(getattr(source, n)) for n in DATE_FIELDS}} if source else None
    return render(request, "collection/rounds/copy.html", {"council": found, "source": source, "planned": planned})


@login_required
def return_list(request, council: str):
    found = access_council(request.user, council)
    rounds = list(access.council_rounds(found).order_by("-snapshot_date"))
    chosen = next((r for r in rounds if r.slug == request.GET.get("round")), rounds[0] if rounds else None)
    state = request.GET.get("state", "")
    rows = selectors.council_return_list(found, round_=chosen, state=state) if chosen else []
    context = {"council": found, "rounds": rounds, "chosen": chosen, "rows": rows, "state": state,
               "states": WorkforceReturn.State.choices}
    return render(request, "collection/council/list.html", context)


@login_required
def return_detail(request, council: str, workforce_return: int):
    roles = access.REVIEW_ROLES if request.method == "POST" else COUNCIL_ROLES
    found = access_council(request.user, council, roles=roles)
    chosen = access.access_council_return(found, workforce_return)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reviewed = return_review(workforce_return=chosen, actor=request.user, **form.cleaned_data)
        except InvalidState as error:
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            outcome = "accepted" if reviewed.state == "accepted" else "returned to the provider for correction"
            messages.success(request, f"Return for {chosen.workplace.name} {outcome}")
            return redirect("collection-council:returns", council=found.slug)
    completeness = selectors.completeness_for(chosen)
    context = {"council": found, "return": chosen, "form": form, "completeness": completeness,
               "missing": selectors.council_missing(completeness), "can_review": bool(council_roles(request.user) & set(access.REVIEW_ROLES))}
    return render(request, "collection/council/detail.html", context)
