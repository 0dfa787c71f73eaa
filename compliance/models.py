"""Stored records of compliance and chasing: each council's ladder, extensions, exemptions, officer notes and
calls, notices, and the chase records (every step the ladder produced, with its delivery outcome), kept forever
as the evidence trail.

A unit of chasing is one contract requirement for one contracted workplace in one round. Individual employers
have no workplaces: their unit has `workplace` empty (their return is per organisation).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from collection.models import CollectionRound
from compliance.rules import (
    ANCHOR_LABELS,
    CHANNEL_LABELS,
    STEP_KIND_LABELS,
    Anchor,
    Channel,
    StepKind,
    channel_label,
    step_kind_label,
)
from providers.models import ContractRequirement, Council, Organisation, Workplace
from providers.models.base import TimeStampedModel

_USER = settings.AUTH_USER_MODEL


class LadderStepSetting(TimeStampedModel):
    """One rung of a council's chase ladder. Created from `compliance.rules.DEFAULT_LADDER` on first use."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="ladder_steps")
    key = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=[(k.value, STEP_KIND_LABELS[k]) for k in StepKind])
    offset_days = models.IntegerField(help_text="Days from the anchor; negative numbers are before it.")
    anchor = models.CharField(max_length=20, choices=[(a.value, ANCHOR_LABELS[a]) for a in Anchor])
    channel = models.CharField(max_length=10, choices=[(c.value, CHANNEL_LABELS[c]) for c in Channel])
    audience = models.JSONField(default=list)
    needs_approval = models.BooleanField(default=False)
    for_individual_employers = models.BooleanField(default=False)
    marks_default = models.BooleanField(default=False)
    response_days = models.PositiveSmallIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=150)
    wording = models.TextField(help_text="The opening paragraph of the message.")
    default_signature = models.CharField(
        max_length=64, blank=True,
        help_text="Which version of the service's default step this was copied from (or last compared with): when "
        "the default changes, the council is told and chooses whether to take it.",
    )  # fmt: skip

    class Meta:
        ordering = ["council", "position"]
        constraints = [models.UniqueConstraint(fields=["council", "key"], name="unique_ladder_step_key")]

    def __str__(self) -> str:
        return f"{self.council}: {self.key}"


class ExemptionCategory(models.TextChoices):
    REASONABLE_EXCUSE = "reasonable_excuse", "Reasonable excuse"
    NEW_SERVICE = "new_service", "New service (registered after the snapshot date)"
    CLOSING_SERVICE = "closing_service", "Closing service"


class _Decision(TimeStampedModel):
    """An officer's decision about one requirement of one organisation in one round (all its workplaces when
    `workplace` is empty)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requirement = models.ForeignKey(ContractRequirement, on_delete=models.PROTECT, related_name="+")
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class Extension(_Decision):
    new_due_date = models.DateField()
    reason = models.TextField()

    class Meta(_Decision.Meta):
        pass

    def __str__(self) -> str:
        return f"Extension to {self.new_due_date} for {self.organisation}"


class Exemption(_Decision):
    category = models.CharField(max_length=30, choices=ExemptionCategory.choices)
    details = models.TextField()

    class Meta(_Decision.Meta):
        pass

    def __str__(self) -> str:
        return f"Exemption ({self.get_category_display()}) for {self.organisation}"


class OfficerEntry(TimeStampedModel):
    """A note or a phone call an officer recorded about an organisation."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CALL = "call", "Phone call"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    spoke_to = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} about {self.organisation}"


class Notice(TimeStampedModel):
    """A notice an officer issued by hand (the ladder's own notices are chase records)."""

    class Kind(models.TextChoices):
        WARNING = "warning", "Warning letter"
        FORMAL = "formal", "Formal letter"
        DEFAULT = "default", "Default notice"
        WITHDRAWN = "withdrawn", "Default withdrawn"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    issued_by = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.organisation}"


