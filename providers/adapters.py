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

    def authentication_failed(self, request, **credentials) -> None:
        """Count the failure against the account typed (providers.signin.rules decides what it costs)."""
        email = credentials.get("email") or ""
        if email:
            guard.record_failure(email)
