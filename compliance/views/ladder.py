"""The council's chase ladder: council admins change offsets, approvals and wording."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from compliance import access, forms, services
from compliance.ladders import ladders_for
from providers.access import access_council


@login_required
def ladder(request, council: str):
    found = access_council(request.user, council, roles=access.LADDER_ROLES)
    steps = ladders_for([found.pk])[found.pk]
    return render(request, "compliance/ladder.html", {"council": found, "steps": steps})


@login_required
def ladder_step(request, council: str, step: str):
    setting = access.access_ladder_step(request.user, council, step)
    form = forms.LadderStepForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        try:
            services.ladder_step_update(setting=setting, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Step ‘{setting.subject}’ saved")
            return redirect("compliance-council:ladder", council=setting.council.slug)
    return render(request, "compliance/ladder_step.html", {"council": setting.council, "step": setting, "form": form})
