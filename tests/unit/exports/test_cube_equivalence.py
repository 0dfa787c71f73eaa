"""The roll-up cube (`exports.aggregation.cube`) gives the tables the group-by cube gave (`cube_reference`), and
the workbook's disclosure decisions are the same.

Counts, provider numbers, shares of whole-number weights, medians, quartiles and the two largest values must be
equal to the bit; sums of fractions (FTE, a mean's total) may differ in the last binary digits only, because the
roll-up adds them in another order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.aggregation import build_tables, catalogue
from exports.aggregation.cube import Agg, Axis, cube
from exports.disclosure import protect_release
from exports.synthetic import make_council, make_earlier
from tests.unit.exports import cube_reference as reference

FRACTIONAL = {"fte", "fte:top_share", "hours_mean", "hours_mean:total", "sickness_mean", "sickness_mean:total",
              "hours_mean:top_share"}


def _reference_cube(frame, *, axes, aggs, cache=None):
    return reference.cube(frame, axes=[reference.Axis(a.key, a.categories, a.total) for a in axes],
                          aggs=[reference.Agg(**a.__dict__) for a in aggs])


def assert_same(old: pd.DataFrame, new: pd.DataFrame, fractional=FRACTIONAL, where: str = "") -> None:
    assert list(new.columns) == list(old.columns), where
    assert len(new) == len(old), where
    for column in old.columns:
        a, b = old[column].to_numpy(), new[column].to_numpy()
        assert a.dtype == b.dtype, (where, column)
        if a.dtype.kind != "f":
            assert (a == b).all(), (where, column)
        elif column in fractional or column.split(":")[0] in fractional:
            assert np.allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True), (where, column)
        else:
            assert np.array_equal(a, b, equal_nan=True), (where, column, a[a != b][:5], b[a != b][:5])


@st.composite
def frames(draw):
    n = draw(st.integers(0, 60))
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    totals = draw(st.lists(st.booleans(), min_size=len(sizes), max_size=len(sizes)))
    axes = [Axis(f"a{i}", tuple(f"c{i}{k}" for k in range(size)), "Total" if total else None)
            for i, (size, total) in enumerate(zip(sizes, totals, strict=True))]
    columns = {a.key: [draw(st.sampled_from(a.categories)) for _ in range(n)] for a in axes}
    columns["organisation_id"] = draw(st.lists(st.integers(1, 6), min_size=n, max_size=n))
    columns["flag"] = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    columns["weight"] = draw(st.lists(st.integers(0, 3).map(float), min_size=n, max_size=n))
    fraction = st.one_of(st.none(), st.integers(0, 400).map(lambda v: v / 7.5))
    columns["fte"] = [0.0 if v is None else v for v in draw(st.lists(fraction, min_size=n, max_size=n))]
    columns["hours"] = [np.nan if v is None else v for v in draw(st.lists(fraction, min_size=n, max_size=n))]
    columns["place"] = draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    frame = pd.DataFrame(columns)
    if draw(st.booleans()) and n:  # a categorical axis, with categories in another order
        frame[axes[0].key] = pd.Categorical(frame[axes[0].key], categories=list(reversed(axes[0].categories)))
    q = draw(st.sampled_from([0.25, 0.5, 0.75]))
    aggs = [Agg("staff", "count", stats=True), Agg("flag", "count", "flag", stats=True),
            Agg("weight", "sum", "weight", stats=True), Agg("fte", "sum", "fte"), Agg("fte", "stats"),
            Agg("vac", "stats", "weight"), Agg("hours_q", "quantile", "hours", q=q),
            Agg("hours_mean", "mean", "hours", magnitude=True), Agg("places", "nunique", "place")]
    return frame, axes, draw(st.permutations(aggs))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_cube_equals_the_group_by_cube(case):
    frame, axes, aggs = case
    assert_same(_reference_cube(frame, axes=axes, aggs=aggs), cube(frame, axes=axes, aggs=aggs))


def test_values_outside_the_categories_are_refused():
    frame = pd.DataFrame({"a": ["x", "z", None], "organisation_id": [1, 2, 3]})
    for build in (cube, _reference_cube):
        with pytest.raises(ValueError, match="outside the fixed categories"):
            build(frame, axes=[Axis("a", ("x", "y"), "All")], aggs=[Agg("staff", "count")])


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_workbook_tables_and_decisions_unchanged(seed, monkeypatch):
    council = make_council(workplaces=90, staff=2500, seed=seed)
    earlier = [make_earlier(base=council, years_back=k, seed=seed) for k in (1, 2)]
    from exports.aggregation import EarlierRound

    inputs = dict(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                  leaver_reasons=council.leaver_reasons, compliance=council.compliance,
                  snapshot_date=council.snapshot_date,
                  earlier=[EarlierRound(label, e.snapshot_date, e.staff, e.workplaces, e.job_roles)
                           for label, e in earlier])
    new = build_tables(**inputs)
    monkeypatch.setattr(catalogue, "cube", _reference_cube)
    old = build_tables(**inputs)
    for o, n in zip(old, new, strict=True):
        assert_same(o.frame, n.frame, where=o.key)
    before, after = protect_release(old), protect_release(new)
    assert [t.rows for t in after.tables] == [t.rows for t in before.tables]
    assert after.knowledge.ids == before.knowledge.ids
    assert after.knowledge.hidden == before.knowledge.hidden
    assert after.knowledge.low == before.knowledge.low and after.knowledge.high == before.knowledge.high
    assert np.allclose(after.knowledge.true, before.knowledge.true, rtol=1e-12)


def test_series_from_light_earlier_rounds_equals_full_frames():
    from exports.aggregation import EarlierRound, _frames
    from exports.aggregation.catalogue import axis
    from exports.aggregation.columns import service_groups

    council = make_council(workplaces=60, staff=1500, seed=5)
    earlier = [make_earlier(base=council, years_back=k, seed=5) for k in (1, 2)]
    tables = build_tables(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                          leaver_reasons=council.leaver_reasons, snapshot_date=council.snapshot_date,
                          round_label="now", earlier=[EarlierRound(label, e.snapshot_date, e.staff, e.workplaces,
                                                                   e.job_roles) for label, e in earlier])
    rounds = [(label, _frames(staff=e.staff, workplaces=e.workplaces, job_roles=e.job_roles, leaver_reasons=None,
                              snapshot_date=e.snapshot_date)) for label, e in sorted(earlier, key=lambda x:
                                                                                     x[1].snapshot_date)]
    rounds.append(("now", _frames(staff=council.staff, workplaces=council.workplaces, job_roles=council.job_roles,
                                  leaver_reasons=council.leaver_reasons, snapshot_date=council.snapshot_date)))
    full = catalogue.series_table(rounds, axis("service", service_groups()), "now")
    light = next(t for t in tables if t.key == "series")
    pd.testing.assert_frame_equal(light.frame, full.frame, check_exact=True)
