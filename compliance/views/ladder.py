"""The council's chase ladder: every member of the desk (contract officers too) sees it, each message previewed as
a provider will receive it, and the audit trail of changes; council admins change offsets, approvals and wording,
and choose whether to take the service's new default ladder when it changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from compliance import access, forms, services
from compliance.ladders import default_changes, ladders_for, rule_step
from compliance.messages import sample_message
from compliance.rules.ladder import step_label
from compliance.selectors import rounds_for_council
from compliance.selectors.contracts import settings_trail
from config import clock
from providers.access import access_council, council_roles
from providers.models import CouncilMembership


def _sample_round(council):
    today = clock.today()
    rounds = list(rounds_for_council(council).filter(draft=False))
    return next((r for r in rounds if r.window_opens <= today <= r.closes), rounds[0] if rounds else None)


@login_required
def ladder(request, council: str):
    found = access_council(request.user, council, roles=access.DESK_ROLES)
    steps = ladders_for([found.pk])[found.pk]
    sample_round, today = _sample_round(found), clock.today()
    previews = []
    for step in steps:
        subject, body, on = sample_message(step, council=found, round_=sample_round, today=today)
        previews.append((step, subject, body, on))
    is_admin = CouncilMembership.Role.COUNCIL_ADMIN in council_roles(request.user)
    context = {"council": found, "previews": previews, "is_admin": is_admin, "sample_round": sample_round,
               "changes": default_changes(steps) if is_admin else [],
               "trail": settings_trail(found, subject="ladder_step")[:100]}  # fmt: skip
    return render(request, "compliance/ladder.html", context)


@login_required
def ladder_step(request, council: str, step: str):
    setting = access.access_ladder_step(request.user, council, step)
    form = forms.LadderStepForm(request.POST if request.method == "POST" else None, instance=setting)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:  # show the message with what was typed, save nothing
            shown = form.save(commit=False)
            subject, body, on = sample_message(shown, council=setting.council, round_=_sample_round(setting.council),
                                               today=clock.today())  # fmt: skip
            preview = {"subject": subject, "body": body, "on": on}
        else:
            try:
                services.ladder_step_update(setting=setting, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Step saved: {step_label(rule_step(setting))}")
                return redirect("compliance-council:ladder", council=setting.council.slug)
    if preview is None:
        setting.refresh_from_db()
        subject, body, on = sample_message(setting, council=setting.council, round_=_sample_round(setting.council),
                                           today=clock.today())  # fmt: skip
        preview = {"subject": subject, "body": body, "on": on, "saved": True}
    context = {"council": setting.council, "step": setting, "form": form, "preview": preview}
    return render(request, "compliance/ladder_step.html", context)


@login_required
@require_POST
def ladder_default(request, council: str):
    """Take the service's new default ladder, or keep the council's own."""
    found = access.access_council_admin(request.user, council)
    form = forms.LadderDefaultForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to take the new standard ladder or keep yours")
    elif form.cleaned_data["choice"] == "take":
        count = services.ladder_default_take(council=found, actor=request.user)
        messages.success(request, f"The new standard wording and timing taken for {count} step{'s' if count != 1 else ''}")
    else:
        count = services.ladder_default_keep(council=found, actor=request.user)
        messages.success(request, f"Your own {count} step{'s' if count != 1 else ''} kept")
    return redirect("compliance-council:ladder", council=found.slug)
