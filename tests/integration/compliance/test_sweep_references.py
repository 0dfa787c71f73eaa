"""The chase records' references are kept by Django, not by database constraints (the sweep writes tens of
thousands a day, and the deferred checks cost it a second at commit): nothing a record names can be deleted through
the ORM while the record exists."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from compliance.models import ChaseRecord
from compliance.services import chase_sweep
from providers.models import ContractRequirement
from tests.factories.compliance import DUE

pytestmark = pytest.mark.django_db


def test_what_a_chase_record_names_cannot_be_deleted(season, mailoutbox):
    chase_sweep(today=DUE)
    record = ChaseRecord.objects.filter(workplace=season.late_place).first()
    assert record is not None
    requirement = ContractRequirement.objects.get(pk=record.requirement_id)
    for named in (season.late_place, requirement, season.late, season.round, season.council):
        with pytest.raises(ProtectedError):
            named.delete()
    assert ChaseRecord.objects.filter(pk=record.pk).exists()
