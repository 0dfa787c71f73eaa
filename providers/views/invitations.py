from allauth.account.internal.flows.reauthentication import reauthenticate_by_password
from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from providers.forms import InvitationAcceptForm
from providers.models import Invitation, User
from providers.services import INVITATION_NOT_USABLE, invitation_accept


def invitation_accept_view(request, token: str):
    invitation = Invitation.objects.select_related("organisation", "council").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "providers/invitation_unusable.html", {"message": INVITATION_NOT_USABLE}, status=410)
    if request.user.is_authenticated and request.user.email.lower() == invitation.email:
        invitation_accept(token=token, password=None, user=request.user)
        messages.success(request, "Invitation accepted.")
        return redirect("home")
    if not request.user.is_authenticated and User.objects.filter(email__iexact=invitation.email).exists():
        return redirect_to_login(request.get_full_path())
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = perform_login(request, user, email_verification="none", redirect_url="/")
            # The password was set a moment ago: count it as a password sign-in, so setting up MFA next does not
            # ask for it again.
            reauthenticate_by_password(request)
            return response
    return render(request, "providers/invitation_accept.html", {"form": form, "invitation": invitation})
