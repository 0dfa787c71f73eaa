"""Release rules (EXPORTS.md rule 8), pure: when a round's workbook is released, which workplaces changed since
the last release, and the revisions note. No Django models; `exports.services` does the writes."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import numpy as np
import pandas as pd

from exports.disclosure.rulebook import REVISION_MONTHS


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def release_points(closes: date) -> list[date]:
    """The set points of a round: its close, then the scheduled revisions."""
    return [closes, *(add_months(closes, m) for m in REVISION_MONTHS)]


def due_point(*, closes: date, today: date, attempted: Iterable[date]) -> date | None:
    """The latest set point on or before today that has no release (or held release) yet; None when there is
    nothing to do. Points missed in between are skipped: one release per run, from the data as it is."""
    done = set(attempted)
    passed = [p for p in release_points(closes) if p <= today]
    if not passed or passed[-1] in done or (done and max(done) >= passed[-1]):
        return None
    return passed[-1]


def next_point(*, closes: date, after: date) -> date | None:
    return next((p for p in release_points(closes) if p > after), None)


def workplace_fingerprints(*, workplaces: pd.DataFrame, frames: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """A hash per workplace of every row its figures are built from (its workplace row, staff, job-role and
    leaver-reason rows); a workplace whose hash differs between two releases changed. Order-independent: the
    row hashes of a workplace are added up (mod 2**64)."""
    totals: dict[str, int] = {}
    for name, frame in {"workplaces": workplaces, **frames}.items():
        if frame is None or not len(frame):
            continue
        hashes = pd.util.hash_pandas_object(_as_text(frame), index=False, hash_key=f"{name:<16}"[:16]).to_numpy()
        ids = frame["workplace_id"].astype(str).to_numpy()
        codes, uniques = pd.factorize(ids)
        sums = np.zeros(len(uniques), dtype=np.uint64)
        np.add.at(sums, codes, hashes)
        for workplace, value in zip(uniques, sums, strict=True):
            totals[workplace] = (totals.get(workplace, 0) + int(value)) % 2**64
    return {w: f"{v:016x}" for w, v in sorted(totals.items())}


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame.astype(str)` for hashing, each column's distinct values turned to text once (a national staff frame
    has 1.5 million rows, but a few dozen codes and a few thousand numbers a column): categoricals of the text,
    whose hashes are those of the text (pandas hashes a categorical's categories and takes them; a missing value,
    which stays missing as text, hashes the same either way). Object columns (None or mixed) go the plain way."""
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and not column.cat.categories.hasnans:
            text = pd.Index(pd.Series(column.cat.categories.to_numpy(dtype=object)).astype(str))
            if text.is_unique:  # the round's staff codes: the text of each category, the codes as they are
                columns[name] = pd.Categorical.from_codes(column.cat.codes.to_numpy(), categories=text)
                continue
        if column.dtype.kind in "biuf" or isinstance(column.dtype, pd.StringDtype):
            codes, uniques = pd.factorize(column)  # missing -> -1
            text = pd.Index(pd.Series(uniques).astype(str))
            if text.is_unique and not text.hasnans:
                columns[name] = pd.Categorical.from_codes(codes, categories=text)
                continue
        columns[name] = column.astype(str)
    return pd.DataFrame(columns, index=frame.index)


def changed_workplaces(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[set[str], set[str], set[str]]:
    """(added, changed, removed) workplace ids between two releases."""
    added = set(after) - set(before)
    removed = set(before) - set(after)
    changed = {w for w in set(after) & set(before) if after[w] != before[w]}
    return added, changed, removed


def revisions_note(*, number: int, released_on: date, previous: Sequence[tuple[int, date]], added: int,
                   changed: int, removed: int, figures_changed: int) -> str:
    if number == 1:
        return (f"Release 1, made on {released_on:%-d %B %Y} after the round closed: the first release of this "
                "round. Later releases revise it at set times.")
    last_number, last_date = previous[-1]
    return (f"Release {number}, made on {released_on:%-d %B %Y}, revises release {last_number} of "
            f"{last_date:%-d %B %Y}: {added} workplace returns added, {changed} changed and {removed} withdrawn "
            f"since then; {figures_changed} published figures differ. Figures were hidden where the change "
            "between the two releases could otherwise be worked out.")
