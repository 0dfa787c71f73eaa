"""Survey campaigns, single-use codes, a council's local questions and the anonymous responses.

Anonymity by construction: `Response` holds a random id, the campaign, the questionnaire kind and version, the
answers and the release it was published in (none until then). No user, no IP address, no device data, no date or
time, no created/updated timestamps and no sequential id: nothing from which the order of arrival can be read, beyond
which release (a batch of at least `MIN_NEW_RESPONSES`) first counted it.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models

from collection.models import CollectionRound
from providers.models import Council, Workplace
from providers.models.base import TimeStampedModel

# Short link codes: lower-case letters and digits without the easily confused ones (0/o, 1/l/i).
LINK_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LINK_CODE_LENGTH = 10
# Single-use codes an employer hands out on paper: upper case, no confusable characters.
SINGLE_USE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SINGLE_USE_CODE_LENGTH = 8


def new_link_code() -> str:
    """An unguessable short-link code: 10 characters from 31, about 8 × 10^14 possibilities."""
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_CODE_LENGTH))


def new_single_use_code() -> str:
    return "".join(secrets.choice(SINGLE_USE_ALPHABET) for _ in range(SINGLE_USE_CODE_LENGTH))


class Kind(models.TextChoices):
    SATISFACTION = "satisfaction", "Staff satisfaction survey"
    EXIT = "exit", "Exit survey (people leaving)"


class Channel(models.TextChoices):
    """How a council reaches Personal Assistants (DOMAIN.md 3.5). Workplace campaigns have no channel."""

    PAYROLL = "payroll", "Payroll provider"
    DP_SUPPORT = "dp_support", "Direct-payment support service"
    PA_REGISTER = "pa_register", "PA register"
    POSTER = "poster", "Posters and cards"


class Campaign(TimeStampedModel):
    """One distribution of a questionnaire: for one workplace in a round, or council-wide through one channel."""

    code = models.CharField(max_length=16, unique=True, default=new_link_code, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SATISFACTION)
    questionnaire_version = models.CharField(max_length=10, default="1")
    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="survey_campaigns")
    workplace = models.ForeignKey(
        Workplace, on_delete=models.PROTECT, related_name="survey_campaigns", null=True, blank=True
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="survey_campaigns",
        null=True,
        blank=True,
        help_text="For a channel campaign, the council running it; for a workplace, the council whose local "
        "questions are added (if any).",
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    uses_single_use_codes = models.BooleanField(default=False)
    invited_count = models.PositiveIntegerField(null=True, blank=True)
    distributed_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["round", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplace", "round", "kind"],
                condition=models.Q(workplace__isnull=False),
                name="one_campaign_per_workplace_round_kind",
            ),
            models.UniqueConstraint(
                fields=["council", "round", "kind", "channel"],
                condition=models.Q(workplace__isnull=True),
                name="one_campaign_per_council_channel_round_kind",
            ),
            models.CheckConstraint(
                condition=(models.Q(workplace__isnull=False) & models.Q(channel=""))
                | (models.Q(workplace__isnull=True) & models.Q(council__isnull=False) & ~models.Q(channel="")),
                name="campaign_is_workplace_or_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.audience_name} – {self.round}"

    @property
    def is_channel(self) -> bool:
        return self.workplace_id is None

    @property
    def audience_name(self) -> str:
        if self.workplace_id is not None:
            return self.workplace.name
        return f"{self.council.name}: {self.get_channel_display()}"


class SingleUseCode(models.Model):
    """A code an employer hands out, one per person, so nobody can answer twice with it.

    Never linked to a person or to a response: only whether it has been used (no date, no time).
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="single_use_codes")
    code = models.CharField(max_length=16, unique=True, default=new_single_use_code, editable=False)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code


class LocalQuestionSet(TimeStampedModel):
    """A council's own questions added after the core questions of one questionnaire kind.

    `questions` is a list of plain dicts (key, type, text, hint, options, required), checked by
    `surveys.questionnaires.with_local_questions` whenever it is saved.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="survey_local_questions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    questions = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "kind"], name="one_local_set_per_council_kind")]

    def __str__(self) -> str:
        return f"{self.council} local {self.kind} questions"


class Release(models.Model):
    """A point at which a campaign's results change: the responses it adds (at least `MIN_NEW_RESPONSES`) and the
    date. Results pages, the API and the workbook read released responses only (`surveys.selectors`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="releases")
    released_on = models.DateField()
    added = models.PositiveIntegerField(help_text="How many responses this release added")

    class Meta:
        ordering = ["campaign", "released_on"]

    def __str__(self) -> str:
        return f"Release of {self.campaign} on {self.released_on}"


class Response(models.Model):
    """One anonymous answer set. Deliberately nothing else: no user, no address, no device, no date or time.

    The id is random and there is no default ordering, so neither the id nor a plain query gives arrival order;
    `release` is empty until the response is published in a batch.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    questionnaire_version = models.CharField(max_length=10)
    answers = models.JSONField()
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="responses", null=True, blank=True)

    def __str__(self) -> str:
        return f"Response to {self.kind} survey"
