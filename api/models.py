"""Personal API tokens: a user creates one, sees it once, and can revoke it. Only a SHA-256 hash is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A token acting as its user, within one organisation or council, until it expires or is revoked, and only
    while its owner's roles, memberships, authenticators and active flag are as they were when it was made
    (`access_fingerprint`)."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and write"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What the token is for, e.g. 'HR system'.")
    prefix = models.CharField(max_length=12, help_text="The first characters of the token, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token, hex.")
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.READ)
    organisation = models.ForeignKey(
        "providers.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens"
    )
    council = models.ForeignKey(
        "providers.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens"
    )
    access_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the owner's roles, memberships and MFA when it was made."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

    @property
    def body(self):
        """The organisation or council the token belongs to."""
        return self.organisation or self.council
