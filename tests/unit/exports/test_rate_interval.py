"""Rule 9 (e) for rates, table-driven: a rate hidden for its own sake (rule 5 on the rate, or rule 4's complement)
must not be recoverable from the counts around it to within fewer than `MIN_RATE_INTERVAL_POINTS` percentage
points. Each case is a small table (a total and three districts) with a hidden rate; after the joint audit
(`settle`), an attacker written here - bisection on linear programmes with scipy, independent of the service's
Dinkelbach solver - bounds the rate from every published count and the additive relations.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from exports.disclosure import rulebook
from exports.disclosure.joint import Column, cell_id, settle
from exports.disclosure.rules import round_to_base_array

DISTRICTS = ("A", "B", "C")
WIDTH = rulebook.MIN_RATE_INTERVAL_POINTS / 100


def _ids(measure: str) -> list[str]:
    return [cell_id(measure, ())] + [cell_id(measure, (("district", d),)) for d in DISTRICTS]


def _column(measure: str, values: list[float], hidden: list[bool]) -> Column:
    return Column(name=measure, half=2.0, ids=_ids(measure), values=np.asarray(values, dtype=float),
                  hidden=np.asarray(hidden, dtype=bool), relations=[(0, (1, 2, 3))])


def _rate_interval(columns: list[Column], numerator: list[int], denominator: list[int]) -> tuple[float, float]:
    """What a reader can prove about sum(numerator) / sum(denominator) (indices over all columns' cells)."""
    values = np.concatenate([c.values for c in columns])
    hidden = np.concatenate([c.hidden for c in columns])
    shown = round_to_base_array(values)
    low = np.where(hidden, np.where(values >= 1, 1.0, 0.0), np.where(shown == 0, 0.0, np.maximum(shown - 2, 0)))
    high = np.where(hidden, np.inf, np.where(shown == 0, 0.0, shown + 2))
    rows, cols, data = [], [], []
    r = 0
    offset = 0
    for column in columns:
        for total, members in column.relations:
            rows += [r] * (1 + len(members))
            cols += [offset + total, *(offset + m for m in members)]
            data += [1.0] + [-1.0] * len(members)
            r += 1
        offset += len(column.ids)
    a_eq = coo_matrix((data, (rows, cols)), shape=(r, len(values))).tocsr()
    bounds = [(lo, None if not np.isfinite(hi) else hi) for lo, hi in zip(low, high, strict=True)]

    def reaches(t: float, sign: float) -> bool:  # is there a point with sign * (ratio - t) >= 0?
        c = np.zeros(len(values))
        c[numerator] -= sign
        c[denominator] += sign * t
        found = linprog(c, A_eq=a_eq, b_eq=np.zeros(r), bounds=bounds, method="highs")
        return found.status == 3 or (found.status == 0 and -found.fun >= -1e-9)

    truth = values[numerator].sum() / values[denominator].sum()
    ends = []
    for sign in (1.0, -1.0):
        inside, outside = truth, truth + sign * 2.0
        if reaches(outside, sign):
            ends.append(outside)
            continue
        for _ in range(40):
            middle = (inside + outside) / 2
            inside, outside = (middle, outside) if reaches(middle, sign) else (inside, middle)
        ends.append(inside)
    return ends[1], ends[0]


# name, numerator (measure, values, primary hidden), denominator measures -> (values, primary hidden), the rate's
# district, whether the audit must hide more
CASES = [
    ("turnover of a dominated district, both counts shown rounded",
     ("leavers", [48, 30, 9, 9], [False] * 4), {"staff": ([160, 100, 30, 30], [False] * 4)}, 1, True),
    ("turnover of a dominated district, big counts shown",
     ("leavers", [400, 250, 75, 75], [False] * 4), {"staff": ([1000, 600, 200, 200], [False] * 4)}, 1, True),
    ("zero-hours share whose count is hidden with a small sibling",
     ("zero_hours", [40, 30, 5, 5], [False, False, True, True]), {"staff": ([160, 100, 30, 30], [False] * 4)}, 1,
     True),
    ("vacancy rate: vacancies over staff plus vacancies",
     ("vacancies", [30, 20, 5, 5], [False, False, True, True]), {"staff": ([160, 100, 30, 30], [False] * 4)}, 1,
     True),
    ("already wide: numerator and denominator hidden with large siblings",
     ("leavers", [150, 30, 60, 60], [False, True, True, False]),
     {"staff": ([300, 100, 100, 100], [False, True, True, False])}, 1, False),
]


@pytest.mark.parametrize(("name", "numerator", "denominators", "district", "more"), CASES, ids=[c[0] for c in CASES])
def test_a_hidden_rate_keeps_the_rule_book_interval(name, numerator, denominators, district, more):
    def build():
        measure, values, hidden = numerator
        columns = [_column(measure, values, hidden)]
        for other, (other_values, other_hidden) in denominators.items():
            columns.append(_column(other, other_values, other_hidden))
        return columns

    columns = build()
    den_ids = [_ids(m)[district] for m in denominators]
    if numerator[0] == "vacancies":
        den_ids.append(_ids("vacancies")[district])
    rates = [(_ids(numerator[0])[district], tuple(den_ids))]
    where = {cid: i for i, cid in enumerate(cid for c in columns for cid in c.ids)}
    num_index, den_index = [where[rates[0][0]]], [where[d] for d in rates[0][1]]

    before = [c.hidden.copy() for c in columns]
    unaudited = build()
    settle(unaudited, audit=False)  # the control: without the rate audit the rate could be narrowed (or not)
    low, high = _rate_interval(unaudited, num_index, den_index)
    assert (high - low < WIDTH) == more, (low, high)

    outcome = settle(columns, rates=rates)
    assert outcome.failures == []
    low, high = _rate_interval(columns, num_index, den_index)
    assert high - low >= WIDTH - 1e-6, (name, low, high)
    added = sum(int((c.hidden & ~b).sum()) for c, b in zip(columns, before, strict=True))
    assert (added > 0) == more
    assert outcome.knowledge.rates == tuple(rates)  # kept, so the next release audits it again
