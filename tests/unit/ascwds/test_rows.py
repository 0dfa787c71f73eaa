"""One generated file per rule: a valid synthetic upload with one cell changed gives that rule's problem."""

import pytest

from collection.ascwds.rulemap import no_rules
from tests.unit.ascwds.helpers import check, found, valid_files, with_cells

WP, ST = valid_files()

# (file, line, cells to set, column reported, code, severity)
CASES = [
    ("workplace", 2, {"ESTNAME": ""}, "ESTNAME", "estname_missing", "error"),
    ("workplace", 2, {"ESTNAME": "x" * 121}, "ESTNAME", "estname_too_long", "error"),
    ("workplace", 2, {"LOCALESTID": ""}, "LOCALESTID", "localestid_missing", "error"),
    ("workplace", 3, {"LOCALESTID": "WP00700001"}, "LOCALESTID", "localestid_duplicate", "error"),
    ("workplace", 2, {"STATUS": "CHANGE"}, "STATUS", "status_invalid", "error"),
    ("workplace", 2, {"STATUS": "UPDATE"}, "STATUS", "status_not_found", "error"),
    ("workplace", 2, {"POSTCODE": "NOT A CODE"}, "POSTCODE", "postcode_invalid", "error"),
    ("workplace", 2, {"ESTTYPE": "2"}, "ESTTYPE", "esttype_invalid", "error"),
    ("workplace", 2, {"REGTYPE": "0", "LOCATIONID": ""}, "REGTYPE", "regtype_mismatch", "error"),
    ("workplace", 2, {"LOCATIONID": "12345"}, "LOCATIONID", "locationid_invalid", "error"),
    ("workplace", 2, {"LOCATIONID": ""}, "LOCATIONID", "locationid_missing", "error"),
    ("workplace", 3, {"LOCATIONID": "1-0070000001"}, "LOCATIONID", "locationid_duplicate", "error"),
    ("workplace", 2, {"MAINSERVICE": "999"}, "MAINSERVICE", "mainservice_invalid", "error"),
    ("workplace", 2, {"ALLSERVICES": "8"}, "ALLSERVICES", "allservices_missing_main", "error"),
    ("workplace", 2, {"CAPACITY": "10;20"}, "CAPACITY", "capacity_count", "error"),
    ("workplace", 2, {"CAPACITY": "ten"}, "CAPACITY", "capacity_invalid", "error"),
    ("workplace", 2, {"SERVICEUSERS": "1;4;999"}, "SERVICEUSERS", "serviceusers_invalid", "warning"),
    ("workplace", 2, {"TOTALPERMTEMP": "1000"}, "TOTALPERMTEMP", "totalpermtemp_invalid", "error"),
    ("workplace", 2, {"TOTALPERMTEMP": "4"}, "TOTALPERMTEMP", "totalpermtemp_staff_mismatch", "warning"),
    (
        "workplace",
        2,
        {"ALLJOBROLES": "", "STARTERS": "1", "LEAVERS": "", "VACANCIES": "", "REASONS": "", "REASONNOS": ""},
        "ALLJOBROLES",
        "alljobroles_missing",
        "error",
    ),
    ("workplace", 2, {"ALLJOBROLES": "8;7", "STARTERS": "1"}, "STARTERS", "starters_count", "error"),
    (
        "workplace",
        2,
        {"ALLJOBROLES": "8", "LEAVERS": "2", "REASONS": "1", "REASONNOS": "1"},
        "REASONNOS",
        "reasons_total_mismatch",
        "error",
    ),
    (
        "workplace",
        2,
        {"ALLJOBROLES": "8", "LEAVERS": "2", "REASONS": "1;6", "REASONNOS": "2"},
        "REASONNOS",
        "reasonnos_count",
        "error",
    ),
    (
        "workplace",
        2,
        {"ALLJOBROLES": "8", "LEAVERS": "2", "REASONS": "1;77", "REASONNOS": "1;1"},
        "REASONS",
        "reasons_invalid",
        "error",
    ),
    ("workplace", 2, {"SICKPAY": "maybe"}, "SICKPAY", "sickpay_invalid", "warning"),
    ("workplace", 2, {"PENSION": "0", "ACTUALCONT": "5"}, "ACTUALCONT", "actualcont_ignored", "warning"),
    ("workplace", 2, {"HOLIDAY": "28 days"}, "HOLIDAY", "holiday_invalid", "warning"),
    ("workplace", 2, {"TRAVELTIME": "1"}, "TRAVELTIME", "traveltime_ignored", "warning"),
    ("staff", 2, {"LOCALESTID": "NOWHERE"}, "LOCALESTID", "staff_workplace_not_in_file", "error"),
    ("staff", 3, {"UNIQUEWORKERID": "WP00700001-S00001"}, "UNIQUEWORKERID", "uniqueworkerid_duplicate", "error"),
    ("staff", 2, {"UNIQUEWORKERID": "x" * 50}, "UNIQUEWORKERID", "uniqueworkerid_too_long", "error"),
    ("staff", 2, {"STATUS": "DELETE"}, "STATUS", "status_not_found", "error"),
    ("staff", 2, {"GENDER": "7"}, "GENDER", "gender_invalid", "error"),
    ("staff", 2, {"ETHNICITY": "12"}, "ETHNICITY", "ethnicity_invalid", "error"),
    ("staff", 2, {"NATIONALITY": "abc"}, "NATIONALITY", "nationality_invalid", "error"),
    ("staff", 2, {"DISABLED": "9"}, "DISABLED", "disabled_invalid", "error"),
    ("staff", 2, {"CARECERT": "4"}, "CARECERT", "carecert_invalid", "error"),
    ("staff", 2, {"RECSOURCE": "3"}, "RECSOURCE", "recsource_invalid", "error"),
    ("staff", 2, {"EMPLSTATUS": ""}, "EMPLSTATUS", "emplstatus_missing", "error"),
    ("staff", 2, {"EMPLSTATUS": "5"}, "EMPLSTATUS", "emplstatus_invalid", "error"),
    ("staff", 2, {"ZEROHRCONT": "1"}, "ZEROHRCONT", "zero_hours_with_contracted_hours", "error"),
    ("staff", 2, {"ZEROHRCONT": "999"}, "ZEROHRCONT", "zero_hours_with_contracted_hours", "error"),
    ("staff", 2, {"ZEROHRCONT": ""}, "ZEROHRCONT", "zero_hours_missing", "warning"),
    ("staff", 2, {"CONTHOURS": "80"}, "CONTHOURS", "conthours_invalid", "warning"),
    ("staff", 2, {"CONTHOURS": "37.2"}, "CONTHOURS", "conthours_invalid", "warning"),
    ("staff", 2, {"AVGHOURS": "20"}, "AVGHOURS", "average_hours_ignored", "warning"),
    ("staff", 2, {"DAYSSICK": "400"}, "DAYSSICK", "dayssick_invalid", "warning"),
    ("staff", 2, {"SALARYINT": "2"}, "SALARYINT", "salaryint_invalid", "error"),
    (
        "staff",
        2,
        {"SALARYINT": "1", "SALARY": "", "HOURLYRATE": "12.50"},
        "HOURLYRATE",
        "pay_interval_mismatch",
        "error",
    ),
    ("staff", 2, {"SALARYINT": "3", "SALARY": "25000", "HOURLYRATE": ""}, "SALARY", "pay_interval_mismatch", "error"),
    ("staff", 2, {"SALARYINT": "1", "SALARY": "300000", "HOURLYRATE": ""}, "SALARY", "salary_invalid", "error"),
    (
        "staff",
        2,
        {"SALARYINT": "999", "SALARY": "25000", "HOURLYRATE": ""},
        "SALARY",
        "pay_ignored_dont_know",
        "warning",
    ),
    ("staff", 2, {"SALARYINT": "", "SALARY": "25000", "HOURLYRATE": ""}, "SALARYINT", "salaryint_missing", "error"),
    ("staff", 2, {"MAINJOBROLE": ""}, "MAINJOBROLE", "mainjobrole_missing", "error"),
    ("staff", 2, {"MAINJOBROLE": "99"}, "MAINJOBROLE", "mainjobrole_invalid", "error"),
    ("staff", 2, {"MAINJOBROLE": "22"}, "MAINJOBROLE", "mainjobrole_retired", "error"),
    ("staff", 2, {"MAINJOBROLE": "23", "MAINJRDESC": ""}, "MAINJRDESC", "mainjrdesc_missing", "error"),
    ("staff", 2, {"MAINJRDESC": "Chef"}, "MAINJRDESC", "mainjrdesc_ignored", "warning"),
    ("staff", 2, {"DOB": "31/02/1980"}, "DOB", "dob_invalid", "warning"),
    ("staff", 2, {"DOB": "01/01/2020"}, "DOB", "dob_out_of_range", "warning"),
    ("staff", 2, {"STARTDATE": "2020-01-01"}, "STARTDATE", "startdate_invalid", "warning"),
    ("staff", 2, {"STARTINSECT": "1800"}, "STARTINSECT", "startinsect_invalid", "warning"),
    ("staff", 2, {"SCQUAL": "1"}, "SCQUAL", "scqual_level_missing", "error"),
    ("staff", 2, {"SCQUAL": "yes"}, "SCQUAL", "scqual_invalid", "error"),
    ("staff", 2, {"SCQUAL": "1;12"}, "SCQUAL", "scqual_level_invalid", "warning"),
    ("staff", 2, {"SCQUAL": ""}, "SCQUAL", "scqual_missing", "warning"),
    ("staff", 2, {"NONSCQUAL": "4"}, "NONSCQUAL", "nonscqual_invalid", "error"),
    ("staff", 2, {"APPRENTICE": "3"}, "APPRENTICE", "apprentice_invalid", "warning"),
    ("staff", 2, {"TRANSFERSTAFFRECORD": "X"}, "TRANSFERSTAFFRECORD", "transfer_not_supported", "error"),
]


