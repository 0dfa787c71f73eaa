"""The exit-survey offer the API returns wherever a leaver is recorded (issue 20)."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers


class ExitSurveySerializer(serializers.Serializer):
    workplace = serializers.IntegerField(help_text="Workplace id")
    local_ref = serializers.CharField(allow_blank=True, help_text="The provider's own workplace reference")
    leavers = serializers.IntegerField(help_text="Leavers recorded at this workplace this round")
    link = serializers.URLField(help_text="The exit survey's short link: share it or print the card")
    card_url = serializers.URLField(help_text="The printable card with the QR code (signed-in page)")


def exit_survey_data(offer: dict, request) -> dict:
    workplace = offer["workplace"]
    card = reverse("surveys:campaign-card", kwargs={"org": workplace.organisation.slug, "campaign": offer["campaign"].pk})
    return {"workplace": workplace.pk, "local_ref": workplace.local_ref or "", "leavers": offer["leavers"],
            "link": offer["link"], "card_url": request.build_absolute_uri(card)}  # fmt: skip


def outcome_left(upload) -> int:
    """How many staff the applied upload marked as having left."""
    return ((upload.result or {}).get("applied") or {}).get("staff", {}).get("left", 0)