class ChaseRecord(TimeStampedModel):
    """One ladder step for one unit: created BEFORE anything is sent, its status updated after.

    The unique constraint on (requirement, workplace, round, step) is what makes the sweep idempotent: a step
    exists at most once, so it is sent at most once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"  # an email waiting to go, or a task waiting for the officer
        SENDING = "sending", "Sending"  # claimed by a delivery attempt
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"  # retried with back-off while attempts remain (next_attempt_at set)
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        APPROVED = "approved", "Approved"
        SKIPPED = "skipped", "Skipped"
        REJECTED = "rejected", "Not approved"

    # The sweep writes tens of thousands of these a day: the references are kept by Django (PROTECT: nothing they
    # name can be deleted through the ORM while a record names it), not by database constraints, whose deferred
    # checks cost the sweep about a second of the database server's CPU at commit for 50,000 rows (a FOR KEY SHARE
    # lock on each referenced row). `tests/integration/compliance/test_sweep_references.py` holds PROTECT.
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="chase_records", db_constraint=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="chase_records", db_constraint=False
    )
    requirement = models.ForeignKey(
        ContractRequirement, on_delete=models.PROTECT, related_name="chase_records", db_constraint=False
    )
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, null=True, blank=True, related_name="chase_records", db_constraint=False
    )
    # (no index of its own: the (round, council) index leads with it)
    round = models.ForeignKey(
        CollectionRound, on_delete=models.PROTECT, related_name="chase_records", db_index=False, db_constraint=False
    )
    step = models.CharField(max_length=40)
    superseded = models.JSONField(
        default=list, blank=True,
        help_text="Keys of further steps skipped with this one (status skipped): a sweep after missed days records "
        "the steps it will never send in one row, not one row each.",
    )  # fmt: skip
    kind = models.CharField(max_length=20)
    channel = models.CharField(max_length=10)
    needs_approval = models.BooleanField(default=False)
    marks_default = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices)
    sweep_date = models.DateField(help_text="The day of the sweep that produced this step.")
    compliance_status = models.CharField(max_length=20, blank=True)
    completeness_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    recipients = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    provider_reference = models.CharField(max_length=100, blank=True, help_text="e.g. the GOV.UK Notify id.")
    deliveries = models.JSONField(
        default=list, blank=True,
        help_text="GOV.UK Notify's notifications for this message, one per recipient: {id, status, checked_at}, the "
        "status polled from Notify until it is final (delivered, permanent-failure, ...).",
    )  # fmt: skip
    # (indexed only where set, `chaserecord_decided_by`: the sweep's own records are decided by nobody)
    decided_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    @property
    def kind_label(self) -> str:
        """The step's name in words ("Formal letter"), never its code."""
        return step_kind_label(self.kind)

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

    class Meta:
        ordering = ["-sweep_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "workplace", "round", "step"],
                condition=Q(workplace__isnull=False),
                name="one_chase_step_per_workplace",
            ),
            models.UniqueConstraint(
                fields=["requirement", "round", "step"],
                condition=Q(workplace__isnull=True),
                name="one_chase_step_per_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "council"]),
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["decided_by"], condition=Q(decided_by__isnull=False), name="chaserecord_decided_by"),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} for {self.workplace or self.organisation} ({self.get_status_display().lower()})"

    NOTIFY_STATUS_LABELS = {  # noqa: RUF012 (a constant)
        "created": "accepted by Notify", "sending": "being sent", "pending": "being sent", "delivered": "delivered",
        "permanent-failure": "not delivered: the address does not exist",
        "temporary-failure": "not delivered: the inbox was full or unavailable",
        "technical-failure": "not delivered: a fault at Notify",
    }  # fmt: skip

    @property
    def delivery_outcomes(self) -> list[str]:
        """Notify's delivery status per recipient, in words, for the evidence trail."""
        return [self.NOTIFY_STATUS_LABELS.get(d.get("status"), d.get("status") or "unknown") for d in self.deliveries]


