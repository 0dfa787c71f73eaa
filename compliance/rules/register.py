"""A council's contracts register as a CSV file: read and checked row by row, with every problem named by line,
column and value. Pure: the caller passes what exists (organisations, workplaces, officers) as plain mappings and
saves nothing unless there are no problems at all.

Columns (a header row names them, in any order, any case):

    reference, organisation, workplaces, starts_on, ends_on, officer_email,
    annual_return, threshold, key_fields, due_rule, due_months, due_days, survey

`organisation` is the organisation's service ID or CQC provider ID; `workplaces` is a list of the organisation's
own workplace references separated by semicolons (empty: every workplace); `annual_return` and `survey` are yes
or no (an annual return is required unless it says no; a survey only when it says yes, due as the return is); `due_rule` is `round`
(empty too), `anniversary` (with `due_months`) or `after window` (with `due_days`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from compliance.rules.due import DueRule

MAX_BYTES = 1_000_000
MAX_ROWS = 5000
COLUMNS = (
    "reference", "organisation", "workplaces", "starts_on", "ends_on", "officer_email", "annual_return",
    "threshold", "key_fields", "due_rule", "due_months", "due_days", "survey",
)  # fmt: skip
REQUIRED_COLUMNS = ("reference", "organisation", "starts_on")
DUE_RULES = {"": DueRule.ROUND_DUE_DATE, "round": DueRule.ROUND_DUE_DATE, "anniversary": DueRule.CONTRACT_ANNIVERSARY,
             "after window": DueRule.DAYS_AFTER_WINDOW}  # fmt: skip
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
MAX_DUE_MONTHS, MAX_DUE_DAYS = 12, 365


@dataclass(frozen=True)
class Problem:
    line: int  # the file's line number (the header is line 1)
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"Line {self.line}" + (f", column ‘{self.column}’" if self.column else "")
        shown = f" (‘{self.value}’)" if self.value else ""
        return f"{where}{shown}: {self.message}"


@dataclass(frozen=True)
class RequirementRow:
    kind: str  # annual_return or survey_distributed
    completeness_threshold: int = 90
    key_fields: tuple[str, ...] = ()
    due_rule: str = DueRule.ROUND_DUE_DATE
    due_months: int | None = None
    due_days: int | None = None


@dataclass(frozen=True)
class ContractRow:
    line: int
    reference: str
    organisation_id: int
    workplace_ids: tuple[int, ...]
    starts_on: date
    ends_on: date | None
    officer_id: int | None
    requirements: tuple[RequirementRow, ...]


@dataclass
class RegisterResult:
    rows: list[ContractRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """2026-04-01 or 1/4/2026 (day first, as in the UK); None for anything else, or a day that does not exist."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    uk = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        return None
    return None


def _whole(text: str, *, low: int, high: int) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,4}", text) and low <= int(text) <= high else None


class _Row:
    """One data row being checked: collects its problems."""

    def __init__(self, line: int, values: Mapping[str, str], problems: list[Problem]):
        self.line, self.values, self.problems = line, values, problems

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.line, column, self.get(column)[:100], message))

    def yes_no(self, column: str, *, default: bool) -> bool:
        text = self.get(column).lower()
        if not text:
            return default
        if text in YES | NO:
            return text in YES
        self.problem(column, "Enter yes or no")
        return default


def parse_register(
    text: str,
    *,
    organisations: Mapping[str, int],
    workplaces: Mapping[int, Mapping[str, int]],
    officers: Mapping[str, int],
    key_fields: Mapping[str, str],
) -> RegisterResult:
    """Check a contracts register. `organisations` maps a lower-case service ID or CQC provider ID to an
    organisation id; `workplaces` maps an organisation id to its workplace references (lower case) and ids;
    `officers` maps a lower-case email to the id of one of the council's contract officers; `key_fields` maps a
    lower-case staff field name or label to its field name."""
    result = RegisterResult()
    problems = result.problems
    if len(text.encode("utf-8")) > MAX_BYTES:
        problems.append(Problem(0, "", "", f"The file is larger than {MAX_BYTES // 1_000_000} MB: split it"))
        return result
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [name.strip().lower().replace(" ", "_") for name in next(reader)]
    except (StopIteration, csv.Error):
        problems.append(Problem(1, "", "", "The file is empty: it needs a header row and a row for each contract"))
        return result
    unknown = [name for name in header if name and name not in COLUMNS]
    for name in unknown:
        problems.append(Problem(1, name, name, "Unknown column: the columns are " + ", ".join(COLUMNS)))
    for name in REQUIRED_COLUMNS:
        if name not in header:
            problems.append(Problem(1, name, "", f"The header row has no ‘{name}’ column"))
    if problems:
        return result
    seen: dict[str, int] = {}
    try:
        for index, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if index - 1 > MAX_ROWS:
                problems.append(Problem(index, "", "", f"More than {MAX_ROWS} contracts: split the file"))
                break
            if len(cells) > len(header):
                problems.append(Problem(index, "", "", f"{len(cells)} values but the header names {len(header)}"))
                continue
            row = _Row(index, dict(zip(header, cells, strict=False)), problems)
            found = _contract(row, organisations, workplaces, officers, key_fields, seen)
            if found is not None:
                result.rows.append(found)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", "", f"The file is not readable as CSV: {error}"))
    if not result.rows and not problems:
        problems.append(Problem(2, "", "", "The file has a header row but no contracts"))
    return result


