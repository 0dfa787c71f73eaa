"""The writer never sees an unprotected number."""

import pytest

from exports.aggregation import build_tables
from exports.disclosure import ProtectedTable
from exports.synthetic import make_council
from exports.workbook import write_workbook


def test_protected_table_cannot_be_built_outside_disclosure():
    with pytest.raises(TypeError):
        ProtectedTable(key="t", title="t", description="", headers=("a",), kinds=(None,), roundings=(None,),
                       rows=(("x",),), notes=(), chart=None, dimension_keys=("a",), measure_names=(), totals=(None,))


def test_writer_refuses_raw_tables():
    council = make_council(workplaces=20, staff=300, seed=3)
    raw = build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                       snapshot_date=council.snapshot_date)
    with pytest.raises(TypeError):
        write_workbook(tables=raw, council_name="X", round_label="2025-26", snapshot_date=council.snapshot_date,
                       data_version="1")
