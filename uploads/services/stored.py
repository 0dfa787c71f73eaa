"""The report kept on an Upload row: counts, problems, the preview of changes and the staff missing from the file.

NI numbers, home postcodes and dates of birth never leave the upload itself: their cell values are blanked here,
before anything is saved. `stored_result` turns the saved report back into an UploadResult for `grouped` and
`report_xlsx`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from collection.ascwds import FileProblem, Problem, UploadResult
from collection.ascwds.result import ACTIONS, more_like_this_json
from collection.ascwds.rowkeys import ref

PERSONAL_COLUMNS = {("staff", "NINUMBER"), ("staff", "POSTCODE"), ("staff", "DOB")}
MAX_LISTED = 1000  # staff references listed in the preview per action; the counts are always complete
MAX_STORED_PROBLEMS = 5000  # problems kept in the stored report (the rest are counted in more_like_this)
MAX_PREVIEW = 20_000  # workplaces in the stored preview (the upload's own row limit)


def _problem(problem: Problem) -> dict:
    data = problem.to_json()
    if (problem.file, problem.column) in PERSONAL_COLUMNS:
        data["value"] = ""
    return data


def result_to_store(result: UploadResult | FileProblem, *, missing: list[tuple[str, str]]) -> dict:
    if isinstance(result, FileProblem):
        data = result.to_json()
        data["file_problem"] = {"code": result.code, "message": result.message, "filename": result.filename}
        data.update(preview=[], deleted_staff=[], missing_staff=[], missing_workplaces=[])
        return data
    per_workplace: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ACTIONS, 0))
    deleted: list[list[str]] = []
    for plan in result.staff:
        per_workplace[ref(plan.local_est_id)][plan.action] += 1
        if plan.action == "deleted" and len(deleted) < MAX_LISTED:
            deleted.append([plan.local_est_id, plan.worker_id])
    preview = [
        {
            "local_est_id": plan.local_est_id,
            "line": plan.line,
            "action": plan.action,
            "name": plan.workplace.name if plan.workplace else "",
            "staff": per_workplace[ref(plan.local_est_id)],
        }
        for plan in result.workplaces
    ]
    counts = result.counts
    errors, warnings, more = _bounded(result)
    return {
        "status": result.status,
        "workplaces": counts["workplaces"],
        "staff": counts["staff"],
        "errors": [_problem(p) for p in errors],
        "warnings": [_problem(p) for p in warnings],
        "more_like_this": more_like_this_json(more),
        "preview": preview[:MAX_PREVIEW],
        "deleted_staff": deleted,
        "missing_staff": [list(pair) for pair in missing],
        "missing_workplaces": list(result.missing_workplaces),
    }


def _bounded(result: UploadResult) -> tuple[list[Problem], list[Problem], tuple]:
    """At most MAX_STORED_PROBLEMS problems (errors first); what is left out is added to the counts."""
    errors = list(result.errors[:MAX_STORED_PROBLEMS])
    warnings = list(result.warnings[: MAX_STORED_PROBLEMS - len(errors)])
    more: Counter[tuple[str, str, str]] = Counter({(s, f, c): n for s, f, c, n in result.more_like_this})
    for problem in result.errors[len(errors) :] + result.warnings[len(warnings) :]:
        more[(problem.severity, problem.file, problem.code)] += 1
    return errors, warnings, tuple((s, f, c, n) for (s, f, c), n in sorted(more.items()))


def stored_result(data: dict) -> UploadResult:
    """The saved report as an UploadResult (problems only; the plan itself is worked out again at apply)."""
    fields = ("file", "line", "column", "code", "message", "value", "local_est_id", "worker_id", "severity")
    errors = tuple(Problem(**{k: p.get(k, "") for k in fields}) for p in data.get("errors", []))
    warnings = tuple(Problem(**{k: p.get(k, "") for k in fields}) for p in data.get("warnings", []))
    return UploadResult(
        status=data.get("status", "failed"),
        errors=errors,
        warnings=warnings,
        workplaces=(),
        staff=(),
        missing_staff=tuple(tuple(pair) for pair in data.get("missing_staff", [])),
        missing_workplaces=tuple(data.get("missing_workplaces", [])),
        more_like_this=tuple(
            (m["severity"], m["file"], m["code"], m["count"]) for m in data.get("more_like_this", [])
        ),
    )
