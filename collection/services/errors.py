"""The errors the collection services raise. All are Django `ValidationError`s, so forms and the API can show them;
rule failures carry the `collection.rules.Issue` codes."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from collection.rules import Issue


def _by_field(issues: Iterable[Issue]) -> dict[str, list[ValidationError]]:
    grouped: dict[str, list[ValidationError]] = {}
    for issue in issues:
        grouped.setdefault(issue.field or "__all__", []).append(ValidationError(issue.message, code=issue.code))
    return grouped


class RulesFailed(ValidationError):
    """One or more validation rules failed with an error: nothing was saved."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        super().__init__(_by_field(self.issues))


class WarningsNotConfirmed(ValidationError):
    """The answers raise warnings that the user has not confirmed ("Yes, this is correct"): nothing was saved."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = list(issues)
        super().__init__(_by_field(self.issues))


class EditConflict(ValidationError):
    """Somebody else saved this since it was opened: nothing was saved, so nobody's changes are lost."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(
            "Someone else saved changes to this while you were editing it. Your answers have not been saved yet: "
            "check them against the latest version and save again.",
            code="edit_conflict",
        )


class InvalidState(ValidationError):
    """The return is not in a state that allows this (for example, it has already been submitted)."""

    def __init__(self, message: str, *, state: str):
        self.state = state
        super().__init__(message, code="invalid_state")


def check_issues(issues: list[Issue], *, confirm_warnings: bool) -> None:
    """Errors always block; warnings block until confirmed."""
    errors = [issue for issue in issues if issue.is_error]
    if errors:
        raise RulesFailed(errors)
    warnings = [issue for issue in issues if not issue.is_error]
    if warnings and not confirm_warnings:
        raise WarningsNotConfirmed(warnings)


class BulkRejected(ValidationError):
    """Some records of a bulk write broke the rules: nothing was saved. `problems` are dicts with the code,
    message, field and index (position in the request) of each problem."""

    def __init__(self, problems: list[dict]):
        self.problems = problems
        super().__init__([ValidationError(p["message"], code=p["code"]) for p in problems])

    @property
    def conflicts_only(self) -> bool:
        return all(p["code"] == "edit_conflict" for p in self.problems)
