"""Provider pages: returns overview, the task list, the workplace, numbers and pay sections, check and submit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from collection import deadlines, selectors
from collection.forms import DeclarationForm, NumbersForm, PayForm, WorkplaceForm
from collection.models import WorkforceReturn
from collection.policy import policy_for
from collection.services import (
    InvalidState,
    return_numbers_update,
    return_pay_update,
    return_submit,
    return_workplace_update,
)
from collection.views.common import return_page, save_with
from collection.views.summary import check_answers_rows
from config import clock
from providers import access
from providers.models import Membership


@login_required
def returns_overview(request, org: str):
    organisation = access.access_organisation(request.user, org)
    if organisation.is_individual_employer:
        return redirect("collection:pa-returns", org=organisation.slug)
    rounds, returns, workplaces = selectors.organisation_returns(organisation)
    today = clock.today()
    current = [r for r in rounds if r.closes >= today]
    past = [r for r in rounds if r.closes < today]  # closed rounds are history: nothing is owed or open there
    due = deadlines.deadlines(organisation=organisation, rounds=current, workplace_ids=[p.pk for p in workplaces])
    rows = [(place, [(r, returns.get((place.pk, r.pk)), deadlines.shown(r, due.get((place.pk, r.pk)))) for r in current],
             [(r, returns.get((place.pk, r.pk))) for r in past]) for place in workplaces]
    return render(request, "collection/returns/overview.html",
                  {"organisation": organisation, "rounds": rounds, "rows": rows})


@login_required
def task_list(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    staff = list(selectors.active_staff(page.workforce_return))
    completeness = selectors.completeness_for(page.workforce_return, staff=staff)
    previous = selectors.previous_return(page.workforce_return) if not staff and page.editable else None
    due = deadlines.deadlines(organisation=page.organisation, rounds=[page.round], workplace_ids=[page.workplace.pk])
    context = page.context(
        deadline=deadlines.shown(page.round, due.get((page.workplace.pk, page.round.pk))),
        tasks=selectors.task_list(page.workforce_return, staff=staff, completeness=completeness),
        completeness=completeness,
        previous=previous,
        staff_count=len(staff),
    )
    return render(request, "collection/returns/task_list.html", context)


@login_required
def workplace_section(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    initial = WorkplaceForm.initial_for(page.workplace, page.workforce_return)
    form = WorkplaceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and save_with(request, form, lambda answers, **kw: return_workplace_update(
            workforce_return=page.workforce_return, actor=request.user, data=answers, **kw)):
        messages.success(request, "Workplace details saved")
        return page.to_task_list()
    return render(request, "collection/returns/section_form.html",
                  page.context(form=form, title="Workplace details"))


@login_required
def numbers_section(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    r = page.workforce_return
    initial = NumbersForm.initial_for(r, counts=r.job_role_counts.all(), reasons=r.leaver_reasons.all())
    form = NumbersForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and save_with(request, form, lambda answers, **kw: return_numbers_update(
            workforce_return=r, actor=request.user, **answers, **kw)):
        messages.success(request, "Staff numbers saved")
        return page.to_task_list()
    return render(request, "collection/returns/numbers.html", page.context(form=form))


@login_required
def pay_section(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    r = page.workforce_return
    initial = {name: getattr(r, name) for name in PayForm.base_fields if hasattr(r, name)}
    form = PayForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and save_with(request, form, lambda answers, **kw: return_pay_update(
            workforce_return=r, actor=request.user, data=answers, **kw)):
        messages.success(request, "Pay and conditions saved")
        return page.to_task_list()
    return render(request, "collection/returns/section_form.html", page.context(form=form, title="Pay and conditions"))


@login_required
def check_answers(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round)
    r = page.workforce_return
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            return_submit(workforce_return=r, actor=request.user)
        except InvalidState:
            pass  # already submitted (a double click): show the confirmation once more
        return redirect("collection:return-confirmation", **page.kwargs)
    staff = list(selectors.active_staff(r))
    completeness = selectors.completeness_for(r, staff=staff, policy=policy_for(page.workplace))
    context = page.context(form=form, completeness=completeness, staff_count=len(staff),
                           sections=check_answers_rows(r, page.workplace), unconfirmed=sum(not s.confirmed for s in staff))
    return render(request, "collection/returns/check_answers.html", context)


@login_required
def confirmation(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round, min_role=Membership.Role.VIEWER)
    if page.workforce_return.state not in (WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED):
        return page.to_task_list()
    return render(request, "collection/returns/confirmation.html", page.context())


@login_required
def history(request, org: str, workplace: int, round: str):
    page = return_page(request, org=org, workplace=workplace, round=round, min_role=Membership.Role.ADMIN)
    changes = selectors.change_history(page.workforce_return)
    from django.core.paginator import Paginator

    from collection.history import describe

    listing = Paginator(changes, 100).get_page(request.GET.get("page"))
    entries = [describe(change) for change in listing]
    return render(request, "collection/returns/history.html", page.context(changes=listing, entries=entries))
