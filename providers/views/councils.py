"""Pages council staff use: the council's contracted organisations and its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from providers import access, selectors
from providers.forms import CouncilStaffInviteForm, FirstAdminInviteForm
from providers.models import CouncilMembership, Membership
from providers.services import invitation_create, invitation_revoke, pending_invitations

ADMIN = [CouncilMembership.Role.COUNCIL_ADMIN]


@login_required
def council_home(request, council: str):
    found = access.access_council(request.user, council)
    context = {
        "council": found,
        "organisations": selectors.contracted_organisation_list(council=found),
        "roles": access.council_roles(request.user),
    }
    return render(request, "providers/council_home.html", context)


@login_required
def council_people(request, council: str):
    found = access.access_council(request.user, council, roles=ADMIN)
    staff_form = CouncilStaffInviteForm(request.POST if "invite_staff" in request.POST else None, prefix="staff")
    admin_form = FirstAdminInviteForm(
        request.POST if "invite_admin" in request.POST else None,
        prefix="org",
        organisations=access.contracted_organisations(found),
    )
    if staff_form.is_bound and staff_form.is_valid():
        invitation_create(invited_by=request.user, council=found, **staff_form.cleaned_data)
        messages.success(request, f"Invitation sent to {staff_form.cleaned_data['email']}")
        return redirect("council:people", council=found.slug)
    if admin_form.is_bound and admin_form.is_valid():
        invitation_create(
            invited_by=request.user,
            organisation=admin_form.cleaned_data["organisation"],
            email=admin_form.cleaned_data["email"],
            role=Membership.Role.ADMIN,
        )
        messages.success(request, f"Invitation sent to {admin_form.cleaned_data['email']}")
        return redirect("council:people", council=found.slug)
    context = {
        "council": found,
        "staff": selectors.council_staff_list(council=found),
        "invitations": pending_invitations(council=found),
        "staff_form": staff_form,
        "admin_form": admin_form,
    }
    return render(request, "providers/council_people.html", context)


@login_required
@require_POST
def council_invitation_revoke(request, council: str, council_invitation: int):
    found = access.access_council(request.user, council, roles=ADMIN)
    pending = get_object_or_404(pending_invitations(council=found), pk=council_invitation)
    invitation_revoke(invitation=pending)
    messages.success(request, f"Invitation for {pending.email} withdrawn")
    return redirect("council:people", council=found.slug)


@login_required
def council_organisation(request, council: str, org: str):
    found = access.access_council(request.user, council)
    organisation = access.access_contracted_organisation(found, org)
    context = {
        "council": found,
        "organisation": organisation,
        "workplaces": access.contracted_workplaces(found).filter(organisation=organisation).order_by("name"),
        "contracts": organisation.contracts.filter(council=found).select_related("contract_officer"),
    }
    return render(request, "providers/council_organisation.html", context)
