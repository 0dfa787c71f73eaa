"""The audit's cheap proofs never pass a target the exact audit finds too narrow (`exports.disclosure.witness`),
nor call narrow one it finds wide enough (`exports.disclosure.bounds`).

On random small tables - a total and its rows in two measures, a logical relation between them, rounding
intervals for published figures, "at least 0 or 1" for hidden ones, and sometimes a figure whose interval does not
hold its true value (so the true figures are not a point of the reader's programme) - every target the cheap stage
calls wide enough must have an interval, from scipy's `linprog` solving from scratch, at least that wide. Targets
include differences of two cells (the change of a cell between releases)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from exports.disclosure.audit import Problem
from exports.disclosure.highs import MEMO
from exports.disclosure.witness import proven_wide

WIDTH = 10.0


@st.composite
def tables(draw):
    rows = draw(st.integers(2, 5))
    staff = draw(st.lists(st.integers(0, 40), min_size=rows, max_size=rows))
    part = [draw(st.integers(0, s)) for s in staff]  # e.g. zero-hours staff: at most the staff
    truth = np.array([sum(staff), *staff, sum(part), *part], dtype=float)
    hidden = draw(st.lists(st.booleans(), min_size=len(truth), max_size=len(truth)))
    half = draw(st.sampled_from([2.0, 2.5]))
    broken = draw(st.one_of(st.none(), st.integers(0, len(truth) - 1)))
    prior = draw(st.sampled_from([0.0, 1.0]))
    problem = Problem()
    for i, (value, is_hidden) in enumerate(zip(truth, hidden, strict=True)):
        shown = 5 * np.floor(value / 5 + 0.5)
        if is_hidden:
            problem.add(min(prior, value), np.inf)
        elif i == broken:
            problem.add(shown + 3, shown + 7)  # does not hold the true value
        else:
            problem.add(0.0 if shown == 0 else max(shown - half, 0.0), 0.0 if shown == 0 else shown + half)
    n = rows + 1
    problem.equalities.append((0, tuple(range(1, n))))
    problem.equalities.append((n, tuple(range(n + 1, 2 * n))))
    problem.inequalities.extend(((n + r,), (r,)) for r in range(n))
    targets = [(i, None) for i in range(len(truth))]
    targets += [(draw(st.integers(0, len(truth) - 1)), draw(st.integers(0, len(truth) - 1)))]
    targets = [(a, b) for a, b in targets if a != b]
    return problem, truth, targets


def _exact_width(problem: Problem, target) -> float:
    eq, ub = problem.matrices()
    c = np.zeros(len(problem.low))
    a, b = target
    c[a] = 1.0
    if b is not None:
        c[b] -= 1.0
    kwargs = {"A_eq": eq, "b_eq": np.zeros(eq.shape[0]), "A_ub": ub, "b_ub": np.zeros(ub.shape[0]),
              "bounds": [(lo, None if not np.isfinite(hi) else hi) for lo, hi in zip(problem.low, problem.high,
                                                                                       strict=True)],
              "method": "highs"}
    top, bottom = linprog(-c, **kwargs), linprog(c, **kwargs)
    if top.status == 2:  # infeasible: nothing is wide
        return -np.inf
    high = np.inf if top.status == 3 else -top.fun
    low = -np.inf if bottom.status == 3 else bottom.fun
    return high - low


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_the_cheap_bound_never_passes_a_narrow_target(table):
    problem, truth, targets = table
    MEMO.clear()
    matrix, row_lower, row_upper, _labels, low, high = problem._components()
    proven = proven_wide(targets, matrix=matrix, row_lower=row_lower, row_upper=row_upper, low=low, high=high,
                         truth=truth, width=WIDTH)
    for target, ok in zip(targets, proven, strict=True):
        if ok:
            assert _exact_width(problem, target) >= WIDTH - 1e-6, target


def test_the_cheap_bound_passes_the_easy_cases_and_the_audit_agrees():
    """A total hidden with two hidden rows of 30 and 25 under it: wide, proven without an exact programme; a lone
    hidden row pinned by a published total and sibling: not proven, and `narrow` finds it narrow."""
    problem = Problem()
    for low, high in ((0, np.inf), (1, np.inf), (1, np.inf), (8, 12), (1, np.inf), (8, 12)):
        problem.add(low, high)
    problem.equalities += [(0, (1, 2)), (3, (4, 5))]
    truth = np.array([55.0, 30.0, 25.0, 10.0, 1.0, 9.0])
    matrix, row_lower, row_upper, _labels, low, high = problem._components()
    proven = proven_wide([(0, None), (1, None), (4, None)], matrix=matrix, row_lower=row_lower, row_upper=row_upper,
                         low=low, high=high, truth=truth, width=WIDTH)
    assert proven.tolist() == [True, True, False]
    assert problem.narrow([(0, None), (1, None), (4, None)], truth=truth, width=WIDTH) == [False, False, True]


@pytest.mark.parametrize("seed", range(5))
def test_narrow_agrees_with_linprog_on_random_tables(seed):
    """`Problem.narrow` (cheap proofs, then exact programmes) gives the exact answer on every target."""
    rng = np.random.default_rng(seed)
    staff = rng.integers(0, 30, size=6)
    part = np.array([rng.integers(0, s + 1) for s in staff])
    truth = np.array([staff.sum(), *staff, part.sum(), *part], dtype=float)
    problem = Problem()
    for value in truth:
        if 1 <= value <= 7 or rng.random() < 0.3:
            problem.add(1.0 if value >= 1 else 0.0, np.inf)
        else:
            shown = 5 * np.floor(value / 5 + 0.5)
            problem.add(0.0 if shown == 0 else shown - 2, 0.0 if shown == 0 else shown + 2)
    problem.equalities += [(0, tuple(range(1, 7))), (7, tuple(range(8, 14)))]
    problem.inequalities += [((7 + r,), (r,)) for r in range(7)]
    targets = [(i, None) for i in range(14)] + [(3, 10)]
    MEMO.clear()
    found = problem.narrow(targets, truth=truth, width=WIDTH)
    assert found == [_exact_width(problem, t) < WIDTH - 1e-6 for t in targets]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_the_outer_bounds_never_call_a_wide_target_narrow(table):
    """The other direction (`exports.disclosure.bounds`): a target called narrow by propagation or by a small
    relaxation has an exact interval narrower than the limit."""
    from exports.disclosure.bounds import proven_narrow

    problem, _truth, targets = table
    MEMO.clear()
    matrix, row_lower, row_upper, _labels, low, high = problem._components()
    narrow = proven_narrow(targets, matrix=matrix, row_lower=row_lower, row_upper=row_upper, low=low, high=high,
                           width=WIDTH)
    for target, ok in zip(targets, narrow, strict=True):
        if ok:
            assert _exact_width(problem, target) < WIDTH - 1e-6, target


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_skipping_pinned_targets_proves_the_same(table):
    """A target whose restricted box is too narrow is not pushed on its own (`witness._pinned`): the same targets
    are proven as when every open target is pushed."""
    from exports.disclosure import witness

    problem, truth, targets = table
    matrix, row_lower, row_upper, _labels, low, high = problem._components()
    kwargs = {"matrix": matrix, "row_lower": row_lower, "row_upper": row_upper, "low": low, "high": high,
              "truth": truth, "width": WIDTH}
    MEMO.clear()
    skipping = proven_wide(targets, **kwargs)
    MEMO.clear()
    pinned, witness._pinned = witness._pinned, lambda *args: set()
    try:
        pushing = proven_wide(targets, **kwargs)
    finally:
        witness._pinned = pinned
    assert skipping.tolist() == pushing.tolist()
