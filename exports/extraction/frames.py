"""Per-row extraction: exactly the columns the aggregation reads, through collection's extraction selectors
(`collection.selectors.extraction`, the one read path), a chunk of returns at a time.

The round's staff: on PostgreSQL the rows come as COPY's CSV text and pandas' C parser makes the columns (no
Python object per value: 1.6 million records a round at national scale); elsewhere (SQLite) the driver's rows go
straight into per-column lists. Both give the same frame (tested). Earlier rounds feed only the year-on-year
series, which counts staff per workplace: those are counted in the database (`staff_counts`), a few tens of
thousands of rows instead of millions.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from django.db import connection
from django.db.models import QuerySet

from collection import selectors
from collection.models import CollectionRound, WorkforceReturn
from exports.aggregation import (
    REQUIRED_JOB_ROLE_COLUMNS,
    REQUIRED_LEAVER_REASON_COLUMNS,
    REQUIRED_STAFF_COLUMNS,
    REQUIRED_WORKPLACE_COLUMNS,
    EarlierRound,
)
from exports.aggregation.columns import INCLUDED_STATUSES
from exports.extraction.labels import round_label
from providers import access, reference
from providers.models import Council

# Decimal columns are cast to floats in SQL: no Decimal objects are built for every row.
NUMERIC_STAFF_COLUMNS = ("contracted_hours", "average_hours", "pay_rate", "sickness_days")
NUMBER_STAFF_COLUMNS = (*NUMERIC_STAFF_COLUMNS, "birth_year")
STAFF_READ_COLUMNS = tuple(c for c in REQUIRED_STAFF_COLUMNS if c not in ("workplace_id", "organisation_id"))
CODE_STAFF_COLUMNS = tuple(c for c in STAFF_READ_COLUMNS if c not in NUMBER_STAFF_COLUMNS)
MAX_EARLIER_ROUNDS = 4


@dataclass(frozen=True)
class RoundInputs:
    """The input frames of one round for one council (columns exactly as `build_tables` requires)."""

    collection_round: CollectionRound
    label: str
    workplaces: pd.DataFrame
    staff: pd.DataFrame
    job_roles: pd.DataFrame
    leaver_reasons: pd.DataFrame


def contracted_workplace_ids(council: Council) -> list[int]:
    """Ids of the workplaces the council contracts for, ascending (one query; evaluated first so that the row
    queries below filter on plain id lists, which every planner handles well)."""
    return access.contracted_workplace_ids(council)


def included_returns(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> QuerySet[WorkforceReturn]:
    """Submitted and accepted returns of the round from workplaces the council contracts for (up to
    `selectors.ID_CHUNK` workplaces: for `.exists()`; the frames read their rows in chunks)."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    return selectors.returns_in(collection_round=collection_round, states=INCLUDED_STATUSES, workplace_ids=ids)


chunks = selectors.chunks
in_post = selectors.in_post


def earlier_rounds(*, council: Council, collection_round: CollectionRound) -> list[CollectionRound]:
    """Rounds before this one that the council takes part in (its own or shared), oldest first, at most four."""
    return selectors.rounds_before(council=council, collection_round=collection_round, limit=MAX_EARLIER_ROUNDS)


