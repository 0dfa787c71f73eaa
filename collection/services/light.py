"""Writes to an individual employer's short return about their Personal Assistants."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from collection.light_rules import pa_return_problems
from collection.models import CollectionRound, PersonalAssistantReturn
from collection.services.errors import EditConflict, InvalidState
from collection.services.returns import _reference
from config import clock
from providers.models import Organisation, User

FIELDS = (
    "pas_employed", "hours_bands", "pay_bands", "fixed_hours_pas", "starters", "leavers", "leaver_reasons",
    "unfilled_hours", "recruitment_difficulty", "uses_payroll",
)  # fmt: skip


def pa_return_get_or_create(*, organisation: Organisation, round_: CollectionRound) -> PersonalAssistantReturn:
    try:
        with transaction.atomic():
            found, _ = PersonalAssistantReturn.objects.get_or_create(organisation=organisation, round=round_)
    except IntegrityError:
        found = PersonalAssistantReturn.objects.get(organisation=organisation, round=round_)
    return found


@transaction.atomic
def pa_return_update(
    *, pa_return: PersonalAssistantReturn, actor: User | None, data: Mapping, version: int | None = None
) -> PersonalAssistantReturn:
    locked = PersonalAssistantReturn.objects.select_for_update().get(pk=pa_return.pk)
    if locked.state == PersonalAssistantReturn.State.SUBMITTED:
        raise InvalidState("You have already sent this return.", state=locked.state)
    if version is not None and int(version) != locked.version:
        raise EditConflict(locked.version)
    values = {name: data.get(name) for name in FIELDS if name in data}
    problems = pa_return_problems({**{n: getattr(locked, n) for n in FIELDS}, **values})
    if problems:
        errors: dict[str, list[str]] = {}
        for field, message in problems:
            errors.setdefault(field, []).append(message)
        raise ValidationError(errors, code="pa_return_invalid")
    for name, value in values.items():
        setattr(locked, name, "" if value is None and name in ("recruitment_difficulty", "uses_payroll") else value)
    locked.state = PersonalAssistantReturn.State.IN_PROGRESS
    locked.version += 1
    locked.save()
    return locked


@transaction.atomic
def pa_return_submit(*, pa_return: PersonalAssistantReturn, actor: User | None) -> PersonalAssistantReturn:
    locked = PersonalAssistantReturn.objects.select_for_update().get(pk=pa_return.pk)
    if locked.state != PersonalAssistantReturn.State.IN_PROGRESS:
        raise InvalidState("This return has already been sent, or has no answers yet.", state=locked.state)
    locked.state = PersonalAssistantReturn.State.SUBMITTED
    locked.submitted_at = clock.now()
    locked.submitted_by = actor
    locked.submission_reference = _reference().replace("WR-", "PA-")
    locked.version += 1
    locked.save()
    return locked
