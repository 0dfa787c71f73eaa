"""The one shape every validation rule reports in.

An `Issue` ties a plain-English message to the field it is about, so the web form can show it in the GOV.UK error
summary and next to the field, the bulk upload can put it on a line and column, and the API can return it as JSON.
Errors block saving or submitting; warnings ask "are you sure" and can be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from collection.rules.codes import ALL_CODES

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    code: str  # stable snake_case code, one of ALL_CODES
    field: str  # the record field it belongs to ("" = the whole record)
    message: str  # plain English, names the value where useful
    severity: str  # ERROR (blocks) or WARNING (asks "are you sure")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def error(code: str, field: str, message: str) -> Issue:
    """An issue that blocks: the answer cannot be kept as it is."""
    return _issue(code=code, field=field, message=message, severity=ERROR)


def warning(code: str, field: str, message: str) -> Issue:
    """An issue the user may accept after checking it."""
    return _issue(code=code, field=field, message=message, severity=WARNING)


def _issue(*, code: str, field: str, message: str, severity: str) -> Issue:
    if code not in ALL_CODES:
        raise ValueError(f"Unregistered issue code {code!r}: add it to collection/rules/codes.py")
    return Issue(code=code, field=field, message=message, severity=severity)


def errors_only(issues: Iterable[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity == ERROR]


def warnings_only(issues: Iterable[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity == WARNING]
