"""Response-rate bands against headcount (issue 20): table-driven at every band edge, and the council summary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.rules.rates import BANDS, RATE_BAND_EDGES, rate_band, rate_summary
from surveys.rules.suppression import MIN_RESPONSES

FEWER = f"Fewer than {MIN_RESPONSES} responses"


@pytest.mark.parametrize(
    ("responses", "headcount", "label"),
    [
        (0, 40, FEWER),
        (MIN_RESPONSES - 1, 10, FEWER),  # 90 % of staff, but still fewer than 10: no rate at all
        (MIN_RESPONSES - 1, None, FEWER),
        (MIN_RESPONSES, None, f"{MIN_RESPONSES} or more responses; staff numbers not known"),
        (MIN_RESPONSES, 0, f"{MIN_RESPONSES} or more responses; staff numbers not known"),
        (10, 101, "Under 10 %"),  # 9.9 %
        (10, 100, "10–24 %"),  # exactly 10 %
        (24, 100, "10–24 %"),
        (249, 1000, "10–24 %"),  # 24.9 %
        (25, 100, "25–49 %"),  # exactly 25 %
        (10, 40, "25–49 %"),  # 25 % with the smallest count that has a rate
        (49, 100, "25–49 %"),
        (499, 1000, "25–49 %"),  # 49.9 %
        (50, 100, "50 % or more"),  # exactly 50 %
        (10, 20, "50 % or more"),
        (10, 10, "50 % or more"),
        (12, 10, "50 % or more"),  # more answers than declared staff (leavers, bank staff)
    ],
)
def test_band_edges(responses, headcount, label):
    assert rate_band(responses=responses, headcount=headcount).label == label


def test_the_edges_are_the_ones_defined_once():
    labels = [band.label for band in BANDS]
    for edge in RATE_BAND_EDGES:
        assert any(label.startswith(f"{edge}") for label in labels), edge


def test_negative_numbers_are_refused():
    with pytest.raises(ValueError):
        rate_band(responses=-1, headcount=10)
    with pytest.raises(ValueError):
        rate_band(responses=10, headcount=-1)


@pytest.mark.parametrize(
    ("workplaces", "bands", "overall"),
    [
        # nobody answered anywhere: every workplace "fewer than 10", no overall rate
        ([(0, 20), (0, 30)], {"few": 2}, None),
        # 9 answers in total: still no overall rate, even though one workplace would be 45 %
        ([(9, 20), (0, 30)], {"few": 2}, None),
        # 10 of 40 (25 %) and 30 of 60 (50 %): 40 of 100 -> 40 %
        ([(10, 40), (30, 60)], {"25_49": 1, "50_plus": 1}, (40, 100, 40)),
        # answers from a workplace without a headcount are left out of the overall rate
        ([(12, None), (10, 100)], {"no_headcount": 1, "10_24": 1}, (10, 100, 10)),
        # the rate is worked out from rounded figures: 13 of 52 -> 15 of 50 -> 30 %
        ([(13, 52)], {"25_49": 1}, (15, 50, 30)),
    ],
)
def test_council_summary(workplaces, bands, overall):
    summary = rate_summary(workplaces)
    counts = {band.key: count for band, count in summary.bands if count}
    assert counts == bands
    assert sum(count for _, count in summary.bands) == len(workplaces)
    got = None if summary.percent is None else (summary.responses, summary.headcount, summary.percent)
    assert got == overall


@given(st.lists(st.tuples(st.integers(0, 200), st.one_of(st.none(), st.integers(0, 400))), max_size=30))
def test_the_summary_never_shows_an_overall_figure_from_fewer_than_the_minimum(workplaces):
    summary = rate_summary(workplaces)
    known = sum(r for r, h in workplaces if h)
    if known < MIN_RESPONSES:
        assert summary.responses is None and summary.percent is None
    else:
        assert summary.responses % 5 == 0 and summary.headcount % 5 == 0
