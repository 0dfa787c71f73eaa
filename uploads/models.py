"""A bulk upload of ASC-WDS files for one organisation and one round, from validation to apply.

The raw files are kept in the database (`UploadFile.data`) only until the upload is applied, or for 30 days
after it was made if it never is (the retention schedule, `retention.rules`). The stored report never holds NI numbers, home
postcodes or dates of birth: their cell values are blanked before the result is saved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from collection.models import CollectionRound
from providers.models import Organisation
from providers.models.base import TimeStampedModel


class Upload(TimeStampedModel):
    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be checked"
        VALIDATING = "validating", "Being checked"
        PASSED = "passed", "Ready to apply"
        WARNINGS = "warnings", "Ready to apply, with warnings"
        FAILED = "failed", "Rejected: errors to fix"
        APPLIED = "applied", "Applied"
        CRASHED = "crashed", "Could not be checked"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="uploads")
    round = models.ForeignKey(CollectionRound, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0-100, shown while the files are checked.")
    stage = models.CharField(max_length=80, blank=True)
    result = models.JSONField(null=True, blank=True, help_text="The report: counts, errors, warnings, the preview.")
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    files_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"Upload {self.pk} for {self.organisation} ({self.get_state_display()})"

    @property
    def is_checking(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.VALIDATING)

    @property
    def can_apply(self) -> bool:
        return self.state in (self.State.PASSED, self.State.WARNINGS)


class UploadFile(models.Model):
    """One uploaded file, kept only until the upload is applied (or 30 days)."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["upload", "id"]

    def __str__(self) -> str:
        return self.name
