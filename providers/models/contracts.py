from django.conf import settings
from django.db import models

from providers.models.base import TimeStampedModel
from providers.models.organisations import Council, Organisation, Workplace


class Contract(TimeStampedModel):
    """A council's contract with an organisation, optionally limited to some of its workplaces."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="contracts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    reference = models.CharField(max_length=60)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    contract_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contracts_managed",
    )
    workplaces = models.ManyToManyField(
        Workplace, blank=True, related_name="contracts", help_text="Leave empty to cover every workplace."
    )

    class Meta:
        ordering = ["council__name", "reference"]
        constraints = [models.UniqueConstraint(fields=["council", "reference"], name="unique_contract_reference")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.organisation})"


class ContractRequirement(TimeStampedModel):
    """Something a contract requires, stored as data: what, by when, and how complete."""

    class Kind(models.TextChoices):
        ANNUAL_RETURN = "annual_return", "Annual workforce return, submitted and complete"
        SURVEY_DISTRIBUTED = "survey_distributed", "Staff survey links distributed"

    class DueRule(models.TextChoices):
        ROUND_DUE_DATE = "round_due_date", "The collection round's due date"
        DAYS_AFTER_WINDOW = "days_after_window", "A number of days after the window opens"
        CONTRACT_ANNIVERSARY = "contract_anniversary", "Within some months of the contract's start anniversary"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.ANNUAL_RETURN)
    due_rule = models.CharField(max_length=30, choices=DueRule.choices, default=DueRule.ROUND_DUE_DATE)
    due_days = models.PositiveIntegerField(null=True, blank=True, help_text="Used with 'days after the window opens'.")
    due_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Used with the contract's anniversary: due this many months after it."
    )
    completeness_threshold = models.PositiveSmallIntegerField(
        default=90, help_text="Percentage of staff records that must be complete on the key fields."
    )
    key_fields = models.JSONField(
        default=list, blank=True, help_text="Staff record fields that count for completeness. Empty = the standard set."
    )

    class Meta:
        ordering = ["contract", "kind"]
        constraints = [models.UniqueConstraint(fields=["contract", "kind"], name="unique_requirement_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.contract.reference}"
