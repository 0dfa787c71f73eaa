"""Council admins manage their collection rounds: add one (or copy last year's), change it, and open it.

A round a council admin adds is a draft: no provider sees it and nothing is chased until the admin has looked at
who it covers and opened it (a deliberate action). Every change is on the audit trail (collection.audit).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from collection.audit import audit_write, council_audit_rows, field_changes
from collection.models import CollectionRound
from config import clock
from providers.models import Council, User

DATE_FIELDS = ("snapshot_date", "window_opens", "due_date", "closes")


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


def _snapshot(round_: CollectionRound) -> dict:
    return {"name": round_.name, **{name: getattr(round_, name) for name in DATE_FIELDS}}


def _audit(round_: CollectionRound, *, actor: User | None, action: str, changes=None) -> None:
    audit_write(council_audit_rows(council_id=round_.council_id, subject="round", subject_id=round_.pk,
                                   label=round_.name, actor=actor, action=action, changes=changes))  # fmt: skip


@transaction.atomic
def round_create(
    *, council: Council, name: str, snapshot_date: date, window_opens: date, due_date: date, closes: date,
    actor: User | None = None,
) -> CollectionRound:  # fmt: skip
    """Add a round as a draft (nobody outside the council sees it until it is opened)."""
    _check_dates(snapshot_date=snapshot_date, window_opens=window_opens, due_date=due_date, closes=closes)
    created = CollectionRound.objects.create(
        council=council, name=name.strip(), slug=_unique_slug(council, name), snapshot_date=snapshot_date,
        window_opens=window_opens, due_date=due_date, closes=closes, draft=True,
    )
    _audit(created, actor=actor, action="round_added", changes=field_changes(before={}, after=_snapshot(created)))
    return created


@transaction.atomic
def round_update(
    *, round_: CollectionRound, name: str, snapshot_date: date, window_opens: date, due_date: date, closes: date,
    actor: User | None = None,
) -> CollectionRound:  # fmt: skip
    _check_dates(snapshot_date=snapshot_date, window_opens=window_opens, due_date=due_date, closes=closes)
    before = _snapshot(round_)
    round_.name = name.strip()
    round_.snapshot_date, round_.window_opens, round_.due_date, round_.closes = (
        snapshot_date, window_opens, due_date, closes,
    )
    round_.save()
    _audit(round_, actor=actor, action="round_changed", changes=field_changes(before=before, after=_snapshot(round_)))
    return round_


def next_year(day: date) -> date:
    """The same day a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def copy_name(name: str) -> str:
    """Last year's name for this year: every year in it moved on by one ("Return 2026/27" -> "Return 2027/28"), or
    "(copy)" added when it names no year."""
    moved = re.sub(r"\b(20\d\d)\b", lambda m: str(int(m[1]) + 1), name)
    moved = re.sub(r"(?<=/)(\d\d)\b", lambda m: f"{(int(m[1]) + 1) % 100:02d}", moved)
    return moved if moved != name else f"{name} (copy)"


def round_to_copy(council: Council) -> CollectionRound | None:
    """The round "copy last year's round" starts from: the council's latest own round, else the latest shared one."""
    rounds = CollectionRound.objects.filter(council=council).order_by("-snapshot_date", "-pk")
    return rounds.first() or CollectionRound.objects.filter(council=None).order_by("-snapshot_date", "-pk").first()


@transaction.atomic
def round_copy(*, council: Council, source: CollectionRound, actor: User) -> CollectionRound:
    """A draft of next year's round: the same name with the year moved on, every date a year later."""
    dates = {name: next_year(getattr(source, name)) for name in DATE_FIELDS}
    copied = round_create(council=council, name=copy_name(source.name), actor=actor, **dates)
    _audit(copied, actor=actor, action="round_copied", changes={"copied_from": ("", source.name)})
    return copied


@transaction.atomic
def round_open(*, round_: CollectionRound, actor: User) -> CollectionRound:
    """Open a draft round: providers see it, and the chase ladder runs on its dates from the next sweep."""
    locked = CollectionRound.objects.select_for_update().get(pk=round_.pk)
    if not locked.draft:
        raise ValidationError("This round is already open.")
    locked.draft, locked.opened_at, locked.opened_by = False, clock.now(), actor
    locked.save(update_fields=["draft", "opened_at", "opened_by", "updated_at"])
    _audit(locked, actor=actor, action="round_opened")
    return locked