def _upload(file, line, cells):
    if file == "workplace":
        return with_cells(WP, line, **cells), ST
    if "TRANSFERSTAFFRECORD" in cells:
        from tests.unit.ascwds.helpers import rows_of, to_csv

        rows = rows_of(ST)
        rows = [r[:2] + ["TRANSFERSTAFFRECORD" if i == 0 else ""] + r[2:] for i, r in enumerate(rows)]
        return WP, with_cells(to_csv(rows), line, **cells)
    return WP, with_cells(ST, line, **cells)


def test_the_unchanged_synthetic_files_have_no_problems():
    result = check(WP, ST)
    assert result.status == "passed", result.problems


@pytest.mark.parametrize(
    ("file", "line", "cells", "column", "code", "severity"),
    CASES,
    ids=[f"{c[0]}-{c[4]}-{i}" for i, c in enumerate(CASES)],
)
def test_each_rule_is_reported_at_its_file_line_and_column(file, line, cells, column, code, severity):
    workplace, staff = _upload(file, line, cells)
    result = check(workplace, staff, rules=no_rules())
    assert (file, line, column, code) in found(result), result.problems
    problem = next(p for p in result.problems if (p.file, p.line, p.column, p.code) == (file, line, column, code))
    assert problem.severity == severity
    assert result.status == ("failed" if severity == "error" else result.status)
    assert problem.message and problem.message[0].isupper()


