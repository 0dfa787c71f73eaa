"""The sign-in form: email and password, plus the security code when the account is guarded after failures."""

from __future__ import annotations

from allauth.account.forms import LoginForm
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from django import forms
from django.core.exceptions import ValidationError

from providers.models import User
from providers.signin import guard, rules
from providers.signin.stages import SECOND_FACTOR_CHECKED

CODE_NEEDED = (
    "Someone has tried to sign in to this account several times. Enter the security code from your authenticator "
    "app (or a recovery code) as well as your password"
)
DETAILS_WRONG = "The email address, password or security code is not right"


class SlowedDown(Exception):
    """The account has had failed sign-ins and must wait; the view answers with the 'slowed down' page."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class SignInForm(LoginForm):
    code = forms.CharField(label="Security code", required=False, max_length=20)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asks_for_code = False

    def clean(self):
        email = (self.cleaned_data.get("login") or "").strip().lower()
        if not email or self.errors:
            return super().clean()
        episode = guard.episode_for(email)
        if rules.is_guarded(episode):
            user = User.objects.filter(email=email, is_active=True).first()
            apps = list(Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN)) if user else []
            if user is None or apps:
                # Unknown addresses are treated like accounts with an app, so the page says nothing about which exist.
                self.asks_for_code = True
                self._check_code_first(email, user, apps)
            else:
                wait = guard.wait_remaining(email)
                if wait:
                    raise SlowedDown(wait)
        return super().clean()

    def _check_code_first(self, email: str, user, apps: list[Authenticator]) -> None:
        code = (self.cleaned_data.get("code") or "").strip()
        if not code:
            raise ValidationError(CODE_NEEDED)
        for authenticator in sorted(apps, key=lambda a: a.type != Authenticator.Type.TOTP):
            if authenticator.wrap().validate_code(code):
                post_authentication(self.request, authenticator)
                setattr(self.request, SECOND_FACTOR_CHECKED, user.pk)
                return
        guard.record_failure(email)
        raise ValidationError(DETAILS_WRONG)
