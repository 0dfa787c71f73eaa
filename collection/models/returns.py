from __future__ import annotations

from django.conf import settings
from django.db import models

from providers.models import Council, Workplace
from providers.models.base import TimeStampedModel
from providers.reference import CURRENT_VERSION


class CollectionRound(TimeStampedModel):
    """One year's collection: the snapshot date the return describes, and its window."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="rounds",
        null=True,
        blank=True,
        help_text="Leave empty for a round shared by every council on this installation.",
    )
    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=40, unique=True)
    snapshot_date = models.DateField(help_text="The day the return describes, usually 31 March.")
    window_opens = models.DateField()
    due_date = models.DateField()
    closes = models.DateField()
    draft = models.BooleanField(
        default=False,
        help_text="A round a council admin set up but has not opened yet: no provider sees it and nothing is chased.",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-snapshot_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_opens__lte=models.F("due_date"))
                & models.Q(due_date__lte=models.F("closes")),
                name="round_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class WorkforceReturn(TimeStampedModel):
    """One workplace's annual return for one round: the workplace section plus its staff records."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for correction"
        ACCEPTED = "accepted", "Accepted"

    class Declaration(models.TextChoices):
        WITH_JOBS = "with_jobs", "Yes"
        NONE = "none", "None"
        DONT_KNOW = "dont_know", "Don't know"

    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, related_name="returns")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="returns")
    state = models.CharField(max_length=20, choices=State.choices, default=State.NOT_STARTED)
    reference_version = models.CharField(max_length=20, default=CURRENT_VERSION)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every save, to catch conflicting edits.")

    # Workplace section
    total_staff = models.PositiveIntegerField(null=True, blank=True)
    starters_declared = models.CharField(max_length=12, choices=Declaration.choices, blank=True)
    leavers_declared = models.CharField(max_length=12, choices=Declaration.choices, blank=True)
    vacancies_declared = models.CharField(max_length=12, choices=Declaration.choices, blank=True)
    sick_pay = models.CharField(max_length=10, blank=True)
    pension = models.CharField(max_length=10, blank=True)
    pension_percentage = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    holiday_days = models.PositiveSmallIntegerField(null=True, blank=True)
    sleep_ins = models.CharField(max_length=10, blank=True)
    sleep_in_pay = models.CharField(max_length=10, blank=True)
    travel_time_pay = models.CharField(max_length=10, blank=True)
    travel_time_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    workplace_confirmed_at = models.DateTimeField(null=True, blank=True)
    pay_confirmed_at = models.DateTimeField(null=True, blank=True)
    staff_confirmed_at = models.DateTimeField(null=True, blank=True)

    # Lifecycle
    # Completeness as `collection.rules.return_completeness` says now (see collection.services.completeness)
    progress_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Task progress: 100 exactly when the return meets the completeness rule."
    )
    records_complete_percent = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Share of staff records complete on the key fields (rounded down); what the threshold is about.",
    )
    is_complete = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_reference = models.CharField(max_length=20, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["round", "workplace"]
        constraints = [models.UniqueConstraint(fields=["workplace", "round"], name="one_return_per_workplace_round")]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self) -> str:
        return f"{self.workplace} – {self.round}"


class JobRoleCount(models.Model):
    """Starters and leavers in the last 12 months, and current vacancies, for one job role in one return."""

    workforce_return = models.ForeignKey(WorkforceReturn, on_delete=models.CASCADE, related_name="job_role_counts")
    job_role = models.CharField(max_length=10)
    starters = models.PositiveSmallIntegerField(default=0)
    leavers = models.PositiveSmallIntegerField(default=0)
    vacancies = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["workforce_return", "job_role"]
        constraints = [
            models.UniqueConstraint(fields=["workforce_return", "job_role"], name="one_count_per_job_role"),
        ]

    def __str__(self) -> str:
        return f"Job role {self.job_role}: {self.starters} starters, {self.leavers} leavers, {self.vacancies} vacancies"


class LeaverReasonCount(models.Model):
    """How many leavers left for one reason (workplace level; no person is named)."""

    workforce_return = models.ForeignKey(WorkforceReturn, on_delete=models.CASCADE, related_name="leaver_reasons")
    reason = models.CharField(max_length=10)
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["workforce_return", "reason"]
        constraints = [models.UniqueConstraint(fields=["workforce_return", "reason"], name="one_count_per_reason")]

    def __str__(self) -> str:
        return f"Reason {self.reason}: {self.count}"
