"""The audit's light loading: its constraint graph's parts equal scipy's `connected_components` (numbering
included), and scipy's HiGHS module loaded on its own is the one a later `import scipy.optimize` uses."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from exports.disclosure.components import connected_parts


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.lists(st.lists(st.integers(0, 39), min_size=1, max_size=4), max_size=30))
def test_parts_equal_scipys_components(n, rows):
    rows = [sorted({c % n for c in row}) for row in rows]
    if not rows:
        assert list(connected_parts(None, n)) == list(range(n))
        return
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    matrix = csr_matrix((np.ones(indptr[-1]), np.concatenate(rows).astype(int), indptr), shape=(len(rows), n))
    incidence = (matrix.T @ matrix).tocsr()
    _, expected = connected_components(incidence, directed=False)
    assert connected_parts(matrix, n).tolist() == expected.tolist()


def test_highs_loaded_alone_is_shared_with_scipy_optimize():
    script = """
import sys
from exports.disclosure.highs import _highs
highs = _highs()
assert "scipy.optimize" not in sys.modules
from scipy.optimize import linprog
from scipy.optimize._highspy import _core
assert highs.Highs is _core._Highs
assert linprog([1, 1], A_ub=[[-1, -1]], b_ub=[-1], bounds=[(0, None)] * 2).fun == 1.0
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


@st.composite
def programmes(draw):
    n = draw(st.integers(1, 12))
    variable = st.integers(0, n - 1)
    rows = draw(st.lists(st.tuples(st.lists(variable, min_size=1, max_size=4), st.lists(variable, max_size=4)),
                         min_size=1, max_size=10))
    return n, rows


@settings(max_examples=200, deadline=None)
@given(programmes(), st.data())
def test_rows_match_scipys_csr(programme, data):
    """`exports.disclosure.sparse.Rows` holds the arrays scipy's canonical CSR holds, through every operation the
    audit uses (so HiGHS is handed the same model)."""
    from scipy.sparse import vstack

    from exports.disclosure.sparse import Rows, stack

    n, rows = programme
    sizes = np.array([len(p) + len(m) for p, m in rows])
    cols = np.concatenate([np.array([*p, *m], dtype=np.int64) for p, m in rows])
    values = np.concatenate([np.concatenate([np.ones(len(p)), -np.ones(len(m))]) for p, m in rows])
    expected = csr_matrix((values.copy(), cols.copy(), np.concatenate([[0], np.cumsum(sizes)])),
                          shape=(len(rows), n))  # copies: scipy sums duplicates in the arrays it is given
    expected.sum_duplicates()
    got = Rows.from_entries(np.repeat(np.arange(len(rows)), sizes), cols, values, (len(rows), n))

    def same(a, b):
        assert a.shape == b.shape
        assert a.indptr.tolist() == b.indptr.tolist()
        assert a.indices.tolist() == b.indices.tolist()
        assert a.data.tolist() == b.data.tolist()

    same(got, expected)
    same(stack([got, got]), vstack([expected, expected]).tocsr())
    point = np.array(data.draw(st.lists(st.floats(-50, 50), min_size=n, max_size=n)))
    assert (got @ point).tolist() == (expected @ point).tolist()
    columns = np.array(sorted(data.draw(st.sets(st.integers(0, n - 1), min_size=1))))
    same(got[:, columns], expected[:, columns].tocsr())
    picked = np.array(sorted(data.draw(st.sets(st.integers(0, len(rows) - 1), min_size=1))))
    same(got[picked], expected[picked])
    by_column, scipy_columns = got[:, columns][picked].tocsc(), expected[:, columns][picked].tocsc()
    scipy_columns.sort_indices()
    same(by_column, scipy_columns)
