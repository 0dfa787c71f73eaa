"""STATUS semantics, the plan, missing staff, the round trip and the report."""

import io
from dataclasses import replace

import openpyxl

from collection.ascwds import ExistingData, export_files, grouped, report_xlsx
from collection.ascwds.synthetic import synthetic_data
from tests.unit.ascwds.helpers import check, found, rows_of, to_csv, with_cells

DATA = synthetic_data(workplaces=2, staff=6, seed=7)
WP_KEY = "WP00700001"


def _download(status="UNCHECKED", data=DATA):
    return export_files(workplaces=data.workplaces, staff=data.staff, status=status)


def test_round_trip_of_a_download_reports_no_changes_and_no_errors():
    for status in ("UNCHECKED", "NOCHANGE", "UPDATE"):
        workplace, staff = _download(status)
        result = check(workplace, staff, existing=DATA)
        assert result.errors == (), (status, result.errors)
        assert result.counts["workplaces"] == {"new": 0, "updated": 0, "unchanged": 2, "deleted": 0}
        assert result.counts["staff"] == {"new": 0, "updated": 0, "unchanged": 6, "deleted": 0}
        assert result.missing_staff == ()


def test_download_has_no_ni_number_postcode_or_full_date_of_birth():
    _, staff = _download()
    rows = rows_of(staff)
    header = rows[0]
    for row in rows[1:]:
        assert row[header.index("NINUMBER")] == "" and row[header.index("POSTCODE")] == ""
        assert row[header.index("DOB")].startswith("01/01/")
        assert row[header.index("STATUS")] == "UNCHECKED"


def test_update_with_a_changed_value_is_updated():
    workplace, staff = _download("UPDATE")
    result = check(workplace, with_cells(staff, 2, GENDER="4"), existing=DATA)
    assert result.counts["staff"]["updated"] == 1
    changed = next(p for p in result.staff if p.action == "updated")
    assert changed.record.gender == "4"


def test_unchecked_row_with_changes_keeps_what_is_held_and_warns():
    workplace, staff = _download("UNCHECKED")
    result = check(workplace, with_cells(staff, 2, GENDER="4"), existing=DATA)
    assert ("staff", 2, "STATUS", "status_unchecked_changes_ignored") in found(result)
    assert result.counts["staff"]["unchanged"] == 6


def test_new_must_not_exist():
    workplace, staff = _download("NEW")
    result = check(workplace, staff, existing=DATA)
    assert result.status == "failed"
    assert {p.code for p in result.errors} == {"status_new_exists"}


def test_staff_missing_from_the_file_are_listed_not_deleted():
    workplace, staff = _download()
    rows = rows_of(staff)
    result = check(workplace, to_csv(rows[:1] + rows[2:]), existing=DATA)
    assert result.missing_staff == ((WP_KEY, f"{WP_KEY}-S00001"),)
    assert result.counts["staff"]["deleted"] == 0


def test_delete_removes_the_staff_record():
    workplace, staff = _download()
    result = check(workplace, with_cells(staff, 2, STATUS="DELETE"), existing=DATA)
    assert result.counts["staff"]["deleted"] == 1
    assert result.errors == ()


def test_deleting_a_workplace_deletes_its_staff_and_refuses_rows_kept_there():
    workplace, staff = _download()
    deleted = with_cells(workplace, 2, STATUS="DELETE")
    result = check(deleted, staff, existing=DATA)
    assert {p.code for p in result.errors} == {"staff_workplace_deleted"}
    rows = rows_of(staff)
    only_other = to_csv(rows[:1] + [r for r in rows[1:] if r[0] != WP_KEY])
    result = check(deleted, only_other, existing=DATA)
    assert result.errors == ()
    assert result.counts["workplaces"]["deleted"] == 1
    assert result.counts["staff"]["deleted"] == 3


def test_rename_with_chguniquewrkid():
    workplace, staff = _download("UPDATE")
    rows = rows_of(staff)
    rows = [r[:2] + ["CHGUNIQUEWRKID" if i == 0 else ""] + r[2:] for i, r in enumerate(rows)]
    rows[1][2] = "NEWREF1"
    result = check(workplace, to_csv(rows), existing=DATA)
    assert result.errors == ()
    renamed = next(p for p in result.staff if p.previous_worker_id)
    assert (renamed.worker_id, renamed.action, renamed.record.local_ref) == ("NEWREF1", "updated", "NEWREF1")


def test_references_match_with_whitespace_removed():
    held = ExistingData(
        workplaces={f" {k} ": v for k, v in DATA.workplaces.items()},
        staff={(e, w.replace("-", " - ")): r for (e, w), r in DATA.staff.items()},
    )
    result = check(*_download(), existing=replace(held, staff=DATA.staff))
    assert result.errors == ()


def test_grouped_report_and_xlsx():
    workplace, staff = _download("UPDATE")
    staff = with_cells(with_cells(staff, 2, GENDER="7"), 3, GENDER="8")
    result = check(workplace, staff, existing=DATA)
    groups = grouped(result)
    gender = next(g for g in groups if g.code == "gender_invalid")
    assert [p.line for p in gender.problems] == [2, 3]
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(result)))
    assert book.sheetnames == ["Workplace", "Staff records"]
    sheet = book["Staff records"]
    header = [c.value for c in sheet[1]]
    assert header == ["Type", "Workplace reference", "Staff reference", "Column", "Line", "Value", "Message"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["ERROR", WP_KEY, f"{WP_KEY}-S00001", "GENDER", 2, "7"] == values[0][:6]


def test_report_never_writes_formulas():
    workplace, staff = _download("UPDATE")
    result = check(workplace, with_cells(staff, 2, GENDER='=HYPERLINK("x")'), existing=DATA)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(result)))
    cell = book["Staff records"]["F2"]
    assert cell.data_type == "s"
