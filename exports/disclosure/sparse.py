"""The reader's programme as a compressed sparse row matrix, in numpy alone.

The audit needs a handful of operations on its constraint matrix (build from rows, stack, take rows or columns,
multiply by a point, read it column-wise for HiGHS); `scipy.sparse` has them all but importing it costs about
0.13 s of CPU, an eighth of a council workbook. `Rows` keeps the same canonical form scipy's `csr_matrix` has
after `sum_duplicates` (indices sorted within each row, duplicates summed, explicit zeros kept), so the arrays
handed to HiGHS, and so its answers, are the same. `Problem.matrices` still gives scipy matrices to callers
that want them (the tests' `linprog`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class Rows:
    """CSR: row r's entries are `data[indptr[r]:indptr[r + 1]]` in columns `indices[...]`, columns ascending."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]):
        self.data = np.asarray(data, dtype=float)
        self.indices = np.asarray(indices, dtype=np.int32)
        self.indptr = np.asarray(indptr, dtype=np.int32)
        self.shape = (int(shape[0]), int(shape[1]))
        self._row_of: np.ndarray | None = None

    @classmethod
    def from_entries(cls, rows: np.ndarray, cols: np.ndarray, data: np.ndarray, shape: tuple[int, int]) -> Rows:
        """Entries (row, column, value) in any order; duplicates are summed."""
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        order = np.lexsort((cols, rows))
        key = rows[order] * max(shape[1], 1) + cols[order]
        first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]])) if len(key) else np.zeros(0, int)
        summed = np.add.reduceat(np.asarray(data, dtype=float)[order], first) if len(key) else np.zeros(0)
        kept_rows, kept_cols = rows[order][first], cols[order][first]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(kept_rows, minlength=shape[0]))])
        return cls(summed, kept_cols, indptr, shape)

    @property
    def nnz(self) -> int:
        return len(self.data)

    def row_of(self) -> np.ndarray:
        """The row of each stored entry."""
        if self._row_of is None:
            self._row_of = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        return self._row_of

    def tocsr(self) -> Rows:
        return self

    def __matmul__(self, point: np.ndarray) -> np.ndarray:
        """Each row's sum of value x point, added in stored order (as scipy's `csr_matvec` does)."""
        point = np.asarray(point, dtype=float)
        return np.bincount(self.row_of(), weights=self.data * point[self.indices], minlength=self.shape[0])

    def __getitem__(self, key) -> Rows:
        if isinstance(key, tuple):  # matrix[:, columns]
            rows, columns = key
            if not (isinstance(rows, slice) and rows == slice(None)):
                raise TypeError("only matrix[:, columns] is supported")
            return self._columns(np.asarray(columns, dtype=np.int64))
        return self._rows(np.asarray(key, dtype=np.int64).reshape(-1))

    def _rows(self, rows: np.ndarray) -> Rows:
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        sizes = ends - starts
        take = (np.repeat(starts - np.concatenate([[0], np.cumsum(sizes)[:-1]]), sizes)
                + np.arange(int(sizes.sum()))) if len(rows) else np.zeros(0, dtype=np.int64)
        return Rows(self.data[take], self.indices[take], np.concatenate([[0], np.cumsum(sizes)]),
                    (len(rows), self.shape[1]))

    def _columns(self, columns: np.ndarray) -> Rows:
        new = np.full(self.shape[1], -1, dtype=np.int64)
        new[columns] = np.arange(len(columns))
        if len(np.unique(columns)) != len(columns):
            raise ValueError("columns must be distinct")
        mapped = new[self.indices]
        keep = mapped >= 0
        rows = self.row_of()[keep]
        if len(columns) > 1 and np.any(np.diff(columns) < 0):  # not ascending: re-sort within rows
            return Rows.from_entries(rows, mapped[keep], self.data[keep], (self.shape[0], len(columns)))
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=self.shape[0]))])
        return Rows(self.data[keep], mapped[keep], indptr, (self.shape[0], len(columns)))

    def tocsc(self) -> Columns:
        """The same matrix column-wise, as scipy's `tocsc` gives it."""
        order = np.argsort(self.indices, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(self.indices, minlength=self.shape[1]))])
        return Columns(self.data[order], self.row_of()[order].astype(np.int32), indptr.astype(np.int32),
                       self.shape)

    def to_scipy(self):
        from scipy.sparse import csr_matrix

        return csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


class Columns:
    """CSC: column c's entries are `data[indptr[c]:indptr[c + 1]]` in rows `indices[...]`, rows ascending."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]):
        self.data, self.indices, self.indptr, self.shape = data, indices, indptr, shape

    def sort_indices(self) -> None:
        """Already sorted (kept for the scipy spelling)."""


def stack(blocks: Sequence[Rows]) -> Rows:
    """The rows of each block, one block under the other (same number of columns)."""
    shift = np.cumsum([0, *(b.nnz for b in blocks)])
    indptr = np.concatenate([[0], *(b.indptr[1:] + s for b, s in zip(blocks, shift, strict=False))])
    return Rows(np.concatenate([b.data for b in blocks]), np.concatenate([b.indices for b in blocks]), indptr,
                (sum(b.shape[0] for b in blocks), blocks[0].shape[1]))
