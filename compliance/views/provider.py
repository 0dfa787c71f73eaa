"""The provider's own compliance page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from compliance.selectors import organisation_compliance
from config import clock
from providers.access import access_organisation


@login_required
def status(request, org: str):
    organisation = access_organisation(request.user, org)
    context = {"organisation": organisation, **organisation_compliance(organisation=organisation,
                                                                        today=clock.today())}  # fmt: skip
    return render(request, "compliance/provider_status.html", context)
