"""Checking an upload against what the organisation holds: the pure core, plus the one rule that needs the database.

The extra rule: a workplace whose return for the round is submitted or accepted cannot be changed by an upload
(the council must return it for correction first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from collection.ascwds import FileProblem, Problem, UploadResult, read_upload, validate_upload
from collection.ascwds.rowkeys import ref
from collection.models import CollectionRound, WorkforceReturn
from config.bulk import cycle_collector_paused
from providers.models import Organisation
from uploads.selectors import Held, held_data

LOCKED_STATES = (WorkforceReturn.State.SUBMITTED, WorkforceReturn.State.ACCEPTED)
LOCKED_MESSAGE = (
    "The return for this workplace has been submitted, so an upload cannot change it. Ask the council to return it "
    "for correction, or set STATUS to NOCHANGE for this workplace and its staff."
)


@dataclass(frozen=True)
class Checked:
    result: UploadResult | FileProblem
    held: Held | None

    @property
    def failed(self) -> bool:
        return self.result.status == "failed"


def upload_check(*, organisation: Organisation, round: CollectionRound, files: Sequence[tuple[str, bytes]]) -> Checked:
    """Read and validate the files against the organisation's data for the round. Writes nothing."""
    with cycle_collector_paused():
        tables = read_upload(files)
        if isinstance(tables, FileProblem):
            return Checked(result=tables, held=None)
        held = held_data(organisation=organisation, round=round)
        result = validate_upload(tables, existing=held.data, snapshot_date=round.snapshot_date)
        return Checked(result=_locked_returns(result, held), held=held)


def missing_staff(checked: Checked) -> list[tuple[str, str]]:
    """Staff held but not in the file, less those already recorded as having left."""
    if isinstance(checked.result, FileProblem) or checked.held is None:
        return []
    left = checked.held.left
    return [(est, worker) for est, worker in checked.result.missing_staff if (ref(est), ref(worker)) not in left]


def _locked_returns(result: UploadResult, held: Held) -> UploadResult:
    locked = {
        key
        for key, workplace in held.workplaces.items()
        if (r := held.returns.get(workplace.pk)) is not None and r.state in LOCKED_STATES
    }
    if not locked:
        return result
    changing = {ref(p.local_est_id) for p in result.staff if p.action != "unchanged"}
    problems = [
        Problem(
            file="workplace",
            line=plan.line,
            column="STATUS",
            code="return_submitted",
            message=LOCKED_MESSAGE,
            local_est_id=plan.local_est_id,
        )
        for plan in result.workplaces
        if ref(plan.local_est_id) in locked and (plan.action != "unchanged" or ref(plan.local_est_id) in changing)
    ]
    if not problems:
        return result
    errors = tuple(sorted(result.errors + tuple(problems), key=lambda p: (p.file != "workplace", p.line)))
    return replace(result, errors=errors, status="failed")
