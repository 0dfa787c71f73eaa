"""The council's contracts and their requirements, managed by council admins in the service (not the Django
admin): list, add, vary, end, requirements, and import from the council's contracts register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import date_format

from compliance import access, forms
from compliance.selectors.contracts import contract_list, contract_trail
from compliance.services import contracts as services
from providers.access import access_council_contract
from providers.models import ContractRequirement, Workplace


def _admin(request, council: str):
    return access.access_council_admin(request.user, council)


def _posted(request):
    """The posted data, bound even when empty (a form posted with nothing filled in shows its errors)."""
    return request.POST if request.method == "POST" else None


def _errors_to_form(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def contracts(request, council: str):
    found = _admin(request, council)
    context = {"council": found, "contracts": contract_list(found)}
    return render(request, "compliance/contracts/list.html", context)


@login_required
def contract_add(request, council: str):
    found = _admin(request, council)
    chooser = forms.ContractOrganisationForm(request.GET if "organisation" in request.GET else None)
    if not chooser.is_bound or not chooser.is_valid():
        return render(request, "compliance/contracts/choose.html", {"council": found, "form": chooser})
    organisation = chooser.cleaned_data["organisation"]
    form = forms.ContractForm(
        _posted(request), officers=services.contract_officers(found),
        workplaces=Workplace.objects.filter(organisation=organisation, is_active=True).order_by("name"),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["workplaces"] = list(data.get("workplaces") or [])
        try:
            contract = services.contract_save(council=found, actor=request.user, organisation=organisation, **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Contract {contract.reference} added. Now add what it requires.")
            return redirect("compliance-council:requirement-add", council=found.slug, contract=contract.pk)
    context = {"council": found, "form": form, "organisation": organisation, "title": "Add a contract"}
    return render(request, "compliance/contracts/form.html", context)


@login_required
def contract_detail(request, council: str, contract: int):
    found = _admin(request, council)
    chosen = access_council_contract(found, contract)
    context = {"council": found, "contract": chosen, "workplaces": list(chosen.workplaces.order_by("name")),
               "requirements": [(r, services.requirement_summary(r)) for r in chosen.requirements.all()],
               "trail": contract_trail(chosen)}  # fmt: skip
    return render(request, "compliance/contracts/detail.html", context)


@login_required
def contract_change(request, council: str, contract: int):
    found = _admin(request, council)
    chosen = access_council_contract(found, contract)
    initial = {"reference": chosen.reference, "starts_on": chosen.starts_on, "ends_on": chosen.ends_on,
               "contract_officer": chosen.contract_officer, "workplaces": list(chosen.workplaces.all())}  # fmt: skip
    form = forms.ContractForm(
        _posted(request), initial=initial, officers=services.contract_officers(found),
        workplaces=Workplace.objects.filter(organisation=chosen.organisation, is_active=True).order_by("name"),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["workplaces"] = list(data.get("workplaces") or [])
        try:
            services.contract_save(council=found, actor=request.user, contract=chosen,
                                   organisation=chosen.organisation, **data)  # fmt: skip
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Contract {chosen.reference} changed")
            return redirect("compliance-council:contract", council=found.slug, contract=chosen.pk)
    context = {"council": found, "form": form, "organisation": chosen.organisation, "contract": chosen,
               "title": f"Change contract {chosen.reference}"}  # fmt: skip
    return render(request, "compliance/contracts/form.html", context)


@login_required
def contract_end(request, council: str, contract: int):
    found = _admin(request, council)
    chosen = access_council_contract(found, contract)
    form = forms.ContractEndForm(_posted(request), initial={"ends_on": chosen.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_end(contract=chosen, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Contract {chosen.reference} ends on {date_format(chosen.ends_on)}")
            return redirect("compliance-council:contract", council=found.slug, contract=chosen.pk)
    context = {"council": found, "form": form, "organisation": chosen.organisation, "contract": chosen,
               "title": f"End contract {chosen.reference}", "button": "End the contract"}  # fmt: skip
    return render(request, "compliance/contracts/form.html", context)


def _requirement_page(request, found, chosen, requirement: ContractRequirement | None):
    initial = None
    if requirement is not None:
        initial = {"kind": requirement.kind, "due_rule": requirement.due_rule, "due_months": requirement.due_months,
                   "due_days": requirement.due_days, "completeness_threshold": requirement.completeness_threshold,
                   "key_fields": requirement.key_fields}  # fmt: skip
    form = forms.RequirementForm(_posted(request), initial=initial or {"due_rule": "round_due_date"})
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_save(contract=chosen, actor=request.user, requirement=requirement,
                                      **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Requirement saved on contract {chosen.reference}")
            return redirect("compliance-council:contract", council=found.slug, contract=chosen.pk)
    title = "Change a requirement" if requirement else "Add a requirement"
    context = {"council": found, "form": form, "organisation": chosen.organisation, "contract": chosen,
               "title": title}  # fmt: skip
    return render(request, "compliance/contracts/form.html", context)


@login_required
def requirement_add(request, council: str, contract: int):
    found = _admin(request, council)
    return _requirement_page(request, found, access_council_contract(found, contract), None)


@login_required
def requirement_change(request, council: str, contract: int, requirement: int):
    found = _admin(request, council)
    chosen = access_council_contract(found, contract)
    return _requirement_page(request, found, chosen, access.access_contract_requirement(chosen, requirement))


@login_required
def register_import(request, council: str):
    found = _admin(request, council)
    form = forms.RegisterForm(_posted(request), request.FILES if request.method == "POST" else None)
    problems = []
    if request.method == "POST" and form.is_valid():
        saved, problems = services.register_import(council=found, actor=request.user,
                                                   text=form.cleaned_data["register"])  # fmt: skip
        if not problems:
            messages.success(request, f"{len(saved)} contract{'s' if len(saved) != 1 else ''} imported")
            return redirect("compliance-council:contracts", council=found.slug)
    context = {"council": found, "form": form, "problems": problems, "name": getattr(request.FILES.get("register"),
                                                                                        "name", "")}  # fmt: skip
    return render(request, "compliance/contracts/import.html", context)
