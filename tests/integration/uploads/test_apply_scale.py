"""Applying a big upload: the queries do not grow with the rows, every record lands with its values, and every
record has its one "created" audit row (written as a set by the one audit writer)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collection.ascwds.synthetic import synthetic_data, synthetic_files
from collection.conversion import STAFF_FIELDS
from collection.models import ChangeRecord, StaffRecord
from collection.services.writes import clean_staff_values
from tests.factories.providers import OrganisationFactory
from uploads.services import result_apply, upload_check

pytestmark = pytest.mark.django_db


def _apply(organisation, round, *, staff: int, seed: int) -> int:
    workplace, staff_file = synthetic_files(workplaces=2, staff=staff, seed=seed)
    checked = upload_check(organisation=organisation, round=round, files=[("w.csv", workplace), ("s.csv", staff_file)])
    assert not checked.failed, checked.result.errors[:3]
    with CaptureQueriesContext(connection) as queries:
        result_apply(organisation=organisation, round=round, result=checked.result, held=checked.held, actor=None)
    return len(queries.captured_queries)


def test_apply_queries_do_not_grow_with_rows(upload_round):
    """The count is the same for 20 rows and 600: one COPY (PostgreSQL) or one executemany (SQLite) per chunk of
    records, and a chunk holds thousands."""
    small = _apply(OrganisationFactory(slug="small-upload"), upload_round, staff=20, seed=4)
    large = _apply(OrganisationFactory(slug="large-upload"), upload_round, staff=600, seed=5)
    assert large == small


def test_every_record_lands_with_its_values_and_one_created_audit_row(upload_round):
    organisation = OrganisationFactory(slug="values-upload")
    _apply(organisation, upload_round, staff=60, seed=6)
    expected = {ref: clean_staff_values(vars(record)) for (_, ref), record in synthetic_data(
        workplaces=2, staff=60, seed=6).staff.items()}  # fmt: skip
    stored = {row["local_ref"]: row for row in StaffRecord.objects.values("id", "version", "confirmed", *STAFF_FIELDS)}
    assert stored.keys() == expected.keys()
    for ref, values in expected.items():
        assert {name: stored[ref][name] for name in STAFF_FIELDS} == {
            name: values[name] for name in STAFF_FIELDS
        }, ref
    created = ChangeRecord.objects.filter(action="created", source="upload")
    assert sorted(created.values_list("staff_ref", flat=True)) == sorted(expected)
    assert all("job_role=" in value for value in created.values_list("new_value", flat=True))
    assert {(row["version"], row["confirmed"]) for row in stored.values()} == {
        (StaffRecord._meta.get_field("version").get_default(), StaffRecord._meta.get_field("confirmed").get_default())
    }
