"""The connected parts of the reader's constraint graph: cells linked by a row of the programme are in one part.
The audit solves each part on its own (no row links two parts). Pure numpy: numbering as scipy's
`csgraph.connected_components` gives (parts in order of their first cell), without importing `scipy.sparse.csgraph`
(about 0.1 s of CPU, a tenth of a council workbook)."""

from __future__ import annotations

import numpy as np


def connected_parts(matrix, n: int) -> np.ndarray:
    """The part of each of the `n` columns of `matrix` (CSR, or None: every column is a part of its own)."""
    labels = np.arange(n)
    if matrix is None or matrix.nnz == 0:
        return labels
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols = matrix.indices
    while True:  # each column takes the least label of the rows it is in; labels then jump to their roots
        least = np.full(matrix.shape[0], n)
        np.minimum.at(least, rows, labels[cols])
        found = labels.copy()
        np.minimum.at(found, cols, least[rows])
        while True:
            root = found[found]
            if np.array_equal(root, found):
                break
            found = root
        if np.array_equal(found, labels):
            break
        labels = found
    _, first, part = np.unique(labels, return_index=True, return_inverse=True)
    return np.argsort(np.argsort(first))[part]