def test_registered_manager_needs_a_cqc_workplace():
    workplace = with_cells(WP, 2, REGTYPE="0", LOCATIONID="", MAINSERVICE="6", ALLSERVICES="6")
    result = check(workplace, ST, rules=no_rules())
    assert ("staff", 2, "MAINJOBROLE", "registered_manager_not_cqc") in found(result)


def test_cqc_workplace_without_registered_manager_or_vacancy_is_warned():
    result = check(WP, with_cells(ST, 2, MAINJOBROLE="8"), rules=no_rules())
    assert ("workplace", 2, "VACANCIES", "no_registered_manager") in found(result)


def test_ni_number_postcode_and_date_of_birth_are_never_echoed():
    staff = with_cells(ST, 2, NINUMBER="AB123456C", POSTCODE="ZZ", DOB="31/02/1980")
    result = check(WP, staff)
    text = repr(result.to_json())
    assert "AB123456C" not in text and "31/02/1980" not in text


def test_shared_rules_are_called_and_put_on_columns():
    from dataclasses import dataclass

    from collection.ascwds.rulemap import RuleSet

    @dataclass
    class FakeIssue:
        code: str
        field: str
        message: str
        severity: str

    rules = RuleSet(
        staff=lambda record, **_: [FakeIssue("pay_low", "pay_rate", "Pay is low.", "warning")],
        section=lambda section, **_: [FakeIssue("few", "job_roles[0].leavers", "Few.", "error")],
        workplace=lambda workplace: [FakeIssue("nm", "name", "Name odd.", "warning")],
    )
    result = check(WP, ST, rules=rules)
    columns = {(p.file, p.code, p.column) for p in result.problems}
    assert ("workplace", "nm", "ESTNAME") in columns
    assert ("workplace", "few", "ALLJOBROLES") in columns
    assert {c for f, code, c in columns if code == "pay_low"} <= {"SALARY", "HOURLYRATE"}
