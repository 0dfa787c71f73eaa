"""Pages a provider's people use to see their organisation, its workplaces and its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from providers import access, selectors
from providers.forms import MemberInviteForm
from providers.models import Membership
from providers.reference import labels
from providers.services import invitation_create, invitation_revoke, pending_invitations


@login_required
def organisation_detail(request, org: str):
    organisation = access.access_organisation(request.user, org)
    context = {
        "organisation": organisation,
        "workplaces": selectors.workplace_list(organisation=organisation),
        "is_admin": access.is_org_admin(request.user, organisation),
        "service_labels": labels("main_services"),
    }
    return render(request, "providers/organisation_detail.html", context)


@login_required
def workplace_detail(request, org: str, workplace: int):
    organisation = access.access_organisation(request.user, org)
    place = access.access_workplace(request.user, workplace, organisation=organisation)
    context = {
        "organisation": organisation,
        "workplace": place,
        "main_service": labels("main_services").get(place.main_service, ""),
        "service_users": [labels("service_users").get(code, code) for code in place.service_users],
    }
    return render(request, "providers/workplace_detail.html", context)


@login_required
def member_list(request, org: str):
    organisation = access.access_organisation(request.user, org, min_role=Membership.Role.ADMIN)
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_create(invited_by=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}")
        return redirect("org:members", org=organisation.slug)
    context = {
        "organisation": organisation,
        "members": selectors.member_list(organisation=organisation),
        "invitations": pending_invitations(organisation=organisation),
        "form": form,
    }
    return render(request, "providers/member_list.html", context)


@login_required
@require_POST
def invitation_revoke_view(request, org: str, invitation: int):
    organisation = access.access_organisation(request.user, org, min_role=Membership.Role.ADMIN)
    found = get_object_or_404(pending_invitations(organisation=organisation), pk=invitation)
    invitation_revoke(invitation=found)
    messages.success(request, f"Invitation for {found.email} withdrawn")
    return redirect("org:members", org=organisation.slug)


