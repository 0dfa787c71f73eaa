"""Short links and QR codes for campaigns (segno)."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse

from surveys.models import Campaign


def short_link(campaign: Campaign) -> str:
    """The full short link, e.g. https://service.example/s/k7m2x9qa4r/, on the service's public address."""
    return settings.SITE_URL.rstrip("/") + reverse("survey-start", kwargs={"code": campaign.code})


def _qr(campaign: Campaign) -> segno.QRCode:
    return segno.make(short_link(campaign), error="m")


def qr_png(campaign: Campaign, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    _qr(campaign).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(campaign: Campaign, *, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    _qr(campaign).save(buffer, kind="svg", scale=scale, border=4, title="QR code for the survey link")
    return buffer.getvalue()


def qr_svg_inline(campaign: Campaign, *, scale: int = 8) -> str:
    """An SVG to put straight into a page (the poster), with no XML declaration."""
    return _qr(campaign).svg_inline(scale=scale, border=4, omitsize=False)
