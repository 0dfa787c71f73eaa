"""One staff-file row (NEW or UPDATE) into a StaffRecordData, with the ASC-WDS cell rules (ASCWDS.md 3.3).

What is kept and what is read past:
- NINUMBER and POSTCODE (home postcode) are never read, stored or echoed back in a message.
- DOB becomes the birth year only; "Admin" keeps the birth year already held. A missing or impossible date of
  birth, or one giving an age outside 14 to 100 in the snapshot year, is a warning and is ignored.
- DISPLAYID (often a name) is not kept. Columns this service does not keep (citizenship, country of birth, year of
  entry, Level 2 certificate, DHA, NMC register, AMHP, Care Workforce Pathway, qualifications) are not checked.
- On UPDATE the row replaces the whole record: a blank cell means "not answered" (this is stated on purpose;
  ASC-WDS leaves it unclear).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from collection.ascwds.cells import Row, parse_date, to_decimal, warn, whole_number
from collection.ascwds.codelists import CODES, active_job_roles, describe, roles_needing_description
from collection.ascwds.problems import ERROR, WARNING, Severity
from collection.rules.records import StaffRecordData

HOURS_MAX = Decimal(75)
DONT_KNOW = "999"


@dataclass(frozen=True)
class Step:
    """One answer of a staff row: `run(row, context, *earlier answers named in uses)`, reading only the cells in
    `reads` (a problem may be put on another cell: its value is that cell's), so the answer and the problems it
    records are the same for every row with the same cells and earlier answers. `parse_staff` runs the steps on one
    row; `staff_columns` runs each once per distinct combination. Steps are kept small so that combinations stay few
    (the start date's year, not the date, is checked against the birth year)."""

    name: str
    reads: tuple[str, ...]
    run: Callable[..., Any]
    uses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    snapshot_date: date
    existing: StaffRecordData | None = None


def _code_step(name: str, column: str, list_name: str, text: str, *, severity: Severity = ERROR) -> Step:
    return Step(name, (column,), lambda row, c: row.code(column, allowed=CODES[list_name], describe=text, severity=severity))


YES_NO_TEXT = "1 (Yes), 2 (No) or 999 (Don't know)"
STEPS: tuple[Step, ...] = (
    Step("job_role", ("MAINJOBROLE",), lambda row, c: _job_role(row)),
    Step("contract_type", ("EMPLSTATUS",), lambda row, c: row.code("EMPLSTATUS", allowed=CODES["contract_types"], describe=describe("contract_types"), required=True)),
    _code_step("zero_hours", "ZEROHRCONT", "yes_no_dont_know", YES_NO_TEXT),
    Step("hours", ("CONTHOURS", "AVGHOURS", "ZEROHRCONT"), lambda row, c, contract, zero: _hours(row, contract=contract, zero_hours=zero), ("contract_type", "zero_hours")),
    Step("pay", ("SALARYINT", "SALARY", "HOURLYRATE"), lambda row, c, role: _pay(row, job_role=role), ("job_role",)),
    _code_step("nationality", "NATIONALITY", "nationality", "an ASC-WDS nationality code (826 British)"),
    Step("birth_year", ("DOB",), lambda row, c: _birth_year(row, snapshot_date=c.snapshot_date, existing=c.existing)),
    Step("start_date", ("STARTDATE",), lambda row, c: row.day("STARTDATE", severity=WARNING)),
    Step("start_date_year", (), lambda row, c, start: None if start is None else start.year, ("start_date",)),
    Step("start_year", (), lambda row, c, year, born: _start_year(row, year=year, birth_year=born), ("start_date_year", "birth_year")),
    Step("start_kept", (), lambda row, c, start, year: start if year is not None else None, ("start_date", "start_year")),
    Step("social", ("SCQUAL",), lambda row, c: _qualification(row, "SCQUAL", level_required=True)),
    Step("other", ("NONSCQUAL",), lambda row, c: _qualification(row, "NONSCQUAL", level_required=False)),
    Step("job_role_other", ("MAINJRDESC",), lambda row, c, role: _job_description(row, job_role=role), ("job_role",)),
    Step("gender", ("GENDER",), lambda row, c: row.code("GENDER", allowed=CODES["gender"], describe=describe("gender"))),
    _code_step("ethnicity", "ETHNICITY", "ethnicity", "an ethnicity code from 31 to 47, 98 or 99"),
    Step("disability", ("DISABLED",), lambda row, c: row.code("DISABLED", allowed=CODES["disability"], describe=describe("disability"))),
    Step("year_started_in_sector", ("STARTINSECT",), lambda row, c, start_year, born: _year_in_sector(row, start_year=start_year, birth_year=born, snapshot_date=c.snapshot_date), ("start_year", "birth_year")),
    _code_step("recruitment_source", "RECSOURCE", "recruitment_sources", "a recruitment source code (16 = don't know)"),
    Step("sickness_days", ("DAYSSICK",), lambda row, c: row.decimal("DAYSSICK", low=Decimal(0), high=Decimal(366), severity=WARNING, half_steps=True, dont_know=DONT_KNOW)),
    Step("care_certificate", ("CARECERT",), lambda row, c: row.code("CARECERT", allowed=CODES["care_certificate"], describe=describe("care_certificate"))),
    _code_step("apprenticeship", "APPRENTICE", "yes_no_dont_know", YES_NO_TEXT, severity=WARNING),
    Step("health_care_visa", ("HANDCVISA",), lambda row, c, nationality: _visa(row, nationality=nationality), ("nationality",)),
    _code_step("country_of_birth", "COUNTRYOFBIRTH", "country_of_birth", "an ISO country code (826 United Kingdom, 998 don't know)"),
)  # fmt: skip


def parse_staff(row: Row, *, snapshot_date: date, existing: StaffRecordData | None, local_ref: str) -> StaffRecordData:
    """Build the staff record a NEW or UPDATE row describes, recording each cell problem on the row."""
    context = Context(snapshot_date=snapshot_date, existing=existing)
    answers: dict[str, Any] = {}
    for step in STEPS:
        answers[step.name] = step.run(row, context, *(answers[name] for name in step.uses))
    return staff_record(local_ref, answers)


# StaffRecordData's fields after local_ref: (step, None) is the step's answer, (step, k) item k of it
RECORD_FIELDS: tuple[tuple[str, int | None], ...] = (
    ("job_role", None), ("job_role_other", None), ("contract_type", None), ("zero_hours", None), ("hours", 0),
    ("hours", 1), ("pay", 0), ("pay", 1), ("gender", None), ("ethnicity", None), ("nationality", None),
    ("disability", None), ("birth_year", None), ("start_kept", None), ("year_started_in_sector", None),
    ("recruitment_source", None), ("sickness_days", None), ("care_certificate", None), ("social", 0), ("social", 1),
    ("other", 0), ("other", 1), ("apprenticeship", None), ("health_care_visa", None), ("country_of_birth", None),
)  # fmt: skip


def staff_record(local_ref: str, answers: dict[str, Any]) -> StaffRecordData:
    """The record from the steps' answers."""
    return StaffRecordData(local_ref, *(answers[s] if k is None else answers[s][k] for s, k in RECORD_FIELDS))


def _start_year(row: Row, *, year: int | None, birth_year: int | None) -> int | None:
    """The year of STARTDATE, or None when there is none or it is before the worker was 14 (then ignored)."""
    if year is None:
        return None
    if birth_year is not None and year - birth_year < 14:
        warn(row, "STARTDATE", "startdate_too_young", "STARTDATE is before the worker was 14. It has been ignored.")
        return None
    return year


def _job_role(row: Row) -> str | None:
    value = row.get("MAINJOBROLE")
    if value and value in CODES["job_roles"] and value not in active_job_roles():
        row.add(
            "MAINJOBROLE",
            "mainjobrole_retired",
            "MAINJOBROLE is a job role code ASC-WDS no longer uses. Choose a current job role.",
        )
        return None
    return row.code(
        "MAINJOBROLE", allowed=active_job_roles(), describe="a current ASC-WDS job role code", required=True
    )


def _job_description(row: Row, *, job_role: str | None) -> str:
    """MAINJRDESC is required for the "other" job roles (under 120 characters) and ignored for any other role."""
    value = row.get("MAINJRDESC")
    if job_role in roles_needing_description():
        if not value:
            row.add(
                "MAINJRDESC", "mainjrdesc_missing", "MAINJRDESC is required for an 'other' job role. Describe the job."
            )
        elif len(value) >= 120:
            row.add("MAINJRDESC", "mainjrdesc_too_long", "MAINJRDESC must be under 120 characters. Shorten it.")
            return ""
        return value
    if value and job_role is not None:
        warn(
            row,
            "MAINJRDESC",
            "mainjrdesc_ignored",
            "MAINJRDESC is only used for the 'other' job roles (23 and 27). It has been ignored.",
        )
    return ""


def _hours(row: Row, *, contract: str | None, zero_hours: str | None) -> tuple[Decimal | None, Decimal | None]:
    """Contracted hours are for permanent/temporary staff not on zero hours; average hours for the others.
    Hours are 0 to 75 in steps of 0.5 (999 = don't know). Contracted hours above 0 with zero hours Yes or Don't
    know is an error; with zero hours blank it is a warning."""
    contracted = row.decimal(
        "CONTHOURS", low=Decimal(0), high=HOURS_MAX, severity=WARNING, half_steps=True, dont_know=DONT_KNOW
    )
    average = row.decimal(
        "AVGHOURS", low=Decimal(0), high=HOURS_MAX, severity=WARNING, half_steps=True, dont_know=DONT_KNOW
    )
    if contracted is not None and contracted > 0:
        if zero_hours in ("1", DONT_KNOW):
            row.add(
                "ZEROHRCONT",
                "zero_hours_with_contracted_hours",
                "ZEROHRCONT says zero hours (or don't know) but CONTHOURS gives contracted hours. Correct one of them.",
            )
            return None, average
        if zero_hours is None and not row.get("ZEROHRCONT"):
            warn(
                row,
                "ZEROHRCONT",
                "zero_hours_missing",
                "ZEROHRCONT is blank but CONTHOURS gives contracted hours. Enter 2 (No) if this is not a zero-hours contract.",
            )
    elif contracted == 0 and zero_hours == "2":
        warn(
            row,
            "CONTHOURS",
            "contracted_hours_zero",
            "CONTHOURS is 0 but ZEROHRCONT says this is not a zero-hours contract. Check the hours.",
        )
    if contracted is not None and (zero_hours == "1" or contract in ("3", "4", "7")):
        warn(
            row,
            "CONTHOURS",
            "contracted_hours_ignored",
            "CONTHOURS is only for permanent or temporary staff not on zero hours. It has been ignored; use AVGHOURS.",
        )
        contracted = None
    if average is not None and contract in ("1", "2") and zero_hours != "1":
        warn(
            row,
            "AVGHOURS",
            "average_hours_ignored",
            "AVGHOURS is only for bank, agency, other or zero-hours staff. It has been ignored; use CONTHOURS.",
        )
        average = None
    return contracted, average


def _pay(row: Row, *, job_role: str | None) -> tuple[str | None, Decimal | None]:
    """SALARYINT 1 needs SALARY (whole pounds 500 to 200,000, or 250,000 for senior management); 3 needs HOURLYRATE;
    a rate in the other column is a mismatch (error); a rate with 999 (don't know) is ignored (warning)."""
    interval = row.code(
        "SALARYINT", allowed=CODES["salary_interval"], describe="1 (Annually), 3 (Hourly) or 999 (Don't know)"
    )
    salary, hourly = row.get("SALARY"), row.get("HOURLYRATE")
    if interval is None:
        if (salary or hourly) and not row.get("SALARYINT"):
            row.add(
                "SALARYINT",
                "salaryint_missing",
                "SALARYINT is blank but a pay rate is given. Enter 1 (Annually) or 3 (Hourly).",
            )
        return None, None
    if interval == DONT_KNOW:
        for column, value in (("SALARY", salary), ("HOURLYRATE", hourly)):
            if value:
                warn(
                    row, column, "pay_ignored_dont_know", f"{column} is ignored because SALARYINT is 999 (Don't know)."
                )
        return interval, None
    wanted, other = ("SALARY", "HOURLYRATE") if interval == "1" else ("HOURLYRATE", "SALARY")
    if row.get(other):
        row.add(
            other,
            "pay_interval_mismatch",
            f"{other} is given but SALARYINT says pay is {'annual' if interval == '1' else 'hourly'}. Put the rate in {wanted} or change SALARYINT.",
        )
    value = row.get(wanted)
    if not value:
        return interval, None
    if interval == "1":
        top = 250_000 if job_role == "1" else 200_000
        amount = whole_number(value.lstrip("£").replace(",", ""))
        if amount is None or not 500 <= amount <= top:
            row.add("SALARY", "salary_invalid", f"SALARY must be whole pounds a year from 500 to {top:,}.")
            return interval, None
        return interval, Decimal(amount)
    rate = to_decimal(value)
    if rate is None or rate < 0 or rate != rate.quantize(Decimal("0.01")):
        row.add(
            "HOURLYRATE",
            "hourlyrate_invalid",
            "HOURLYRATE must be pounds an hour with up to 2 decimal places, for example 12.60.",
        )
        return interval, None
    return interval, rate


def _birth_year(row: Row, *, snapshot_date: date, existing: StaffRecordData | None) -> int | None:
    value = row.get("DOB")
    if value.upper() == "ADMIN":
        return existing.birth_year if existing else None
    if not value:
        warn(
            row,
            "DOB",
            "dob_missing",
            "DOB (date of birth) is blank. Only the birth year is kept; enter the date if you can.",
        )
        return None
    born = parse_date(value)
    if born is None:
        warn(row, "DOB", "dob_invalid", "DOB must be a date written DD/MM/YYYY. It has been ignored.", value="")
        return None
    if not 14 <= snapshot_date.year - born.year <= 100:
        warn(row, "DOB", "dob_out_of_range", "DOB gives an age outside 14 to 100. It has been ignored.", value="")
        return None
    return born.year


def _year_in_sector(row: Row, *, start_year: int | None, birth_year: int | None, snapshot_date: date) -> int | None:
    value = row.get("STARTINSECT")
    if not value or value == DONT_KNOW:
        return None
    year = whole_number(value)
    message = ""
    if year is None or not snapshot_date.year - 100 <= year <= snapshot_date.year:
        message = "STARTINSECT must be a year (YYYY) or 999 for don't know. It has been ignored."
    elif start_year is not None and year > start_year:
        message = "STARTINSECT is after the year of STARTDATE. It has been ignored."
    elif birth_year is not None and year - birth_year < 14:
        message = "STARTINSECT is before the worker was 14. It has been ignored."
    if message:
        warn(row, "STARTINSECT", "startinsect_invalid", message)
        return None
    return year


def _qualification(row: Row, column: str, *, level_required: bool) -> tuple[str | None, str | None]:
    """`1;level`, `2` or `999`. SCQUAL: blank is a warning and `1` without a level an error. NONSCQUAL: a missing
    level reads as 999 (don't know). An unknown level is a warning (level ignored)."""
    value = row.get(column)
    stem = column.lower()
    if not value:
        if level_required:
            warn(row, column, f"{stem}_missing", f"{column} is blank. Enter 1;level, 2 (No) or 999 (Don't know).")
        return None, None
    parts = [p.strip() for p in value.split(";")]
    answer = parts[0]
    if answer not in CODES["yes_no_dont_know"] or len(parts) > 2 or (answer != "1" and len(parts) == 2):
        row.add(column, f"{stem}_invalid", f"{column} must be 1;level (for example 1;3), 2 (No) or 999 (Don't know).")
        return None, None
    if answer != "1":
        return answer, None
    if len(parts) == 1 or not parts[1]:
        if level_required:
            row.add(
                column,
                f"{stem}_level_missing",
                f"{column} is 1 (Yes) without a level. Write it as 1;level, for example 1;3.",
            )
            return None, None
        return answer, DONT_KNOW
    level = parts[1]
    if level not in CODES["qualification_levels"]:
        warn(
            row,
            column,
            f"{stem}_level_invalid",
            f"The level in {column} must be 0 to 8 or 999 (Don't know). The level has been ignored.",
        )
        return answer, None
    return answer, level


def _visa(row: Row, *, nationality: str | None) -> str | None:
    visa = row.code(
        "HANDCVISA", allowed=CODES["yes_no_dont_know"], describe="1 (Yes), 2 (No) or 999 (Don't know)", severity=WARNING
    )
    if visa is not None and nationality == "826":
        warn(
            row,
            "HANDCVISA",
            "handcvisa_ignored",
            "HANDCVISA is only for workers who are not British. It has been ignored.",
        )
        return None
    return visa
