"""Workplace fingerprints hash each column's text; the fast way (each distinct value turned to text once) gives
exactly the hashes of `frame.astype(str)`, which earlier releases stored."""

from __future__ import annotations

import numpy as np
import pandas as pd

from exports import releases


def test_text_hashes_are_those_of_astype_str():
    rng = np.random.default_rng(5)
    n = 2_000
    frame = pd.DataFrame({
        "workplace_id": rng.integers(1, 50, n),
        "code": rng.choice(["1", "2", "", "826"], n),
        "hours": np.where(rng.random(n) < 0.2, np.nan, rng.choice([37.5, 16.0, 0.1, 1e-7, 12.345], n)),
        "year": np.where(rng.random(n) < 0.1, np.nan, rng.integers(1950, 2005, n).astype(float)),
        "maybe": pd.array(np.where(rng.random(n) < 0.3, None, rng.choice(["a", "b"], n)), dtype="str"),
        "mixed": pd.Series(np.where(rng.random(n) < 0.5, None, 1), dtype=object),
    })
    for key in ("staff", "workplaces"):
        fast = pd.util.hash_pandas_object(releases._as_text(frame), index=False, hash_key=f"{key:<16}"[:16])
        plain = pd.util.hash_pandas_object(frame.astype(str), index=False, hash_key=f"{key:<16}"[:16])
        assert (fast.to_numpy() == plain.to_numpy()).all()
    assert isinstance(releases._as_text(frame)["hours"].dtype, pd.CategoricalDtype)
