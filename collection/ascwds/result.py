"""What the organisation already holds (`ExistingData`) and what an upload would do (`UploadResult`).

Actions: "new" (STATUS NEW), "updated" (STATUS UPDATE with different data, or a rename), "unchanged" (NOCHANGE,
UNCHECKED, or UPDATE with the same data), "deleted" (STATUS DELETE, and the staff of a deleted workplace).
Staff missing from the file are never deleted: they are listed in `missing_staff`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from collection.ascwds.problems import Problem
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData

Action = Literal["new", "updated", "unchanged", "deleted"]
ACTIONS: tuple[Action, ...] = ("new", "updated", "unchanged", "deleted")
Status = Literal["passed", "warnings", "failed"]


@dataclass(frozen=True)
class ExistingWorkplace:
    workplace: WorkplaceData
    section: WorkplaceSectionData | None = None  # this round's return section, if started


@dataclass(frozen=True)
class ExistingData:
    """What the organisation already has for the round, keyed by the provider's references.

    `workplaces` by LOCALESTID; `staff` by (LOCALESTID, UNIQUEWORKERID). References match with all whitespace
    removed, as in ASC-WDS. `location_ids_elsewhere` holds the CQC location IDs used by workplaces outside this
    organisation (a NEW or UPDATE row may not claim one of them).
    """

    workplaces: Mapping[str, ExistingWorkplace] = field(default_factory=dict)
    staff: Mapping[tuple[str, str], StaffRecordData] = field(default_factory=dict)
    location_ids_elsewhere: frozenset[str] = frozenset()


@dataclass(frozen=True)
class WorkplacePlan:
    local_est_id: str
    line: int
    action: Action
    workplace: WorkplaceData | None  # the data to keep (None when deleted)
    section: WorkplaceSectionData | None


@dataclass(frozen=True)
class StaffPlan:
    local_est_id: str
    worker_id: str  # the reference after the upload (the new one when renamed)
    line: int  # 0 for a staff record deleted because its workplace is deleted
    action: Action
    record: StaffRecordData | None  # None when deleted
    previous_worker_id: str = ""  # set when CHGUNIQUEWRKID renames the record


@dataclass(frozen=True)
class UploadResult:
    status: Status
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    workplaces: tuple[WorkplacePlan, ...]
    staff: tuple[StaffPlan, ...]
    missing_staff: tuple[tuple[str, str], ...]  # existing (LOCALESTID, UNIQUEWORKERID) not in the staff file
    missing_workplaces: tuple[str, ...]  # existing LOCALESTIDs not in the workplace file (left alone)
    # problems left out of `errors` / `warnings` (severity, file, code, how many): "and 12,345 more like this"
    more_like_this: tuple[tuple[str, str, str, int], ...] = ()

    def more_of(self, severity: str, file: str, code: str) -> int:
        return sum(n for s, f, c, n in self.more_like_this if (s, f, c) == (severity, file, code))

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """{"workplaces": {"new", "updated", "unchanged", "deleted"}, "staff": {...}} as in PRODUCT.md section 6."""
        workplaces = dict.fromkeys(ACTIONS, 0)
        staff = dict.fromkeys(ACTIONS, 0)
        for plan in self.workplaces:
            workplaces[plan.action] += 1
        for entry in self.staff:
            staff[entry.action] += 1
        return {"workplaces": workplaces, "staff": staff}

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.errors + self.warnings

    def to_json(self) -> dict[str, object]:
        """Exactly the PRODUCT.md section 6 object (each problem also carries its value and severity)."""
        counts = self.counts
        return {
            "status": self.status,
            "workplaces": counts["workplaces"],
            "staff": counts["staff"],
            "errors": [p.to_json() for p in self.errors],
            "warnings": [p.to_json() for p in self.warnings],
        } | ({"more_like_this": more_like_this_json(self.more_like_this)} if self.more_like_this else {})


def more_like_this_json(more: tuple[tuple[str, str, str, int], ...]) -> list[dict[str, object]]:
    return [{"severity": s, "file": f, "code": c, "count": n} for s, f, c, n in more]
