"""One workbook from the database: extract -> aggregate (unrounded) -> disclosure control -> write (EXPORTS.md
rule 14). Used by the background task and by `manage.py export_workbook`; the writer only ever sees
`ProtectedTable`s."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from collection.models import CollectionRound
from config import clock
from exports.aggregation import build_tables
from exports.disclosure import protect_all
from exports.extraction import council_inputs, round_data_version
from exports.extraction.compliance import compliance_frame
from exports.workbook import workbook_filename, write_workbook
from providers.models import Council

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class BuiltWorkbook:
    content: bytes
    file_name: str
    table_count: int
    data_version: str


def _no_progress(percent: int, message: str) -> None:
    return None


def make_workbook(*, council: Council, collection_round: CollectionRound, progress: Progress = _no_progress,
                  today: date | None = None) -> BuiltWorkbook:
    """The council's workbook for the round (with the year-on-year series over its earlier rounds, and contract
    requirements by compliance status as on `today`, default the current local date)."""
    progress(10, "Reading the submitted returns")
    compliance = compliance_frame(council=council, collection_round=collection_round, today=today or clock.today())
    version = round_data_version(council=council, collection_round=collection_round, compliance=compliance)
    current, earlier = council_inputs(council=council, collection_round=collection_round)
    progress(35, "Adding up the figures")
    tables = build_tables(
        staff=current.staff, workplaces=current.workplaces, job_roles=current.job_roles,
        leaver_reasons=current.leaver_reasons, compliance=compliance, snapshot_date=collection_round.snapshot_date,
        round_label=current.label, earlier=[e.as_earlier() for e in earlier] or None,
    )
    progress(55, "Protecting confidential figures")
    protected = protect_all(tables)
    progress(80, "Writing the workbook")
    content = write_workbook(tables=protected, council_name=council.name, round_label=current.label,
                             snapshot_date=collection_round.snapshot_date, data_version=version)
    return BuiltWorkbook(content=content, file_name=workbook_filename(council.name, current.label),
                         table_count=len(protected), data_version=version)
