"""The pure core of the ASC-WDS bulk upload: read the files, validate them, plan the changes, report, export.

No Django here. The web view, the `import_ascwds` command and the API call these functions and apply the plan.

    files = read_upload([("workplace.csv", data1), ("staff.csv", data2)])   # UploadFiles | FileProblem
    result = validate_upload(files, existing=ExistingData(...), snapshot_date=date(2026, 3, 31))
    result.status, result.counts, result.to_json(), grouped(result), report_xlsx(result)
    workplace_csv, staff_csv = export_files(workplaces=..., staff=...)
"""

from collection.ascwds.export import export_files
from collection.ascwds.problems import FileProblem, Problem
from collection.ascwds.reader import Table, UploadFiles, read_upload
from collection.ascwds.report import ProblemGroup, grouped, report_xlsx
from collection.ascwds.result import (
    ExistingData,
    ExistingWorkplace,
    StaffPlan,
    UploadResult,
    WorkplacePlan,
)
from collection.ascwds.validate import validate_upload

__all__ = [
    "ExistingData",
    "ExistingWorkplace",
    "FileProblem",
    "Problem",
    "ProblemGroup",
    "StaffPlan",
    "Table",
    "UploadFiles",
    "UploadResult",
    "WorkplacePlan",
    "export_files",
    "grouped",
    "read_upload",
    "report_xlsx",
    "validate_upload",
]
