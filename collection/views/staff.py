"""Provider pages for staff records: the list, remove, confirm and carry forward (the record's own pages, question
by question, are in `staff_record`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from collection import selectors
from collection.access import access_staff_record
from collection.forms import NoChangeForm, StaffRemoveForm
from collection.policy import policy_for
from collection.services import (
    EditConflict,
    InvalidState,
    return_carry_forward,
    return_confirm_no_change,
    staff_record_confirm,
    staff_record_remove,
)
from collection.views.common import return_page
from providers.reference import labels

SORT_LABELS = [("reference", "Reference"), ("job_role", "Job role"), ("start_date", "Start date"),
               ("updated", "Recently changed")]


@login_required
def staff_list(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    filters = {key: request.GET.get(key, "") for key in ("job_role", "status", "sort")}
    listing = selectors.staff_listing(
        page.workforce_return, policy=policy_for(page.workplace), job_role=filters["job_role"],
        status=filters["status"], sort=filters["sort"] or "reference", page=request.GET.get("page", 1),
    )
    role_labels = labels("job_roles")
    context = page.context(listing=listing, filters=filters, role_labels=role_labels,
                           role_options=[(code, role_labels.get(code, code)) for code in listing.job_roles],
                           query=urlencode({k: v for k, v in filters.items() if v}), sorts=SORT_LABELS)
    return render(request, "collection/staff/list.html", context)


@login_required
def staff_remove(request, org: str, workplace: int, round: str, record: int):
    page = return_page(request, org=org, workplace=workplace, round=round)
    found = access_staff_record(page.workforce_return, record)
    form = StaffRemoveForm(request.POST if request.method == "POST" else None, initial={"version": found.version})
    if request.method == "POST" and form.is_valid():
        try:
            staff_record_remove(record=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"Staff record {found.local_ref} removed. Offer them the exit survey")
            # the exit-survey link was made when the leaver was recorded (surveys listens to staff_left)
            query = urlencode({"round": page.workforce_return.round.slug, "workplace": page.workforce_return.workplace_id})
            return redirect(reverse("surveys:leavers", kwargs={"org": page.kwargs["org"]}) + "?" + query)
    return render(request, "collection/staff/remove.html", page.context(form=form, record=found))


@login_required
@require_POST
def staff_confirm(request, org: str, workplace: int, round: str, record: int):
    page = return_page(request, org=org, workplace=workplace, round=round)
    found = access_staff_record(page.workforce_return, record)
    try:
        staff_record_confirm(record=found, actor=request.user, version=request.POST.get("version") or None)
    except (EditConflict, InvalidState) as error:
        messages.error(request, error.messages[0])
    except ValidationError:
        messages.error(request, f"Staff record {found.local_ref} has answers to correct before it can be confirmed")
        return redirect("collection:staff-edit", record=found.pk, **page.kwargs)
    else:
        messages.success(request, f"Staff record {found.local_ref} confirmed")
    return redirect("collection:staff-list", **page.kwargs)


@login_required
@require_POST
def staff_carry_forward(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    previous = selectors.previous_return(page.workforce_return)
    if previous is None:
        raise Http404("Nothing to carry forward")
    try:
        copies = return_carry_forward(workforce_return=page.workforce_return, previous=previous, actor=request.user)
    except InvalidState as error:
        messages.error(request, error.messages[0])
        return page.to_task_list()
    messages.success(request, f"{len(copies)} staff records copied from {previous.round.name}: check each one")
    return redirect("collection:staff-list", **page.kwargs)


@login_required
def staff_no_change(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    form = NoChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = return_confirm_no_change(
                workforce_return=page.workforce_return, actor=request.user,
                starters_declared=form.cleaned_data["starters_declared"],
                leavers_declared=form.cleaned_data["leavers_declared"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"{count} staff records confirmed")
            if "with_jobs" in (form.cleaned_data["starters_declared"], form.cleaned_data["leavers_declared"]):
                return redirect("collection:return-numbers", **page.kwargs)
            return page.to_task_list()
    return render(request, "collection/staff/no_change.html", page.context(form=form))
