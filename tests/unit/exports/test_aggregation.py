"""Aggregation: fixed catalogue, only submitted and accepted returns, totals add up before rounding."""

import numpy as np
import pandas as pd
import pytest

from exports.aggregation import build_tables, required_columns
from exports.aggregation.cube import Agg, Axis, cube
from exports.synthetic import make_council


@pytest.fixture(scope="module")
def council():
    return make_council(workplaces=80, staff=2000, seed=11)


@pytest.fixture(scope="module")
def tables(council):
    return build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                        leaver_reasons=council.leaver_reasons, compliance=council.compliance,
                        snapshot_date=council.snapshot_date)


def test_required_columns_are_enough(council):
    columns = required_columns()
    tables = build_tables(
        staff=council.staff[list(columns["staff"])], workplaces=council.workplaces[list(columns["workplaces"])],
        job_roles=council.job_roles[list(columns["job_roles"])],
        leaver_reasons=council.leaver_reasons[list(columns["leaver_reasons"])],
        compliance=council.compliance[list(columns["compliance"])], snapshot_date=council.snapshot_date,
    )
    assert len(tables) == 26


def test_only_submitted_and_accepted_returns(council, tables):
    included = council.workplaces["return_status"].isin(["submitted", "accepted"])
    expected_staff = council.staff["workplace_id"].isin(council.workplaces.loc[included, "workplace_id"]).sum()
    coverage = next(t for t in tables if t.key == "coverage_service").frame
    total = coverage.loc[coverage["service"] == "All service types"].iloc[0]
    assert total["staff"] == expected_staff
    assert total["workplaces"] == included.sum()


def test_every_total_is_the_sum_of_its_categories(tables):
    for table in tables:
        frame = table.frame
        for dimension in table.dimensions:
            if dimension.total is None:
                continue
            others = [d.key for d in table.dimensions if d is not dimension]
            for measure in table.measures:
                if measure.kind not in ("count", "sum", "units") or measure.name in ("workplaces", "providers"):
                    continue
                is_total = frame[dimension.key] == dimension.total
                totals = frame.loc[is_total].set_index(others)[measure.name] if others else frame.loc[is_total, measure.name]
                parts = frame.loc[~is_total].groupby(others)[measure.name].sum() if others else frame.loc[~is_total, measure.name].sum()
                if others:
                    assert np.allclose(totals.sort_index(), parts.reindex(totals.index).sort_index()), (table.key, measure.name)
                else:
                    assert np.isclose(totals.iloc[0], parts), (table.key, measure.name)


def test_tables_have_unique_keys_and_headers_with_units(tables):
    assert len({t.key for t in tables}) == len(tables)
    for table in tables:
        assert all(m.header.endswith(")") for m in table.measures), table.key


def test_cube_rejects_labels_outside_the_fixed_categories():
    frame = pd.DataFrame({"service": ["A", "B"], "organisation_id": [1, 2]})
    with pytest.raises(ValueError):
        cube(frame, axes=[Axis("service", ("A",), "All")], aggs=[Agg("staff", "count")])


def test_cube_medians_and_provider_stats():
    frame = pd.DataFrame({"g": ["a"] * 4 + ["b"], "organisation_id": [1, 1, 1, 2, 3], "pay": [10, 11, 12, 13, np.nan]})
    result = cube(frame, axes=[Axis("g", ("a", "b"), "All")], aggs=[Agg("pay", "quantile", "pay")]).set_index("g")
    assert result.loc["a", "pay"] == 11.5
    assert result.loc["a", "pay:n"] == 4
    assert result.loc["a", "pay:providers"] == 2
    assert result.loc["a", "pay:top_share"] == 0.75
    assert result.loc["b", "pay:n"] == 0 and np.isnan(result.loc["b", "pay"])
