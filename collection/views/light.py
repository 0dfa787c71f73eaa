"""The individual employer's short return about their Personal Assistants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from collection import access
from collection.forms import DeclarationForm, PersonalAssistantReturnForm
from collection.light_rules import DIFFICULTY, HOURS_BANDS, PAY_BANDS
from collection.models import PersonalAssistantReturn
from collection.services import (
    EditConflict,
    InvalidState,
    pa_return_get_or_create,
    pa_return_submit,
    pa_return_update,
)
from providers.access import access_organisation, can_edit
from providers.models import Membership
from providers.reference import labels


def _page(request, org: str, round: str):
    role = Membership.Role.EDITOR if request.method == "POST" else Membership.Role.VIEWER
    organisation, found = access.access_organisation_round(request.user, org=org, round_slug=round, min_role=role)
    if not organisation.is_individual_employer:
        return organisation, found, None
    return organisation, found, pa_return_get_or_create(organisation=organisation, round_=found)


@login_required
def pa_return_list(request, org: str):
    organisation = access_organisation(request.user, org)
    if not organisation.is_individual_employer:
        return redirect("collection:returns", org=organisation.slug)
    rounds = list(access.rounds_for_organisation(organisation).order_by("-snapshot_date"))
    found = {r.round_id: r for r in PersonalAssistantReturn.objects.filter(organisation=organisation)}
    rows = [(r, found.get(r.pk)) for r in rounds]
    return render(request, "collection/light/list.html", {"organisation": organisation, "rows": rows})


@login_required
def pa_return_edit(request, org: str, round: str):
    organisation, found, pa_return = _page(request, org, round)
    if pa_return is None:
        return redirect("collection:returns", org=organisation.slug)
    if pa_return.state == PersonalAssistantReturn.State.SUBMITTED:
        return redirect("collection:pa-return-confirmation", org=organisation.slug, round=found.slug)
    form = PersonalAssistantReturnForm(request.POST if request.method == "POST" else None, initial=PersonalAssistantReturnForm.initial_for(pa_return))
    if request.method == "POST" and form.is_valid():
        try:
            pa_return_update(pa_return=pa_return, actor=request.user, data=form.answers(),
                             version=form.cleaned_data.get("version"))
        except (EditConflict, InvalidState) as error:
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("collection:pa-return-check", org=organisation.slug, round=found.slug)
    context = {"organisation": organisation, "round": found, "form": form,
               "can_edit": can_edit(request.user, organisation),
               "hours_fields": form.band_fields("hours_bands"), "pay_fields": form.band_fields("pay_bands")}
    return render(request, "collection/light/form.html", context)


@login_required
def pa_return_check(request, org: str, round: str):
    organisation, found, pa_return = _page(request, org, round)
    if pa_return is None:
        return redirect("collection:returns", org=organisation.slug)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pa_return_submit(pa_return=pa_return, actor=request.user)
        except InvalidState:
            pass  # sent already (a double click)
        return redirect("collection:pa-return-confirmation", org=organisation.slug, round=found.slug)
    reasons = labels("worker_leave_reasons")
    context = {
        "organisation": organisation, "round": found, "pa_return": pa_return, "form": form,
        "hours": [(label, pa_return.hours_bands.get(code, 0)) for code, label in HOURS_BANDS],
        "pay": [(label, pa_return.pay_bands.get(code, 0)) for code, label in PAY_BANDS],
        "reasons": [reasons.get(code, code) for code in pa_return.leaver_reasons],
        "difficulty": dict(DIFFICULTY).get(pa_return.recruitment_difficulty, ""),
        "payroll": {"yes": "Yes", "no": "No"}.get(pa_return.uses_payroll, ""),
    }
    return render(request, "collection/light/check.html", context)


@login_required
def pa_return_confirmation(request, org: str, round: str):
    organisation, found, pa_return = _page(request, org, round)
    if pa_return is None or pa_return.state != PersonalAssistantReturn.State.SUBMITTED:
        messages.info(request, "You have not sent this return yet")
        return redirect("collection:pa-returns", org=organisation.slug)
    context = {"organisation": organisation, "round": found, "pa_return": pa_return}
    return render(request, "collection/light/confirmation.html", context)