def round_inputs(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> RoundInputs:
    """The four input frames of one round (five queries: contracted workplaces, returns, staff, job roles,
    leaver reasons; four when `workplace_ids` is given; a staff query per 2,000 returns)."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    returns = _Returns(collection_round=collection_round, workplace_ids=ids)
    return RoundInputs(
        collection_round=collection_round,
        label=round_label(collection_round),
        workplaces=returns.workplaces,
        staff=_staff(returns, collection_round.snapshot_date),
        job_roles=_counts("job_roles", returns, REQUIRED_JOB_ROLE_COLUMNS),
        leaver_reasons=_counts("leaver_reasons", returns, REQUIRED_LEAVER_REASON_COLUMNS),
    )


def earlier_round(
    *, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
) -> EarlierRound:
    """An earlier round's inputs for the year-on-year series, which reads of its staff only how many there are in
    each workplace (and so each provider and service type group): one row per staff member in post with
    `workplace_id` and `organisation_id`, counted in the database; the other staff columns are not read (empty:
    missing codes and numbers)."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    returns = _Returns(collection_round=collection_round, workplace_ids=ids)
    counted = selectors.staff_counts(return_ids=returns.ids, snapshot_date=collection_round.snapshot_date)
    counted = np.array(counted, dtype=np.int64).reshape(-1, 2)  # (return id, staff in post)
    people = np.repeat(returns.workplace_of(counted[:, 0]), counted[:, 1])
    staff = pd.DataFrame({"workplace_id": people, "organisation_id": returns.organisation_of(people)})
    for column in STAFF_READ_COLUMNS:  # not read: empty (a byte a row for a code, NaN for a number)
        staff[column] = (np.full(len(people), np.nan) if column in NUMBER_STAFF_COLUMNS
                         else pd.Categorical.from_codes(np.full(len(people), -1, dtype=np.int8), categories=[]))
    return EarlierRound(round_label(collection_round), collection_round.snapshot_date,
                        staff[list(REQUIRED_STAFF_COLUMNS)], returns.workplaces,
                        _counts("job_roles", returns, REQUIRED_JOB_ROLE_COLUMNS))


def council_inputs(*, council: Council, collection_round: CollectionRound, workplace_ids: list[int] | None = None
                   ) -> tuple[RoundInputs, list[EarlierRound]]:
    """The round's inputs and those of the earlier rounds that have any included return (year-on-year series);
    `workplace_ids`: the council's contracted workplaces, when the caller has them already."""
    ids = contracted_workplace_ids(council) if workplace_ids is None else workplace_ids
    current = round_inputs(council=council, collection_round=collection_round, workplace_ids=ids)
    earlier = [earlier_round(council=council, collection_round=r, workplace_ids=ids)
               for r in earlier_rounds(council=council, collection_round=collection_round)]
    return current, [e for e in earlier if len(e.workplaces)]


def service_categories() -> dict[str, str]:
    """main_services code -> service type group (the code list's category)."""
    return {row["code"]: row["category"] for row in reference.rows("main_services")}


class _Returns:
    """The included returns of a round from these workplaces: the workplace frame (`REQUIRED_WORKPLACE_COLUMNS`,
    by workplace), the returns' ids, and each return's workplace and each workplace's organisation (the row
    queries read one table each and carry only the return's id)."""

    def __init__(self, *, collection_round: CollectionRound, workplace_ids: Sequence[int]) -> None:
        rows = selectors.return_rows(collection_round=collection_round, states=INCLUDED_STATUSES,
                                     workplace_ids=workplace_ids)
        frame = pd.DataFrame.from_records([row[1:] for row in rows], columns=list(REQUIRED_WORKPLACE_COLUMNS))
        categories = service_categories()
        frame["service_group"] = frame["service_group"].map(lambda code: categories.get(code, code or None))
        self.workplaces = frame
        self.ids = sorted(row[0] for row in rows)
        by_return = sorted((row[0], row[1]) for row in rows)
        self._return_ids = np.array([r for r, _ in by_return], dtype=np.int64)
        self._workplace_ids = np.array([w for _, w in by_return], dtype=np.int64)
        self._organisations = dict(zip(frame["workplace_id"], frame["organisation_id"], strict=True))

    def workplace_of(self, return_ids: np.ndarray) -> np.ndarray:
        """The workplace id of each return id (every one is among `ids`)."""
        return self._workplace_ids[np.searchsorted(self._return_ids, return_ids)]

    def organisation_of(self, workplace_ids: np.ndarray) -> pd.Series:
        return pd.Series(workplace_ids).map(self._organisations)


def workplace_frame(*, collection_round: CollectionRound, workplace_ids: Sequence[int]) -> tuple[pd.DataFrame, list[int]]:
    """The included returns' workplaces (`REQUIRED_WORKPLACE_COLUMNS`, by workplace) and the returns' ids."""
    returns = _Returns(collection_round=collection_round, workplace_ids=workplace_ids)
    return returns.workplaces, returns.ids


def _counts(kind: str, returns: _Returns, columns: tuple[str, ...]) -> pd.DataFrame:
    rows = selectors.count_rows(kind, return_ids=returns.ids, columns=columns[1:])
    frame = pd.DataFrame.from_records(rows, columns=["return_id", *columns[1:]])
    frame.insert(0, "workplace_id", returns.workplace_of(frame.pop("return_id").to_numpy(dtype=np.int64)))
    return frame


def _staff(returns: _Returns, snapshot_date: date) -> pd.DataFrame:
    """Staff in post of the returns, `REQUIRED_STAFF_COLUMNS`, ordered by return and staff reference."""
    read = _staff_from_csv if connection.vendor == "postgresql" else _staff_from_rows
    frame = read(returns.ids, snapshot_date)
    if frame is None:  # no rows: the same (object) columns as a frame from no records
        return pd.DataFrame.from_records([], columns=list(REQUIRED_STAFF_COLUMNS))
    workplace_ids = returns.workplace_of(frame.pop("return_id").to_numpy(dtype=np.int64))
    frame.insert(0, "workplace_id", workplace_ids)
    frame.insert(1, "organisation_id", returns.organisation_of(workplace_ids).to_numpy())
    return frame


class _Columns:
    """The staff columns gathered a chunk at a time: numbers as arrays, codes as categoricals (a byte or two a row
    instead of a Python string a row: 1.5 million records a round at national scale). Categories are the codes
    in order of first appearance, so the driver's rows and COPY's text give the same frame."""

    def __init__(self) -> None:
        self._parts: dict[str, list[np.ndarray]] = {c: [] for c in ("return_id", *STAFF_READ_COLUMNS)}
        self._known: dict[str, dict[str, int]] = {c: {} for c in CODE_STAFF_COLUMNS}

    def add(self, name: str, values) -> None:
        known = self._known.get(name)
        if known is None:
            # decimals as floats; whole numbers (ids, birth years) stay integers unless a chunk has a NULL
            self._parts[name].append(np.asarray(values, dtype=np.float64 if name in NUMERIC_STAFF_COLUMNS else None))
            return
        codes, uniques = pd.factorize(np.asarray(values, dtype=object))  # codes are never NULL
        to_code = np.array([known.setdefault(v, len(known)) for v in uniques], dtype=np.int32)
        self._parts[name].append(to_code[codes] if len(codes) else codes.astype(np.int32))

    def frame(self) -> pd.DataFrame | None:
        if not self._parts["return_id"] or not sum(map(len, self._parts["return_id"])):
            return None
        columns = {}
        for name, parts in self._parts.items():
            values = np.concatenate(parts)
            parts.clear()  # each chunk's array freed as soon as the column is whole
            known = self._known.get(name)
            columns[name] = (values if known is None else
                             pd.Categorical.from_codes(values, categories=pd.Index(list(known), dtype=object)))
        return pd.DataFrame(columns)


def _staff_from_rows(return_ids: list[int], snapshot_date: date) -> pd.DataFrame | None:
    columns = ["return_id", *STAFF_READ_COLUMNS]
    gathered = _Columns()
    for rows in selectors.staff_rows(return_ids=return_ids, snapshot_date=snapshot_date, columns=STAFF_READ_COLUMNS,
                                     floats=NUMERIC_STAFF_COLUMNS):
        for name, column in zip(columns, zip(*rows, strict=True), strict=True):
            gathered.add(name, [np.nan if v is None else v for v in column] if name in NUMBER_STAFF_COLUMNS
                         else column)
        del rows
    return gathered.frame()


CSV_ROWS = 100_000  # rows parsed at a time: only a chunk's codes are ever Python strings


def _staff_from_csv(return_ids: list[int], snapshot_date: date) -> pd.DataFrame | None:
    """PostgreSQL: COPY's CSV parsed by pandas' C parser, a chunk of rows at a time. Codes are parsed as strings
    ("" for blank: codes are never NULL; not as the parser's categoricals, whose categories it would turn into
    numbers) and kept as categoricals; numbers are NULL where empty, floats are parsed exactly (pandas 3 parses
    every decimal to the nearest float, as the driver does; tested)."""
    blocks = selectors.staff_csv(return_ids=return_ids, snapshot_date=snapshot_date, columns=STAFF_READ_COLUMNS,
                                 floats=NUMERIC_STAFF_COLUMNS)
    stream = _BlockReader(blocks)
    if not stream.peek():
        return None
    gathered = _Columns()
    with pd.read_csv(
        stream, header=None, names=["return_id", *STAFF_READ_COLUMNS], engine="c", chunksize=CSV_ROWS,
        dtype={"return_id": np.int64, **dict.fromkeys(CODE_STAFF_COLUMNS, str),
               **dict.fromkeys(NUMERIC_STAFF_COLUMNS, np.float64)},
        keep_default_na=False, na_values={c: [""] for c in NUMBER_STAFF_COLUMNS},
    ) as chunks:
        for chunk in chunks:
            for name in chunk.columns:
                gathered.add(name, chunk[name].to_numpy(dtype=object if name in CODE_STAFF_COLUMNS else None))
            del chunk
    return gathered.frame()


class _BlockReader(io.RawIOBase):
    """A file over an iterator of byte blocks (COPY's output), read as it arrives: the whole text never exists."""

    def __init__(self, blocks: Iterable[bytes]) -> None:
        self._blocks: Iterator[bytes] = iter(blocks)
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def peek(self) -> bool:
        """Whether there is anything to read."""
        while not self._pending:
            block = next(self._blocks, None)
            if block is None:
                return False
            self._pending = memoryview(block)
        return True

    def readinto(self, buffer) -> int:
        if not self.peek():
            return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
