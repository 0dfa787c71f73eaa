"""Legal holds, warnings to inactive accounts, and the log of what the retention task removed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from providers.models import Council, Organisation


class LegalHold(models.Model):
    """While a hold is in place (not lifted), nothing of the organisation is deleted by the retention task.

    A hold is never edited except to lift it, and never deleted: the rows are their own audit trail (who placed it,
    when and why; who lifted it, when and why).
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "organisation"], condition=Q(lifted_at__isnull=True), name="one_open_hold_per_council"
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class AccountWarning(models.Model):
    """An inactive account was told it will be deactivated. Deleted when the person signs in again."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_warning")
    warned_on = models.DateField()

    def __str__(self) -> str:
        return f"Inactivity warning to {self.user}"


class RetentionLog(models.Model):
    """What one run of the retention task removed from one dataset (counts and ids, never the data itself)."""

    run_on = models.DateField()
    dataset = models.CharField(max_length=30)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    count = models.PositiveIntegerField()
    detail = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["run_on"])]

    def __str__(self) -> str:
        return f"{self.run_on}: {self.count} {self.dataset}"

    @property
    def label(self) -> str:
        from retention.rules import LABELS

        return LABELS.get(self.dataset, self.dataset)
