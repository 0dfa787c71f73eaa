"""allauth login stages: the emailed code for individual employers without an authenticator app, and allauth's
MFA stage, skipped only when the security code was already checked on the sign-in form (a guarded account)."""

from __future__ import annotations

from allauth.account.stages import LoginStage
from allauth.core.internal.httpkit import headed_redirect_response
from allauth.mfa.stages import AuthenticateStage

from providers.mfa import emailed_code_required
from providers.signin.codes import signin_code_send

SECOND_FACTOR_CHECKED = "_cwr_second_factor_checked_for"


class EmailedCodeStage(LoginStage):
    key = "cwr_emailed_code"
    urlname = "account_signin_code"

    def handle(self) -> tuple:
        user = self.login.user
        if user is None or not emailed_code_required(user):
            return None, True
        signin_code_send(user=user)
        return headed_redirect_response(self.urlname), True


class MfaStage(AuthenticateStage):
    def handle(self) -> tuple:
        user = self.login.user
        if user is not None and getattr(self.request, SECOND_FACTOR_CHECKED, None) == user.pk:
            return None, True
        return super().handle()
