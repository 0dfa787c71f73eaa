"""Rules 1-8 of EXPORTS.md section 5 at their boundary values."""

import numpy as np
import pytest

from exports.disclosure import rules
from exports.disclosure.tables import CONFIDENTIAL as C
from exports.disclosure.tables import NOT_APPLICABLE as Z
from exports.disclosure.tables import NOT_AVAILABLE as X
from exports.disclosure.tables import Rounding


@pytest.mark.parametrize(("count", "shown"), [
    (0, 0), (1, C), (2, C), (7, C), (8, 10), (9, 10), (10, 10), (11, 10), (12, 10), (13, 15), (17, 15), (18, 20),
    (1002, 1000), (1003, 1005),
])
def test_rule_1_counts(count, shown):
    """0 stays 0, 1-7 are [c], 8 and above go to the nearest 5 with halves up."""
    assert rules.count_cell(count) == shown
    small = rules.small_count_array(np.array([count]))[0]
    assert small == (shown == C)
    if shown != C:
        assert rules.round_to_base_array(np.array([count]))[0] == shown


def test_rule_1_rejects_negative_counts():
    with pytest.raises(ValueError):
        rules.count_cell(-1)


@pytest.mark.parametrize(("fte", "headcount_hidden", "providers", "share", "shown"), [
    (7.4, True, 5, 0.2, C),  # headcount [c] -> FTE [c]
    (12.4, False, 5, 0.2, 10),
    (12.5, False, 5, 0.2, 15),
    (40.0, False, 2, 0.2, C),  # rule 5: fewer than 3 providers
    (40.0, False, 3, 0.8, 40),  # 80 % exactly is allowed
    (40.0, False, 3, 0.81, C),
])
def test_rule_3_fte(fte, headcount_hidden, providers, share, shown):
    assert rules.fte_cell(fte=fte, headcount_hidden=headcount_hidden, providers=providers, top_share=share) == shown


@pytest.mark.parametrize(("providers", "share", "fails"), [
    (0, 0.0, True), (1, 1.0, True), (2, 0.5, True), (3, 0.34, False), (3, 0.8, False), (3, 0.8001, True),
    (10, 0.81, True), (10, 0.1, False),
])
def test_rule_5_employer_threshold_and_dominance(providers, share, fails):
    assert rules.employer_rule_fails(providers=providers, top_share=share) is fails
    assert rules.employer_rule_fails_array(providers=np.array([providers]), top_share=np.array([share]))[0] == fails


@pytest.mark.parametrize(("n", "percentile", "shown"), [
    (0, False, X), (1, False, C), (7, False, C), (8, False, C), (9, False, C), (10, False, 12.35), (12, False, 12.35),
    (13, False, 12.35), (49, True, C), (50, True, 12.35),
])
def test_rule_6_individual_threshold(n, percentile, shown):
    """Means and medians need 10 individuals, quartiles 50; no individuals at all is [x]."""
    value = 12.345 if n else None
    cell = rules.average_cell(value=value, n=n, providers=5, top_share=0.3, rounding=Rounding.PENNY,
                              percentile=percentile)
    assert cell == shown


@pytest.mark.parametrize(("providers", "share", "shown"), [(2, 0.3, C), (3, 0.3, 14.0), (3, 0.8, 14.0),
                                                             (3, 0.85, C), (20, 0.95, C)])
def test_rule_6_also_needs_rule_5(providers, share, shown):
    cell = rules.average_cell(value=14.0, n=100, providers=providers, top_share=share, rounding=Rounding.PENNY)
    assert cell == shown


@pytest.mark.parametrize(("top1", "top2", "total", "fails"), [
    (10, 10, 100, False),
    (60, 30, 100, False),  # exactly 90 %: allowed
    (60, 31, 100, True),  # two largest over 90 %
    (50, 0, 54.9, True),  # remainder 4.9 < 10 % of 50 (and top two over 90 %)
    (5, 4, 10, False),  # remainder 1 >= 10 % of 5 and top two exactly 90 %
    (0, 0, 0, False),  # nothing at all
])
def test_rule_6_magnitude(top1, top2, total, fails):
    assert rules.magnitude_fails(top1=top1, top2=top2, total=total) is fails
    assert rules.magnitude_fails_array(top1=np.array([top1]), top2=np.array([top2]), total=np.array([total]))[0] == fails


def test_rule_6_magnitude_hides_a_mean():
    cell = rules.average_cell(value=3.0, n=20, providers=5, top_share=0.3, rounding=Rounding.ONE_DP,
                              magnitude=(40.0, 15.0, 60.0))
    assert cell == C


@pytest.mark.parametrize(("value", "rounding", "shown"), [
    (12.345, Rounding.PENNY, 12.35), (12.344, Rounding.PENNY, 12.34), (25_449, Rounding.HUNDRED, 25_400),
    (25_450, Rounding.HUNDRED, 25_500), (37.25, Rounding.ONE_DP, 37.3),
])
def test_rule_6_rounding(value, rounding, shown):
    assert rules.round_value(value, rounding=rounding) == shown


@pytest.mark.parametrize(("numerator", "denominator", "shown"), [
    (10, 40, 25), (C, 40, C), (10, C, C), (0, 0, Z), (0, 15, 0), (15, 15, 100), (1000, 4000, 25.0),
    (1005, 4000, 25.1), (1005, 3995, 25),
])
def test_rule_4_rates_from_shown_counts(numerator, denominator, shown):
    """Worked out from the rounded figures; 1 dp only at a rounded denominator of 4,000 or more."""
    assert rules.rate_cell(numerator=numerator, denominator=denominator) == shown


@pytest.mark.parametrize(("true_numerator", "true_denominator", "sensitive", "shown"), [
    (48, 50, True, C),  # complement 2: "all but two"
    (43, 50, True, C),  # complement 7
    (42, 50, True, 80),  # complement 8
    (50, 50, True, 100),  # complement 0: a true "all" is not hidden by this rule
    (48, 50, False, 100),  # not a sensitive attribute
])
def test_rule_4_complement_rule(true_numerator, true_denominator, sensitive, shown):
    numerator = rules.count_cell(true_numerator)
    denominator = rules.count_cell(true_denominator)
    cell = rules.rate_cell(numerator=numerator, denominator=denominator, true_numerator=true_numerator,
                           true_denominator=true_denominator, sensitive=sensitive)
    assert cell == shown


@pytest.mark.parametrize(("current", "previous", "shown"), [(25, 20, 5), (C, 20, C), (25, C, C), (X, 20, X)])
def test_rule_8_year_on_year_change(current, previous, shown):
    assert rules.change_cell(current=current, previous=previous) == shown


def test_the_readme_shows_the_rule_book():
    """Thresholds are defined once (exports.disclosure.rulebook); the README's table is its rendering."""
    from pathlib import Path

    from exports.disclosure import rulebook

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    block = readme.split("<!-- rulebook:start -->\n", 1)[1].split("\n<!-- rulebook:end -->", 1)[0]
    assert block == rulebook.readme_block()


def test_the_notes_and_the_page_read_the_rule_book():
    from pathlib import Path

    from exports.disclosure import rulebook
    from exports.disclosure.notes import NOTES

    assert rulebook.summary() in NOTES["disclosure"]
    assert f"1 to {rulebook.SMALL_COUNT_MAX}" in rulebook.summary()
    template = (Path(__file__).resolve().parents[3] / "templates" / "exports" / "index.html").read_text()
    assert "{{ disclosure_summary }}" in template and "1 to 7" not in template
