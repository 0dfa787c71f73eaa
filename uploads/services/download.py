"""The organisation's current return as the two ASC-WDS files (every row UNCHECKED), so it can be edited and
uploaded again. Staff who have left and inactive workplaces are not in the files."""

from __future__ import annotations

import io
import zipfile

from collection.ascwds import export_files
from collection.ascwds.rowkeys import ref
from collection.models import CollectionRound
from providers.models import Organisation
from uploads.selectors import held_data


def return_files(*, organisation: Organisation, round: CollectionRound) -> tuple[bytes, bytes]:
    held = held_data(organisation=organisation, round=round)
    active = {w.local_ref for w in held.workplaces.values() if w.is_active}
    workplaces = {key: value for key, value in held.data.workplaces.items() if key in active}
    staff = {
        (est, worker): record
        for (est, worker), record in held.data.staff.items()
        if est in active and (ref(est), ref(worker)) not in held.left
    }
    return export_files(workplaces=workplaces, staff=staff)


def return_files_zip(*, organisation: Organisation, round: CollectionRound) -> bytes:
    workplace_csv, staff_csv = return_files(organisation=organisation, round=round)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("workplace.csv", workplace_csv)
        archive.writestr("staff.csv", staff_csv)
    return buffer.getvalue()
