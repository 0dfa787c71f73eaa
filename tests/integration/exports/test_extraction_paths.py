"""The extraction's fast paths give exactly what the plain per-row reading gives, on SQLite and PostgreSQL.

- The round's staff frame (PostgreSQL: COPY's CSV through pandas' parser; SQLite: the driver's rows) equals a
  reference read straight from the ORM, value for value and dtype for dtype.
- An earlier round counted in the database (`earlier_round`) gives the same tables as the full per-row frame.
- The workbook made through the pipeline is byte for byte the one made from the reference inputs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest
from django.db import connection

from collection.models import StaffRecord
from exports import pipeline
from exports.aggregation import REQUIRED_STAFF_COLUMNS, EarlierRound, build_tables
from exports.extraction import frames
from exports.extraction.frames import (
    NUMERIC_STAFF_COLUMNS,
    contracted_workplace_ids,
    council_inputs,
    earlier_round,
    earlier_rounds,
    round_inputs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(synthetic):
    """The synthetic council with some staff who left before the snapshot (out), some after (in), a blank code and
    a missing number or two, so every branch of the readers is crossed."""
    for collection_round in synthetic.rounds:
        records = list(StaffRecord.objects.filter(workforce_return__round=collection_round).order_by("pk")[:40])
        for i, record in enumerate(records):
            record.left_on = collection_round.snapshot_date + timedelta(days=-30 if i % 2 else 30)
            if i % 5 == 0:
                record.gender, record.birth_year, record.pay_rate = "", None, None
        StaffRecord.objects.bulk_update(records, ["left_on", "gender", "birth_year", "pay_rate"])
    return synthetic


def reference_staff(council, collection_round) -> pd.DataFrame:
    """The staff frame read the plain way: model fields through the ORM, decimals to floats in Python."""
    returns = round_inputs(council=council, collection_round=collection_round).workplaces
    organisation_of = dict(zip(returns["workplace_id"], returns["organisation_id"], strict=True))
    names = [c for c in REQUIRED_STAFF_COLUMNS if c not in ("workplace_id", "organisation_id")]
    records = (StaffRecord.objects.filter(frames.in_post(collection_round.snapshot_date),
                                          workforce_return__round=collection_round,
                                          workforce_return__state__in=["submitted", "accepted"],
                                          workforce_return__workplace_id__in=contracted_workplace_ids(council))
               .order_by("workforce_return_id", "local_ref")
               .values_list("workforce_return__workplace_id", *names))
    columns: dict[str, list] = {c: [] for c in ["workplace_id", *names]}
    for row in records:
        for name, value in zip(columns, row, strict=True):
            columns[name].append(float(value) if name in NUMERIC_STAFF_COLUMNS and value is not None else value)
    frame = pd.DataFrame(columns)
    frame.insert(1, "organisation_id", frame["workplace_id"].map(organisation_of))
    return frame


def reference_inputs(council, collection_round):
    """The round's inputs and every earlier round's full per-row inputs (the reading before the counted path)."""
    current = replace(round_inputs(council=council, collection_round=collection_round),
                      staff=reference_staff(council, collection_round))
    earlier = []
    for before in earlier_rounds(council=council, collection_round=collection_round):
        full = round_inputs(council=council, collection_round=before)
        if len(full.workplaces):
            earlier.append(EarlierRound(full.label, before.snapshot_date, full.staff, full.workplaces, full.job_roles))
    return current, earlier


def test_the_round_staff_frame_equals_the_plain_reading(varied):
    collection_round = varied.rounds[-1]
    staff = round_inputs(council=varied.council, collection_round=collection_round).staff
    expected = reference_staff(varied.council, collection_round)
    assert len(staff) > 1000 and "" in set(staff["gender"]) and staff["pay_rate"].isna().any()
    codes = [c for c in staff.columns if isinstance(staff[c].dtype, pd.CategoricalDtype)]
    assert codes == list(frames.CODE_STAFF_COLUMNS)  # codes kept compact: a byte or two a row, not a string
    plain = staff.astype({c: expected[c].dtype for c in codes})
    pd.testing.assert_frame_equal(plain, expected, check_exact=True)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_copy_and_driver_rows_give_the_same_frame_on_postgresql(varied):
    returns = frames._Returns(collection_round=varied.rounds[-1],
                              workplace_ids=contracted_workplace_ids(varied.council))
    snapshot = varied.rounds[-1].snapshot_date
    pd.testing.assert_frame_equal(frames._staff_from_csv(returns.ids, snapshot),
                                  frames._staff_from_rows(returns.ids, snapshot), check_exact=True)
    assert frames._staff_from_csv([], snapshot) is None


def test_earlier_rounds_counted_in_the_database_give_the_same_tables(varied):
    collection_round = varied.rounds[-1]
    current, counted = council_inputs(council=varied.council, collection_round=collection_round)
    _, full = reference_inputs(varied.council, collection_round)
    assert [e.round_label for e in counted] == [e.round_label for e in full] == ["2024-25", "2025-26"]
    for fast, slow in zip(counted, full, strict=True):
        assert len(fast.staff) == len(slow.staff)
        assert list(fast.staff.columns) == list(REQUIRED_STAFF_COLUMNS)
        pd.testing.assert_frame_equal(fast.workplaces, slow.workplaces, check_exact=True)
        pd.testing.assert_frame_equal(fast.job_roles, slow.job_roles, check_exact=True)
    common = {"staff": current.staff, "workplaces": current.workplaces, "job_roles": current.job_roles,
              "leaver_reasons": current.leaver_reasons, "snapshot_date": collection_round.snapshot_date,
              "round_label": current.label}
    with_counted, with_full = build_tables(**common, earlier=counted), build_tables(**common, earlier=full)
    assert [t.key for t in with_counted] == [t.key for t in with_full]
    assert "series" in {t.key for t in with_counted}
    for fast, slow in zip(with_counted, with_full, strict=True):
        pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)


def test_the_workbook_is_byte_for_byte_the_one_from_the_plain_reading(varied, monkeypatch):
    collection_round = varied.rounds[-1]
    built = pipeline.make_workbook(council=varied.council, collection_round=collection_round, today=date(2026, 8, 1))
    monkeypatch.setattr(pipeline, "council_inputs", lambda *, council, collection_round, **_: reference_inputs(
        council, collection_round))  # (the plain reading finds the contracted workplaces itself)
    reference = pipeline.make_workbook(council=varied.council, collection_round=collection_round,
                                       today=date(2026, 8, 1))
    assert built.content == reference.content and built.table_count == reference.table_count >= 25


def test_a_round_with_no_included_return_gives_empty_frames(varied, rounds):
    from tests.factories.exports import CollectionRoundFactory

    empty = CollectionRoundFactory(slug="round-empty", snapshot_date=date(2023, 3, 31))
    inputs = round_inputs(council=varied.council, collection_round=empty)
    assert len(inputs.workplaces) == len(inputs.staff) == len(inputs.job_roles) == 0
    assert list(inputs.staff.columns) == list(REQUIRED_STAFF_COLUMNS)
    counted = earlier_round(council=varied.council, collection_round=empty)
    assert len(counted.staff) == 0 and list(counted.staff.columns) == list(REQUIRED_STAFF_COLUMNS)
    assert connection.vendor in ("sqlite", "postgresql")


def test_compliance_rows_counted_in_the_database_are_the_desk_rows(varied):
    from compliance.selectors import desk_rows
    from exports.extraction.compliance import compliance_frame

    collection_round, today = varied.rounds[-1], date(2026, 8, 1)
    frame = compliance_frame(council=varied.council, collection_round=collection_round, today=today)
    rows = desk_rows(council=varied.council, round=collection_round, today=today)
    expected = sorted((row.unit.requirement.get_kind_display(), row.status_value) for row in rows)
    assert len(expected) > 10 and list(frame.itertuples(index=False, name=None)) == expected
