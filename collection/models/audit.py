from django.conf import settings
from django.db import models


class ChangeRecord(models.Model):
    """One field changed on a return or a staff record: who, when, old value, new value, and how (web, upload, API).

    A council's own settings (contracts, requirements, rounds, chase ladder steps) are audited in the same table:
    such a row has no return, names its council, and says what it is about in `subject` ("contract", "round",
    "ladder_step", ...), `subject_id` and `subject_label` (kept as text, so the trail reads the same after the
    thing itself changes).
    """

    class Source(models.TextChoices):
        WEB = "web", "Web form"
        UPLOAD = "upload", "Bulk upload"
        API = "api", "API"
        SYSTEM = "system", "System"

    # The two foreign keys below have no index of their own: the (workforce_return, -at) and
    # (council, subject, subject_id, -at) indexes start with them (an upload writes hundreds of thousands of rows).
    workforce_return = models.ForeignKey(
        "collection.WorkforceReturn", on_delete=models.CASCADE, related_name="changes", null=True, blank=True,
        db_index=False,
    )
    staff_ref = models.CharField(max_length=50, blank=True, help_text="Staff reference, when the change is to a record.")
    action = models.CharField(max_length=20)  # created, updated, removed, submitted, accepted, returned, ...
    field = models.CharField(max_length=60, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    at = models.DateTimeField(auto_now_add=True)
    council = models.ForeignKey(
        "providers.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False,
        help_text="The council whose settings changed (rows about a council's contracts, rounds or ladder).",
    )
    subject = models.CharField(max_length=20, blank=True)
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    subject_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["workforce_return", "-at"]),
            # only the rows about a council's settings (a few): every query of it names a council
            models.Index(fields=["council", "subject", "subject_id", "-at"], name="changerecord_council_subject",
                         condition=models.Q(council__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.staff_ref} {self.field}".strip()
