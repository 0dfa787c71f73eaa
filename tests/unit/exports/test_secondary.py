"""Rule 9: secondary suppression over additive relations and the LP audit."""

import numpy as np
import pytest

from exports.disclosure.secondary import attack_intervals, protect_additive, secondary_suppress


@pytest.mark.parametrize(("values", "hidden", "expected"), [
    # total 0 = a 1 + b 2 + c 3; one hidden child -> the smallest shown non-zero child is hidden too
    ([30, 3, 20, 7], [False, True, False, False], [False, True, False, True]),
    # two hidden children summing to 4 -> keep adding until they reach 10
    ([40, 2, 2, 20, 16], [False, True, True, False, False], [False, True, True, False, True]),
    # one hidden child and every other child zero -> the total is hidden
    ([5, 5, 0, 0], [False, True, False, False], [True, True, False, False]),
    # nothing hidden -> nothing changes
    ([30, 10, 20], [False, False, False], [False, False, False]),
    # ties broken by position (the fixed category order)
    ([50, 3, 10, 10, 27], [False, True, False, False, False], [False, True, True, False, False]),
])
def test_secondary_suppression(values, hidden, expected):
    relations = [(0, tuple(range(1, len(values))))]
    result = secondary_suppress(values=np.array(values, dtype=float), hidden=np.array(hidden), relations=relations)
    assert result.tolist() == expected


def test_attack_recovers_a_lone_hidden_cell_from_rounded_figures():
    """Total shown 10 (8-12), sibling shown 10 (8-12): the hidden cell is pinned to 0-4."""
    low = np.array([8.0, 0.0, 8.0])
    high = np.array([12.0, np.inf, 12.0])
    [interval] = attack_intervals(low=low, high=high, relations=[(0, (1, 2))], targets=[1])
    assert interval.low == pytest.approx(0.0)
    assert interval.high == pytest.approx(4.0)


def test_protect_additive_widens_until_the_audit_passes():
    values = np.array([11.0, 2.0, 9.0])
    shown = 5 * np.floor(values / 5 + 0.5)
    hidden = protect_additive(values=values, hidden=np.array([False, True, False]), relations=[(0, (1, 2))],
                              shown_low=shown - 2, shown_high=shown + 2, hidden_low=1.0)
    assert hidden.tolist()[1:] == [True, True]
    low = np.where(hidden, 1.0, shown - 2)
    high = np.where(hidden, np.inf, shown + 2)
    for interval in attack_intervals(low=low, high=high, relations=[(0, (1, 2))], targets=np.flatnonzero(hidden)):
        assert interval.width >= 10


def test_two_way_table_passes_the_audit():
    """A 3 x 3 table with margins and small cells: every hidden cell keeps an interval of at least 10."""
    inner = np.array([[2, 30, 25], [40, 3, 18], [22, 26, 1]], dtype=float)
    values = [inner.sum()] + list(inner.sum(axis=1)) + list(inner.sum(axis=0)) + list(inner.ravel())
    values = np.array(values)
    cell = lambda r, c: 7 + 3 * r + c  # noqa: E731
    relations = [(0, (1, 2, 3)), (0, (4, 5, 6))]
    relations += [(1 + r, tuple(cell(r, c) for c in range(3))) for r in range(3)]
    relations += [(4 + c, tuple(cell(r, c) for r in range(3))) for c in range(3)]
    small = (values >= 1) & (values <= 7)
    shown = 5 * np.floor(values / 5 + 0.5)
    hidden = protect_additive(values=values, hidden=small, relations=relations, shown_low=shown - 2,
                              shown_high=shown + 2, hidden_low=1.0)
    low = np.where(hidden, 1.0, shown - 2)
    high = np.where(hidden, np.inf, shown + 2)
    intervals = attack_intervals(low=low, high=high, relations=relations, targets=np.flatnonzero(hidden))
    assert intervals and min(i.width for i in intervals) >= 10


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_warm_started_audit_agrees_with_linprog(seed):
    """exports.disclosure.audit (one HiGHS model per component, re-solved per objective) gives the same
    intervals as scipy's linprog solving each from scratch, with equalities and inequalities."""
    from scipy.optimize import linprog

    from exports.disclosure.audit import Problem

    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 30, size=24).astype(float)
    truth[7] = truth[1] + truth[2] + 3  # so that x1 + x2 <= x7 holds
    truth[19] = truth[13] + 1  # and x13 <= x19 + x20
    totals = {start: tuple(range(start + 1, start + 6)) for start in range(0, 24, 6)}
    for start, members in totals.items():
        truth[start] = truth[list(members)].sum()
    problem = Problem()
    for i, value in enumerate(truth):
        hidden = i not in totals and rng.random() < 0.4
        problem.add(0.0 if hidden else max(0.0, value - 2), np.inf if hidden else value + 2)
    problem.equalities.extend(totals.items())
    problem.inequalities.append(((1, 2), (7,)))
    problem.inequalities.append(((13,), (19, 20)))
    targets = [(i, None) for i in range(24)] + [(3, 9), (14, 2)]
    found = problem.intervals(targets)
    eq, ub = problem.matrices()
    bounds = [(lo, None if not np.isfinite(hi) else hi) for lo, hi in zip(problem.low, problem.high, strict=True)]
    for (a, b), (low, high) in zip(targets, found, strict=True):
        c = np.zeros(24)
        c[a] = 1.0
        if b is not None:
            c[b] = -1.0
        kwargs = {"A_eq": eq, "b_eq": np.zeros(eq.shape[0]), "A_ub": ub, "b_ub": np.zeros(ub.shape[0]),
                  "bounds": bounds, "method": "highs"}
        top = linprog(-c, **kwargs)
        expected_high = np.inf if top.status == 3 else -top.fun
        assert high == pytest.approx(expected_high)
        if np.isfinite(expected_high):
            assert low == pytest.approx(linprog(c, **kwargs).fun)
