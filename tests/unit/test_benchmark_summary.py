"""The benchmark runner's closing table (tests.benchmarks.run): every returned figure against its target, and
modules that return only their exit status still run."""

from __future__ import annotations

from tests.benchmarks.figures import Figure, Result, status_and_figures
from tests.benchmarks.run import summary


def test_a_module_may_return_its_status_or_its_figures():
    figure = Figure("CPU per survey", 4.2, "ms", 5.0)
    assert status_and_figures(None) == (0, [])
    assert status_and_figures(1) == (1, [])
    assert status_and_figures(Result(1, [figure])) == (1, [figure])


def test_each_figure_is_judged_against_its_target():
    assert Figure("CPU", 5.0, "ms", 5.0).verdict == "met"
    assert Figure("CPU", 5.1, "ms", 5.0).verdict == "MISSED"
    assert Figure("rate", 240, "/s", 250, at_least=True).verdict == "MISSED"
    assert Figure("rows", 3, "queries").verdict == ""


def test_the_summary_has_one_line_a_figure_and_one_for_a_module_without_figures():
    table = summary([
        ("bench_survey", Figure("CPU per survey", 7.93, "ms", 5.0, cpu=2.4, wall=4.1, note="db cache"), 1.2, 2.3),
        ("bench_chase", None, 2.0, 3.1),
    ]).splitlines()  # fmt: skip
    assert len(table) == 3 and table[0].split()[:3] == ["module", "figure", "value"]
    assert "CPU per survey (db cache)" in table[1] and "7.93 ms" in table[1] and "<= 5 ms" in table[1]
    assert "MISSED" in table[1] and "2.40" in table[1] and "4.10" in table[1] and "1.2-2.3" in table[1]
    assert "bench_chase" in table[2] and "no figures" in table[2]
