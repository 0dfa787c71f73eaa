"""Sign-in pages of our own: the form (allauth's view with the slowed-down page) and the emailed code."""

from __future__ import annotations

from allauth.account.internal.decorators import login_stage_required
from allauth.account.internal.flows.login import record_authentication
from allauth.account.views import LoginView
from django import forms
from django.contrib import messages
from django.shortcuts import render

from providers.signin import guard
from providers.signin.codes import CODE_MINUTES, signin_code_check
from providers.signin.forms import SignInForm, SlowedDown
from providers.signin.stages import EmailedCodeStage
from providers.views.pages import too_many_requests

CODE_WRONG = "The code is not right. Check the email we sent you and try again"
CODE_DEAD = "That code has expired or was tried too many times. Sign in again and we will email you a new code."


class SignInView(LoginView):
    form_class = SignInForm

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except SlowedDown as slowed:
            return too_many_requests(request, retry_after=slowed.seconds, template="account/slowed_down.html")


sign_in = SignInView.as_view()


class CodeForm(forms.Form):
    code = forms.CharField(label="Sign-in code", max_length=12, error_messages={"required": "Enter the code we emailed you"})


@login_stage_required(stage=EmailedCodeStage.key, redirect_urlname="account_login")
def signin_code_view(request):
    stage = request._login_stage
    user = stage.login.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = signin_code_check(user=user, code=form.cleaned_data["code"])
        if outcome == "ok":
            record_authentication(request, user, "emailed_code")
            return stage.exit()
        guard.record_failure(user.email)
        if outcome == "dead":
            messages.error(request, CODE_DEAD)
            return stage.abort()
        form.add_error("code", CODE_WRONG)
    return render(request, "account/signin_code.html", {"form": form, "email": user.email, "minutes": CODE_MINUTES})
