"""Reads for the analyst workbooks (`exports.extraction`): the one read path from collection to the exports.

Every function returns plain rows (`values_list` tuples, in chunks where a national round has 1.6 million staff
records; on PostgreSQL the staff rows also as COPY's CSV text), never model instances, with only the columns asked
for, from one table each (rows carry their return's id; the caller knows each return's workplace). Decimal columns
are cast to floats in SQL so no `Decimal` is built per value. Id lists go as one array parameter on PostgreSQL
(`__any`, `config.bulk.AnyOf`: 40,000 ids cost one placeholder, not 40,000 for Django and psycopg to build and
split) and are split so that no query carries more parameters than SQLite accepts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from django.db import connection
from django.db.models import Count, FloatField, Max, Q, QuerySet, Sum
from django.db.models.functions import Cast

from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from config.bulk import Ids
from providers.models import Council

ID_CHUNK = 20_000  # ids in one query
STAFF_RETURNS_CHUNK = 2_000  # returns per staff query: about 80,000 rows at national scale
COPY_BLOCK = 1 << 20  # bytes of CSV handed on at a time
RETURN_COLUMNS = ("pk", "workplace_id", "workplace__organisation_id", "state", "workplace__main_service",
                  "workplace__district", "total_staff")


def chunks(ids: Sequence[int], size: int = ID_CHUNK) -> list[Ids]:
    """Id lists split so that no query carries more parameters than a database accepts (one empty run for none),
    each as `config.bulk.Ids`: Django does not walk it id by id as it builds the filter."""
    return [Ids(ids[i:i + size]) for i in range(0, len(ids), size)] or [Ids([])]


def in_post(snapshot_date: date) -> Q:
    """Staff in post on the snapshot date: no leaving date, or one after the snapshot."""
    return Q(left_on__isnull=True) | Q(left_on__gt=snapshot_date)


def rounds_for_council(council: Council) -> QuerySet[CollectionRound]:
    """Collection rounds the council takes part in: its own and the shared ones."""
    return CollectionRound.objects.filter(Q(council__isnull=True) | Q(council=council))


def rounds_before(*, council: Council, collection_round: CollectionRound, limit: int) -> list[CollectionRound]:
    """Up to `limit` rounds before this one that the council takes part in, oldest first."""
    rounds = (rounds_for_council(council).filter(snapshot_date__lt=collection_round.snapshot_date)
              .order_by("-snapshot_date", "pk")[:limit])
    return sorted(rounds, key=lambda r: r.snapshot_date)


def returns_in(*, collection_round: CollectionRound, states: Sequence[str],
               workplace_ids: Sequence[int] | Ids) -> QuerySet[WorkforceReturn]:
    """The round's returns in these states from these workplaces (for `.exists()`; rows come from the functions
    below). Up to ID_CHUNK workplaces; `return_rows` and `return_versions` take any number."""
    return WorkforceReturn.objects.filter(round=collection_round, state__in=sorted(states),
                                          workplace_id__any=workplace_ids)


def return_rows(*, collection_round: CollectionRound, states: Sequence[str],
                workplace_ids: Sequence[int]) -> list[tuple]:
    """(return id, workplace id, organisation id, state, main service code, district, total staff), by workplace."""
    rows: list[tuple] = []
    for chunk in chunks(sorted(workplace_ids)):
        rows.extend(returns_in(collection_round=collection_round, states=states, workplace_ids=chunk)
                    .order_by("workplace_id").values_list(*RETURN_COLUMNS))
    return rows


def return_versions(*, collection_round: CollectionRound, states: Sequence[str],
                    workplace_ids: Sequence[int]) -> list[tuple]:
    """(return id, workplace id, state, version, updated at) of the returns, by return id."""
    rows: list[tuple] = []
    for chunk in chunks(sorted(workplace_ids)):
        rows.extend(returns_in(collection_round=collection_round, states=states, workplace_ids=chunk)
                    .values_list("pk", "workplace_id", "state", "version", "updated_at"))
    return sorted(rows)


def _staff_in_post(return_ids: Sequence[int] | Ids, snapshot_date: date) -> QuerySet[StaffRecord]:
    return StaffRecord.objects.filter(in_post(snapshot_date), workforce_return_id__any=return_ids)


def _staff_query(return_ids: Ids, snapshot_date: date, columns: Sequence[str],
                 floats: Sequence[str]) -> tuple[str, tuple]:
    """SQL of staff in post of the returns: (return id, *columns), ordered by return and staff reference. Only the
    staff table is read (no join: the caller knows each return's workplace)."""
    casts = {f"{c}__f": Cast(c, FloatField()) for c in floats}
    selected = ["workforce_return_id", *(f"{c}__f" if c in floats else c for c in columns)]
    query = (_staff_in_post(return_ids, snapshot_date).annotate(**casts)
             .order_by("workforce_return_id", "local_ref").values_list(*selected))
    return query.query.sql_with_params()


def staff_rows(*, return_ids: Sequence[int], snapshot_date: date, columns: Sequence[str],
               floats: Sequence[str] = ()) -> Iterator[list[tuple]]:
    """Staff in post of the returns, a chunk of rows at a time: (return id, *columns), ordered by return and
    staff reference. `floats` (a subset of `columns`) are decimal fields read as floats."""
    for chunk in chunks(sorted(return_ids), STAFF_RETURNS_CHUNK):
        if not chunk:  # no returns: no rows (and no SQL to run)
            continue
        # The queryset's own SQL, its rows as the driver gives them: the columns need no conversion (codes,
        # integers, floats cast in SQL), so Django's per-row converters are skipped (a few µs a row).
        sql, params = _staff_query(chunk, snapshot_date, columns, floats)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            yield cursor.fetchall()


def staff_csv(*, return_ids: Sequence[int], snapshot_date: date, columns: Sequence[str],
              floats: Sequence[str] = ()) -> Iterator[bytes]:
    """PostgreSQL only: the rows of `staff_rows` (same query, same order) as CSV text from COPY, in blocks of
    bytes: no Python object is made per value (1.6 million records a round at national scale). A NULL is an
    empty field, an empty string a quoted one (""); floats are written with the digits that read back exactly (numeric(9,2) and
    narrower: at most 9 significant digits)."""
    for chunk in chunks(sorted(return_ids), STAFF_RETURNS_CHUNK):
        if not chunk:
            continue
        sql, params = _staff_query(chunk, snapshot_date, columns, floats)
        with connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                # COPY sends a message per row: joined into blocks of about a megabyte for the reader.
                pending: list = []
                size = 0
                for row in copy:
                    pending.append(row)
                    size += len(row)
                    if size >= COPY_BLOCK:
                        yield b"".join(pending)
                        pending, size = [], 0
                if pending:
                    yield b"".join(pending)


def staff_counts(*, return_ids: Sequence[int], snapshot_date: date) -> list[tuple[int, int]]:
    """(return id, staff in post) of the returns that have any, grouped in the database, by return id: what the
    year-on-year series reads of an earlier round (tens of thousands of rows, not millions)."""
    rows: list[tuple[int, int]] = []
    for chunk in chunks(sorted(return_ids)):
        rows.extend(_staff_in_post(chunk, snapshot_date).values("workforce_return_id").annotate(n=Count("pk"))
                    .order_by("workforce_return_id").values_list("workforce_return_id", "n"))
    return rows


COUNT_MODELS = {"job_roles": (JobRoleCount, "job_role"), "leaver_reasons": (LeaverReasonCount, "reason")}


def count_rows(kind: str, *, return_ids: Sequence[int], columns: Sequence[str]) -> list[tuple]:
    """Job-role counts ("job_roles") or leaver-reason counts ("leaver_reasons") of the returns: (return id,
    *columns), ordered by return and code (only the counts' own table is read)."""
    model, code = COUNT_MODELS[kind]
    rows: list[tuple] = []
    for chunk in chunks(sorted(return_ids)):
        rows.extend(model.objects.filter(workforce_return_id__any=chunk)
                    .order_by("workforce_return_id", code).values_list("workforce_return_id", *columns))
    return rows


def source_totals(*, return_ids: Sequence[int], snapshot_date: date) -> list[dict]:
    """Totals that change whenever a staff record (in post), job-role or leaver-reason count of the returns
    changes: counts, latest update and version sums, a chunk of returns at a time (a workbook's data version)."""
    parts: list[dict] = []
    for chunk in chunks(sorted(return_ids)):
        parts.append(StaffRecord.objects.filter(in_post(snapshot_date), workforce_return_id__any=chunk)
                     .aggregate(n=Count("pk"), latest=Max("updated_at"), versions=Sum("version")))
        parts.append(JobRoleCount.objects.filter(workforce_return_id__any=chunk).aggregate(
            n=Count("pk"), starters=Sum("starters"), leavers=Sum("leavers"), vacancies=Sum("vacancies")))
        parts.append(LeaverReasonCount.objects.filter(workforce_return_id__any=chunk).aggregate(
            n=Count("pk"), total=Sum("count")))
    return parts
