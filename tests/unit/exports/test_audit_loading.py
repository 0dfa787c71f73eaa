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