def _contract(row: _Row, organisations, workplaces, officers, key_fields, seen) -> ContractRow | None:
    before = len(row.problems)
    reference = row.get("reference")
    if not reference:
        row.problem("reference", "Enter the contract reference")
    elif len(reference) > 60:
        row.problem("reference", "The contract reference must be 60 characters or fewer")
    elif reference.lower() in seen:
        row.problem("reference", f"The same reference is on line {seen[reference.lower()]}")
    else:
        seen[reference.lower()] = row.line
    organisation_id = organisations.get(row.get("organisation").lower())
    if not row.get("organisation"):
        row.problem("organisation", "Enter the organisation's service ID or CQC provider ID")
    elif organisation_id is None:
        row.problem("organisation", "No organisation has this service ID or CQC provider ID")
    workplace_ids: list[int] = []
    if organisation_id is not None:
        places = workplaces.get(organisation_id, {})
        for ref in filter(None, (part.strip() for part in row.get("workplaces").split(";"))):
            if ref.lower() in places:
                workplace_ids.append(places[ref.lower()])
            else:
                row.problems.append(Problem(row.line, "workplaces", ref[:100],
                                            "The organisation has no workplace with this reference"))  # fmt: skip
    starts_on = parse_date(row.get("starts_on"))
    if not row.get("starts_on"):
        row.problem("starts_on", "Enter the date the contract starts")
    elif starts_on is None:
        row.problem("starts_on", "Enter a real date, like 2026-04-01 or 1/4/2026")
    ends_on = parse_date(row.get("ends_on")) if row.get("ends_on") else None
    if row.get("ends_on") and ends_on is None:
        row.problem("ends_on", "Enter a real date, like 2027-03-31 or 31/3/2027")
    elif ends_on and starts_on and ends_on < starts_on:
        row.problem("ends_on", "The end date must be on or after the start date")
    officer_id = None
    if row.get("officer_email"):
        officer_id = officers.get(row.get("officer_email").lower())
        if officer_id is None:
            row.problem("officer_email", "No contract officer of the council has this email address")
    requirements = []
    if row.yes_no("annual_return", default=True):
        requirements.append(_annual_return(row, key_fields))
    if row.yes_no("survey", default=False):
        annual = requirements[0] if requirements else RequirementRow(kind="annual_return")
        requirements.append(RequirementRow(kind="survey_distributed", due_rule=annual.due_rule,
                                           due_months=annual.due_months, due_days=annual.due_days))  # fmt: skip
    if not requirements:
        row.problem("annual_return", "A contract needs a requirement: an annual return, a survey or both")
    if len(row.problems) > before:
        return None
    return ContractRow(row.line, reference, organisation_id, tuple(workplace_ids), starts_on, ends_on, officer_id,
                       tuple(requirements))  # fmt: skip


def _annual_return(row: _Row, key_fields: Mapping[str, str]) -> RequirementRow:
    threshold = 90
    if row.get("threshold"):
        found = _whole(row.get("threshold").rstrip("%").strip(), low=0, high=100)
        if found is None:
            row.problem("threshold", "Enter a whole percentage from 0 to 100")
        else:
            threshold = found
    fields = []
    for name in filter(None, (part.strip() for part in row.get("key_fields").split(";"))):
        if name.lower() in key_fields:
            fields.append(key_fields[name.lower()])
        else:
            row.problems.append(Problem(row.line, "key_fields", name[:100], "Not a staff record field"))
    rule = DUE_RULES.get(row.get("due_rule").lower())
    months = days = None
    if rule is None:
        row.problem("due_rule", "Enter round, anniversary or after window")
        rule = DueRule.ROUND_DUE_DATE
    elif rule == DueRule.CONTRACT_ANNIVERSARY:
        months = _whole(row.get("due_months"), low=0, high=MAX_DUE_MONTHS)
        if months is None:
            row.problem("due_months", f"Enter the months after the anniversary, from 0 to {MAX_DUE_MONTHS}")
    elif rule == DueRule.DAYS_AFTER_WINDOW:
        days = _whole(row.get("due_days"), low=0, high=MAX_DUE_DAYS)
        if days is None:
            row.problem("due_days", f"Enter the days after the window opens, from 0 to {MAX_DUE_DAYS}")
    return RequirementRow(kind="annual_return", completeness_threshold=threshold, key_fields=tuple(fields),
                          due_rule=rule, due_months=months, due_days=days)  # fmt: skip
