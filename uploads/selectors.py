"""Reads for bulk uploads: what the organisation already holds for a round, its uploads, and the rounds it can use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from collection.ascwds import ExistingData, ExistingWorkplace
from collection.ascwds.rowkeys import ref
from collection.conversion import STAFF_FIELDS, section_data, staff_data_from_row, workplace_data
from collection.models import CollectionRound, JobRoleCount, LeaverReasonCount, StaffRecord, WorkforceReturn
from providers.models import Organisation, Workplace
from uploads.models import Upload

STAFF_COLUMNS = ("id", "workforce_return_id", "left_on", "leaving_reason", "confirmed", *STAFF_FIELDS)
_FIRST_STAFF_FIELD = STAFF_COLUMNS.index(STAFF_FIELDS[0])


class _StoredValues(Mapping):
    """Each held record's stored values (STAFF_COLUMNS by name) by key, made from its row when asked for: only
    the records an upload updates need them."""

    def __init__(self, rows: dict[tuple[str, str], tuple]) -> None:
        self._rows = rows

    def __getitem__(self, key: tuple[str, str]) -> dict:
        return dict(zip(STAFF_COLUMNS, self._rows[key], strict=True))

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class Held:
    """What is held, as the pure core wants it (`data`), plus the rows the apply step needs (by matching key)."""

    data: ExistingData
    workplaces: dict[str, Workplace]  # ref(local_ref) -> Workplace
    returns: dict[int, WorkforceReturn]  # workplace id -> this round's return
    staff_ids: dict[tuple[str, str], int]  # (ref(est), ref(worker)) -> StaffRecord id
    staff_values: Mapping[tuple[str, str], dict]  # the stored values of each record (for the audit trail)
    left: frozenset[tuple[str, str]]  # records already marked as having left


def rounds_for(organisation: Organisation) -> QuerySet[CollectionRound]:
    """Rounds shared by every council, or run by a council that contracts with the organisation."""
    return (
        CollectionRound.objects.filter(Q(council__isnull=True) | Q(council__contracts__organisation=organisation))
        .filter(draft=False)
        .distinct()
        .order_by("-snapshot_date", "name")
    )


def upload_list(*, organisation: Organisation, limit: int = 20) -> QuerySet[Upload]:
    return Upload.objects.filter(organisation=organisation).select_related("round", "uploaded_by")[:limit]


def held_data(*, organisation: Organisation, round: CollectionRound) -> Held:
    """Everything the organisation holds for the round, keyed by the provider's references."""
    workplaces = {ref(w.local_ref): w for w in Workplace.objects.filter(organisation=organisation)}
    by_id = {w.pk: key for key, w in workplaces.items()}
    returns = {
        r.workplace_id: r for r in WorkforceReturn.objects.filter(round=round, workplace__organisation=organisation)
    }
    return_key = {r.pk: by_id[r.workplace_id] for r in returns.values()}
    roles: dict[int, list] = defaultdict(list)
    for row in JobRoleCount.objects.filter(workforce_return__in=list(return_key)).order_by("id"):
        roles[row.workforce_return_id].append(row)
    reasons: dict[int, list] = defaultdict(list)
    for row in LeaverReasonCount.objects.filter(workforce_return__in=list(return_key)).order_by("id"):
        reasons[row.workforce_return_id].append(row)
    existing_workplaces = {}
    for workplace in workplaces.values():
        held_return = returns.get(workplace.pk)
        section = None
        if held_return is not None:
            section = section_data(held_return, job_roles=roles[held_return.pk], leaver_reasons=reasons[held_return.pk])
        existing_workplaces[workplace.local_ref] = ExistingWorkplace(
            workplace=workplace_data(workplace), section=section
        )
    staff, staff_ids, staff_rows, left = {}, {}, {}, set()
    rows = StaffRecord.objects.filter(workforce_return__in=list(return_key)).order_by("id").values_list(*STAFF_COLUMNS)
    for row in rows.iterator(chunk_size=5000):
        pk, return_id, left_on = row[:3]
        est_key = return_key[return_id]
        record = staff_data_from_row(row[_FIRST_STAFF_FIELD:])
        key = (est_key, ref(record.local_ref))
        staff[(workplaces[est_key].local_ref, record.local_ref)] = record
        staff_ids[key] = pk
        staff_rows[key] = row
        if left_on is not None:
            left.add(key)
    elsewhere = frozenset(
        Workplace.objects.exclude(organisation=organisation)
        .exclude(cqc_location_id="")
        .values_list("cqc_location_id", flat=True)
    )
    data = ExistingData(workplaces=existing_workplaces, staff=staff, location_ids_elsewhere=elsewhere)
    return Held(
        data=data,
        workplaces=workplaces,
        returns=returns,
        staff_ids=staff_ids,
        staff_values=_StoredValues(staff_rows),
        left=frozenset(left),
    )


def uploads_holding_files(*, organisation_ids=None) -> list[dict]:
    """For the retention schedule: each upload whose raw files are still held, with its dates (only the given
    organisations', when given)."""
    from django.db.models import Count

    from uploads.models import UploadFile

    files = UploadFile.objects.all()
    if organisation_ids is not None:
        files = files.filter(upload__organisation_id__in=list(organisation_ids))
    return list(
        files.values("upload_id", "upload__organisation_id", "upload__created_at", "upload__applied_at",
                                  "upload__organisation__name")
        .annotate(n=Count("pk")).order_by("upload_id")
    )  # fmt: skip
