from __future__ import annotations

from django.conf import settings
from django.db import models

from collection.models.returns import CollectionRound
from providers.models import Organisation
from providers.models.base import TimeStampedModel


class PersonalAssistantReturn(TimeStampedModel):
    """An individual employer's short, optional return about the Personal Assistants (PAs) they employ.

    Counts and bands only: nothing personal about any PA (no ages, ethnicity, health, NI numbers or visa status).
    """

    class State(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pa_returns")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="pa_returns")
    state = models.CharField(max_length=20, choices=State.choices, default=State.NOT_STARTED)
    version = models.PositiveIntegerField(default=1)

    pas_employed = models.PositiveSmallIntegerField(null=True, blank=True)
    hours_bands = models.JSONField(default=dict, blank=True, help_text="Hours band -> number of PAs.")
    pay_bands = models.JSONField(default=dict, blank=True, help_text="Hourly pay band -> number of PAs.")
    fixed_hours_pas = models.PositiveSmallIntegerField(null=True, blank=True)
    starters = models.PositiveSmallIntegerField(null=True, blank=True)
    leavers = models.PositiveSmallIntegerField(null=True, blank=True)
    leaver_reasons = models.JSONField(default=list, blank=True, help_text="worker_leave_reasons codes.")
    unfilled_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    recruitment_difficulty = models.CharField(max_length=2, blank=True)
    uses_payroll = models.CharField(max_length=10, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_reference = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["round", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "round"], name="one_pa_return_per_organisation_round")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.round} (PAs)"
