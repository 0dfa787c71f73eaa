from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from config import clock
from providers.models.base import TimeStampedModel


class Council(TimeStampedModel):
    """A commissioning local authority."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    cssr_code = models.CharField("ONS/CSSR code", max_length=10, blank=True)
    districts = models.JSONField(default=list, blank=True, help_text="District names used to group workplaces.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A care provider, a micro-employer, or a person who employs Personal Assistants."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", "Care provider"
        MICRO_EMPLOYER = "micro_employer", "Micro-employer"
        INDIVIDUAL_EMPLOYER = "individual_employer", "Individual employer"

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.PROVIDER)
    cqc_provider_id = models.CharField("CQC provider ID", max_length=20, blank=True)
    senior_accountable_email = models.EmailField(
        "senior accountable person's email", blank=True, help_text="Receives formal notices about contract returns."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_individual_employer(self) -> bool:
        return self.kind == self.Kind.INDIVIDUAL_EMPLOYER


class Workplace(TimeStampedModel):
    """A place that employs care staff: usually a CQC location (ASC-WDS calls it an establishment)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="workplaces")
    name = models.CharField(max_length=120)
    local_ref = models.CharField(
        "your workplace reference", max_length=50, help_text="Your own reference (LOCALESTID in ASC-WDS files)."
    )
    address1 = models.CharField("address line 1", max_length=40, blank=True)
    address2 = models.CharField("address line 2", max_length=40, blank=True)
    town = models.CharField("town or city", max_length=40, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    district = models.CharField(max_length=80, blank=True)
    is_cqc_regulated = models.BooleanField("regulated by CQC", null=True)
    cqc_location_id = models.CharField("CQC location ID", max_length=20, blank=True)
    employer_type = models.CharField(max_length=10, blank=True)
    main_service = models.CharField(max_length=10, blank=True)
    other_services = models.JSONField(default=list, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    utilisation = models.PositiveIntegerField(null=True, blank=True)
    service_users = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "local_ref"], name="unique_workplace_local_ref"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A user's role in an organisation."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        EDITOR = "editor", "Editor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class CouncilMembership(TimeStampedModel):
    """A member of council staff and what they do for the council."""

    class Role(models.TextChoices):
        CONTRACT_OFFICER = "contract_officer", "Contract officer"
        ANALYST = "analyst", "Analyst"
        COUNCIL_ADMIN = "council_admin", "Council admin"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["council__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "council", "role"], name="unique_council_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.council}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    """An invitation by email to join an organisation (or a council) with a role. Sign-up is by invitation only."""

    email = models.EmailField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True)
    role = models.CharField(max_length=20)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, council__isnull=True)
                | models.Q(organisation__isnull=True, council__isnull=False),
                name="invitation_to_one_body",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= clock.now():
            return "expired"
        return "pending"

    def get_role_label(self) -> str:
        labels = dict(Membership.Role.choices) | dict(CouncilMembership.Role.choices)
        return labels.get(self.role, self.role).lower()

    @property
    def is_usable(self) -> bool:
        return self.state == "pending"