class UnitStatus(models.Model):
    """The stored status of one unit (requirement × workplace, or organisation for an individual employer, × round)
    as `compliance.rules.compliance_status` gave it on `computed_on`, with the columns the desk filters and sorts on
    copied in, so the desk, its export and the council API page through it in SQL.

    A derived table, never the evidence: the sweep rewrites a council's current rounds every day, and any write that
    changes a unit's facts marks its rows `stale` (compliance.signals); the desk recomputes stale rows, and a whole
    council and round when it was not computed today, before it reads (compliance.services.statuses). On PostgreSQL
    a rewrite leaves a row that would not change as it is, so `computed_on` is the day its status was last written
    differently (the day a round was last worked out whole is StatusRefresh.computed_on).
    """

    # (council, round, organisation and workplace have no index of their own: the indexes below lead with them)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+", db_index=False)
    round = models.ForeignKey(CollectionRound, on_delete=models.CASCADE, related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    contract = models.ForeignKey("providers.Contract", on_delete=models.CASCADE, related_name="+")
    requirement = models.ForeignKey(ContractRequirement, on_delete=models.CASCADE, related_name="+")
    workplace = models.ForeignKey(
        Workplace, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    contract_officer = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=20)  # a compliance_status value, or "not_assessable"
    status_rank = models.PositiveSmallIntegerField(default=0)  # the status's place in the desk's order
    reason = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)  # the effective due date (after any extension)
    completeness_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    last_step = models.CharField(max_length=60, blank=True)
    organisation_name = models.CharField(max_length=255)
    organisation_sort = models.CharField(max_length=255)  # lower case, for sorting
    place_name = models.CharField(max_length=255)
    place_sort = models.CharField(max_length=255)
    workplace_ref = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    main_service = models.CharField(max_length=100, blank=True)
    officer_name = models.CharField(max_length=255, blank=True)
    computed_on = models.DateField()
    stale = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "workplace", "round"],
                condition=Q(workplace__isnull=False),
                name="one_status_per_workplace",
            ),
            models.UniqueConstraint(
                fields=["requirement", "round"], condition=Q(workplace__isnull=True), name="one_status_per_organisation"
            ),
        ]
        indexes = [
            # One index per desk order (compliance.selectors.desk.SQL_SORTS), so a late page is an index walk.
            models.Index(fields=["council", "round", "organisation_sort", "place_sort", "id"], name="unitstatus_desk"),
            models.Index(fields=["council", "round", "status_rank", "organisation_sort", "id"], name="unitstatus_rank"),
            models.Index(fields=["council", "round", "due_date", "organisation_sort", "id"], name="unitstatus_due"),
            models.Index(
                fields=["council", "round", "completeness_percent", "organisation_sort", "id"], name="unitstatus_complete"
            ),
            models.Index(fields=["council", "round", "status"], name="unitstatus_status"),
            models.Index(fields=["organisation", "round"], name="unitstatus_org"),
            models.Index(fields=["workplace", "round"], name="unitstatus_place"),
            models.Index(fields=["council", "round"], condition=Q(stale=True), name="unitstatus_stale"),
        ]

    def __str__(self) -> str:
        return f"{self.place_name}: {self.status} ({self.computed_on})"

    # The desk row's interface (compliance.selectors.desk.DeskRow), so pages, export and API read either.
    @property
    def unit(self) -> UnitStatus:
        return self

    @property
    def status_value(self) -> str:
        return self.status

    @property
    def result(self):
        from compliance.rules import Status, StatusResult

        if self.status == "not_assessable":
            return None
        return StatusResult(Status(self.status), self.reason, self.due_date)

    @property
    def percent(self) -> int | None:
        return self.completeness_percent

    @property
    def officer(self) -> str:
        return self.officer_name

    @property
    def service(self) -> str:
        from providers.reference import labels

        return labels("main_services").get(self.main_service, "") if self.main_service else ""

    @property
    def label(self) -> str:
        from compliance.selectors.desk import STATUS_LABELS

        return STATUS_LABELS[self.status][0]

    @property
    def tag(self) -> str:
        from compliance.selectors.desk import STATUS_LABELS

        return STATUS_LABELS[self.status][1]

    def as_export_row(self) -> list:
        from compliance.selectors.desk import export_row

        return export_row(self)


class StatusRefresh(models.Model):
    """The day a council's round last had every unit's status written (by the sweep or by the desk). Cleared when
    a contract, requirement or workplace changes, so the next read rewrites the whole round."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(CollectionRound, on_delete=models.CASCADE, related_name="+")
    computed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "round"], name="one_status_refresh_per_round")]

    def __str__(self) -> str:
        return f"{self.council} {self.round}: {self.computed_on}"
