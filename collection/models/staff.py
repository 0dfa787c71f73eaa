from __future__ import annotations

from django.db import models

from collection.models.returns import WorkforceReturn
from providers.models.base import TimeStampedModel


class StaffRecord(TimeStampedModel):
    """One worker in one return, identified only by the provider's own reference.

    Never a name, NI number or full date of birth: the birth year is the most that is kept. Field names and codes
    match `collection.rules.records.StaffRecordData`.
    """

    # No index of its own: the unique (workforce_return, local_ref) and the (workforce_return, job_role) indexes
    # both start with it (one index fewer to fill for each of an upload's records).
    workforce_return = models.ForeignKey(
        WorkforceReturn, on_delete=models.CASCADE, related_name="staff_records", db_index=False
    )
    local_ref = models.CharField("staff reference", max_length=50)
    job_role = models.CharField(max_length=10, blank=True)
    job_role_other = models.CharField(max_length=120, blank=True)
    contract_type = models.CharField(max_length=10, blank=True)
    zero_hours = models.CharField(max_length=10, blank=True)
    contracted_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    average_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    pay_interval = models.CharField(max_length=10, blank=True)
    pay_rate = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    gender = models.CharField(max_length=10, blank=True)
    ethnicity = models.CharField(max_length=10, blank=True)
    nationality = models.CharField(max_length=10, blank=True)
    disability = models.CharField(max_length=10, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    year_started_in_sector = models.PositiveSmallIntegerField(null=True, blank=True)
    recruitment_source = models.CharField(max_length=10, blank=True)
    sickness_days = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    care_certificate = models.CharField(max_length=10, blank=True)
    social_care_qualification = models.CharField(max_length=10, blank=True)
    social_care_level = models.CharField(max_length=10, blank=True)
    other_qualification = models.CharField(max_length=10, blank=True)
    other_qualification_level = models.CharField(max_length=10, blank=True)
    apprenticeship = models.CharField(max_length=10, blank=True)
    health_care_visa = models.CharField(max_length=10, blank=True)
    country_of_birth = models.CharField(max_length=10, blank=True)

    # Lifecycle within the return
    carried_forward = models.BooleanField(default=False)
    confirmed = models.BooleanField(default=True, help_text="False for a carried-forward record not yet checked.")
    left_on = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=10, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every save, to catch conflicting edits.")

    class Meta:
        ordering = ["workforce_return", "local_ref"]
        constraints = [
            models.UniqueConstraint(fields=["workforce_return", "local_ref"], name="unique_staff_ref_per_return"),
        ]
        indexes = [models.Index(fields=["workforce_return", "job_role"])]

    def __str__(self) -> str:
        return self.local_ref
