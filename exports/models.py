"""Analyst workbooks: the kept file of every request (`ExportFile`: a round's release, or an ad-hoc extract of
chosen fixed tables) and the log of requests and downloads (`ExportEvent`, EXPORTS.md rule 16)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from collection.models import CollectionRound
from providers.models import Council


class ExportRelease(models.Model):
    """One release of a council's round workbook (EXPORTS.md rule 8): made at the round's close, then at the
    scheduled revisions; kept; served as the same file to every analyst until the next release.

    `knowledge` is what a reader learnt from this release plus the true figures behind it (exports.disclosure
    `Knowledge`), and `fingerprints` a hash per workplace of the rows it was built from: both are kept only to
    audit the next release jointly with this one, and are never served."""

    class Kind(models.TextChoices):
        CLOSE = "close", "First release at the round's close"
        REVISION = "revision", "Scheduled revision"

    class Status(models.TextChoices):
        RELEASED = "released", "Released"
        HELD = "held", "Held back: releasing it would let earlier figures be worked out"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="export_releases")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="export_releases")
    number = models.PositiveSmallIntegerField(help_text="1 for the release at the close, then 2, 3, ...")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RELEASED)
    point = models.DateField(help_text="The set point (close or scheduled revision) this release is for.")
    released_on = models.DateField()
    revisions_note = models.TextField(blank=True)
    hold_reason = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    table_count = models.PositiveSmallIntegerField(default=0)
    data_version = models.CharField(max_length=64, blank=True)
    knowledge = models.JSONField(null=True, blank=True, editable=False)
    fingerprints = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "round", "number", "point"]
        constraints = [models.UniqueConstraint(fields=["council", "round", "point"], name="one_release_per_point")]
        indexes = [models.Index(fields=["council", "round", "status", "-number"])]

    def __str__(self) -> str:
        return f"{self.file_name or 'release'} (release {self.number}, {self.released_on})"


class ExportFile(models.Model):
    """One requested workbook: who asked for which council and round, how far generation has got, and the file."""

    class Kind(models.TextChoices):
        WORKFORCE = "workforce", "Workforce statistics workbook"
        EXTRACT = "extract", "Extract of chosen tables"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"
        WAITING = "waiting", "Waiting for the round's first release"
        REFUSED = "refused", "Not made"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="export_files")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="export_files")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WORKFORCE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    progress_message = models.CharField(max_length=120, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    table_count = models.PositiveSmallIntegerField(default=0)
    data_version = models.CharField(max_length=64, blank=True)
    release = models.ForeignKey(ExportRelease, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="files", help_text="The release whose file this request was given.")
    error = models.TextField(blank=True)
    tables = models.JSONField(default=list, blank=True,
                              help_text="An extract's chosen tables (keys of the fixed catalogue), in catalogue order.")
    knowledge = models.JSONField(null=True, blank=True, editable=False,
                                 help_text="An extract's audit record (as ExportRelease.knowledge); never served.")
    fingerprints = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "-created_at"])]

    def __str__(self) -> str:
        return self.file_name or f"Export {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED, self.Status.WAITING, self.Status.REFUSED)


class ExportEvent(models.Model):
    """One request or download of a workbook: who, when, what and on which data version."""

    class Action(models.TextChoices):
        REQUESTED = "requested", "Requested"
        DOWNLOADED = "downloaded", "Downloaded"
        COMMAND = "command", "Made with the command line"

    export = models.ForeignKey(ExportFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="export_events")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="export_events")
    kind = models.CharField(max_length=20, choices=ExportFile.Kind.choices, default=ExportFile.Kind.WORKFORCE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=12, choices=Action.choices)
    data_version = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["council", "-at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.at:%Y-%m-%d %H:%M}"
