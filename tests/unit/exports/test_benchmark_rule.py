"""The benchmark comparison rule (issue 20): at least 10 workplaces from at least 3 providers, none over 80 %."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports.disclosure.benchmark import NOT_ENOUGH, benchmark, comparison_allowed
from exports.disclosure.rulebook import MAX_PROVIDER_SHARE, MIN_BENCHMARK_WORKPLACES, MIN_PROVIDERS


def providers(*sizes: int) -> list[str]:
    return [f"p{i}" for i, size in enumerate(sizes) for _ in range(size)]


@pytest.mark.parametrize(
    ("group", "allowed"),
    [
        (providers(3, 3, 3), False),  # 9 workplaces: one short
        (providers(4, 3, 3), True),  # 10 from 3 providers
        (providers(5, 5), False),  # 10 from only 2 providers
        (providers(8, 1, 1), True),  # the largest holds exactly 80 %
        (providers(9, 1, 1), False),  # 9 of 11 = 81.8 %: over 80 %
        (providers(17, 2, 1), False),  # 85 %
        (providers(4, 4, 2), True),
        ([], False),
    ],
)
def test_comparison_edges(group, allowed):
    assert comparison_allowed(group) is allowed


def test_the_edges_come_from_the_rule_book():
    assert (MIN_BENCHMARK_WORKPLACES, MIN_PROVIDERS, MAX_PROVIDER_SHARE) == (10, 3, 0.8)


def test_quartiles_of_workplace_figures_and_where_one_falls():
    group = [(f"p{i % 3}", float(v)) for i, v in enumerate(range(10, 110, 10))]  # 10..100
    figure = benchmark(95.0, group)
    assert figure.shown and (figure.lower_quartile, figure.median, figure.upper_quartile) == (32.0, 55.0, 78.0)
    assert figure.position == "Highest quarter"
    assert benchmark(10.0, group).position == "Lowest quarter"
    assert benchmark(50.0, group).position == "Middle half"


def test_workplaces_without_a_figure_do_not_count():
    group = [(f"p{i % 3}", float(i)) for i in range(9)] + [("p0", None), ("p1", float("nan"))]
    figure = benchmark(3.0, group)
    assert not figure.shown and figure.message == NOT_ENOUGH
    assert figure.median is None and figure.own == 3.0


@given(st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.floats(0, 100))), max_size=40))
def test_quartiles_are_never_shown_for_a_group_that_fails_the_rule(group):
    figure = benchmark(1.0, group)
    valued = [p for p, v in group if v is not None]
    counts = Counter(valued)
    if figure.shown:
        assert len(valued) >= MIN_BENCHMARK_WORKPLACES and len(counts) >= MIN_PROVIDERS
        assert max(counts.values()) / len(valued) <= MAX_PROVIDER_SHARE
    else:
        assert figure.lower_quartile is figure.median is figure.upper_quartile is None
