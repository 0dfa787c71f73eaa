"""Council admins manage their collection rounds."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from collection.models import CollectionRound
from providers.models import Council


def _check_dates(*, snapshot_date: date, window_opens: date, due_date: date, closes: date) -> None:
    errors = {}
    if window_opens > due_date:
        errors["due_date"] = "The due date must be on or after the day the window opens"
    if due_date > closes:
        errors["closes"] = "The closing date must be on or after the due date"
    if snapshot_date > due_date:
        errors["snapshot_date"] = "The snapshot date must be on or before the due date"
    if errors:
        raise ValidationError(errors, code="round_dates")


def _unique_slug(council: Council, name: str) -> str:
    base = slugify(f"{council.slug}-{name}")[:34].strip("-") or "round"
    slug, n = base, 1
    while CollectionRound.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def round_create(
    *, council: Council, name: str, snapshot_date: date, window_opens: date, due_date: date, closes: date
) -> CollectionRound:
    _check_dates(snapshot_date=snapshot_date, window_opens=window_opens, due_date=due_date, closes=closes)
    return CollectionRound.objects.create(
        council=council, name=name.strip(), slug=_unique_slug(council, name), snapshot_date=snapshot_date,
        window_opens=window_opens, due_date=due_date, closes=closes,
    )


@transaction.atomic
def round_update(
    *, round_: CollectionRound, name: str, snapshot_date: date, window_opens: date, due_date: date, closes: date
) -> CollectionRound:
    _check_dates(snapshot_date=snapshot_date, window_opens=window_opens, due_date=due_date, closes=closes)
    round_.name = name.strip()
    round_.snapshot_date, round_.window_opens, round_.due_date, round_.closes = (
        snapshot_date, window_opens, due_date, closes,
    )
    round_.save()
    return round_
