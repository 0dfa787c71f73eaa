"""One organisation on the officer's desk: its evidence trail and the officer's actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from compliance import access, forms, services
from compliance.selectors import organisation_evidence, rounds_for_council
from config import clock
from providers.access import contracted_workplaces
from providers.models import ContractRequirement


def _back(council, organisation):
    return redirect("compliance-council:organisation", council=council.slug, org=organisation.slug)


@login_required
def organisation(request, council: str, org: str):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    evidence = organisation_evidence(council=found, organisation=organisation, today=clock.today())
    return render(request, "compliance/organisation.html", {"council": found, "organisation": organisation, **evidence})


def _form_page(request, *, council, organisation, form, title, save, done):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return _back(council, organisation)
    context = {"council": council, "organisation": organisation, "form": form, "title": title}
    return render(request, "compliance/form.html", context)


def _scope(council, organisation):
    return {
        "requirements": ContractRequirement.objects.filter(
            contract__council=council, contract__organisation=organisation
        ).select_related("contract"),
        "workplaces": contracted_workplaces(council).filter(organisation=organisation),
        "rounds": rounds_for_council(council),
    }


@login_required
def entry_add(request, council: str, org: str):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    form = forms.EntryForm(request.POST or None)
    save = lambda data: services.entry_record(council=found, organisation=organisation, user=request.user, **data)  # noqa: E731
    return _form_page(request, council=found, organisation=organisation, form=form, save=save,
                      title="Record a call or note", done="Recorded")  # fmt: skip


@login_required
def extension_add(request, council: str, org: str):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    form = forms.ExtensionForm(request.POST or None, **_scope(found, organisation))
    save = lambda data: services.extension_grant(council=found, organisation=organisation, user=request.user, **data)  # noqa: E731
    return _form_page(request, council=found, organisation=organisation, form=form, save=save,
                      title="Grant an extension", done="Extension granted")  # fmt: skip


@login_required
def exemption_add(request, council: str, org: str):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    form = forms.ExemptionForm(request.POST or None, **_scope(found, organisation))
    save = lambda data: services.exemption_grant(council=found, organisation=organisation, user=request.user, **data)  # noqa: E731
    return _form_page(request, council=found, organisation=organisation, form=form, save=save,
                      title="Grant an exemption", done="Exemption granted")  # fmt: skip


@login_required
def notice_add(request, council: str, org: str):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    form = forms.NoticeForm(request.POST or None, rounds=rounds_for_council(found))
    save = lambda data: services.notice_issue(council=found, organisation=organisation, user=request.user, **data)  # noqa: E731
    return _form_page(request, council=found, organisation=organisation, form=form, save=save,
                      title="Issue a notice", done="Notice recorded")  # fmt: skip


@login_required
def chase_decide(request, council: str, org: str, chase: int):
    found, organisation = access.access_desk_organisation(request.user, council, org)
    record = access.access_chase_record(found, organisation, chase)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.chase_decide(record=record, approve=form.cleaned_data["decision"] == "approve", user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Decision recorded")
        return _back(found, organisation)
    context = {"council": found, "organisation": organisation, "form": form, "record": record}
    return render(request, "compliance/decide.html", context)
