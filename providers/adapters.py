from allauth.account.adapter import DefaultAccountAdapter

from providers.signin import guard


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: accounts are made by accepting an invitation (see providers.services)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with its MFA stage swapped for ours and the emailed code (individual employers) after."""
        stages = [
            "providers.signin.stages.MfaStage" if path == "allauth.mfa.stages.AuthenticateStage" else path
            for path in super().get_login_stages()
        ]
        at = stages.index("providers.signin.stages.MfaStage") + 1
        return [*stages[:at], "providers.signin.stages.EmailedCodeStage", *stages[at:]]

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails (verify an address, reset a password) go through the service's one sender: rendered by
        allauth as usual, handed to `providers.messaging` (SMTP, or GOV.UK Notify as kind "account")."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        from providers.messaging import send_message

        request = allauth_context.request
        message = self.render_mail(template_prefix, email, {"request": request, "email": email,
                                                            "current_site": get_current_site(request), **context})
        send_message(kind="account", subject=message.subject, body=message.body, to=message.to)

    def authentication_failed(self, request, **credentials) -> None:
        """Count the failure against the account typed (providers.signin.rules decides what it costs)."""
        email = credentials.get("email") or ""
        if email:
            guard.record_failure(email)
