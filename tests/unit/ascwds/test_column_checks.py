"""The upload checks NEW and UPDATE staff rows column by column (`StaffColumns`, `validate_staff_records`): each step
and each shared rule runs once per distinct combination of what it reads. These properties show it gives exactly
what checking each row alone gives (`parse_staff` then `validate_staff_record`): the same problems with the same
file, line, column, value and message, in the same order, the same "and N more like this" counts, and the same
records in the plan, for random rows mixing good and bad cells, repeated cells and different spellings of a value."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from collection.ascwds import read_upload, validate_upload
from collection.ascwds import staff_rows as staff_rows_module
from collection.ascwds import validate as validate_module
from collection.ascwds.cells import Row
from collection.ascwds.problems import ProblemLog
from collection.ascwds.rulemap import default_rules, no_rules
from collection.ascwds.staff import parse_staff
from collection.ascwds.synthetic import synthetic_data
from collection.rules import staff as staff_rules_module
from collection.rules.records import StaffRecordData, WorkplaceData
from collection.rules.staff import validate_staff_record, validate_staff_records
from tests.unit.ascwds.helpers import SNAPSHOT, rows_of, to_csv, valid_files

SEED = 7
WP, ST = valid_files(workplaces=2, staff=12, seed=SEED)
HELD = synthetic_data(workplaces=2, staff=12, seed=SEED)

CELLS: dict[str, list[str]] = {
    "STATUS": ["NEW", "UPDATE", "update", "NOCHANGE", "DELETE", "", "NEWISH"],
    "DOB": ["", "Admin", "ADMIN", "01/02/1980", "1/2/1980", "31/02/1980", "02/03/2015", "01/01/1900", "1980", "x"],
    "GENDER": ["", "1", "2", "3", "4", "5", "01", "1.0", "x"],
    "ETHNICITY": ["", "31", "47", "98", "99", "30", "31.0"],
    "NATIONALITY": ["", "826", "616", "998", "999", "12345"],
    "COUNTRYOFBIRTH": ["", "826", "616", "998", "x"],
    "DISABLED": ["", "0", "1", "2", "3", "9"],
    "CARECERT": ["", "1", "2", "3", "4"],
    "RECSOURCE": ["", "1", "16", "99"],
    "HANDCVISA": ["", "1", "2", "999", "3"],
    "STARTDATE": ["", "01/04/2020", "1/4/2020", "31/04/2020", "01/04/2030", "01/01/1985", "2020-04-01"],
    "STARTINSECT": ["", "999", "2019", "2021", "1990", "1900", "2030", "abc", "2019.0"],
    "APPRENTICE": ["", "1", "2", "999", "4"],
    "EMPLSTATUS": ["", "1", "2", "3", "4", "7", "5"],
    "ZEROHRCONT": ["", "1", "2", "999", "3"],
    "DAYSSICK": ["", "0", "3", "3.5", "3.50", "3.25", "367", "999", "-1", "x"],
    "SALARYINT": ["", "1", "3", "999", "2"],
    "SALARY": ["", "25000", "25,000", "£25000", "400", "210000", "25000.5", "x"],
    "HOURLYRATE": ["", "12.60", "12.6", "9.00", "12.601", "250", "-1", "x"],
    "MAINJOBROLE": ["", "1", "4", "6", "8", "16", "23", "27", "2", "99"],
    "MAINJRDESC": ["", "Cook", "x" * 130],
    "CONTHOURS": ["", "0", "37.5", "37.50", "40", "50", "37.25", "80", "999"],
    "AVGHOURS": ["", "0", "12", "12.0", "60", "12.25", "999"],
    "SCQUAL": ["", "1", "1;3", "1;9", "2", "999", "1;3;4", "2;3", "x"],
    "NONSCQUAL": ["", "1", "1;2", "1;", "2", "999", "x"],
    "UNIQUEWORKERID": ["QQ123456C", "  ", "x" * 60],
}


def _check(staff: bytes, *, one_by_one: bool, rules, per_code: int):
    files = read_upload([("w.csv", WP), ("s.csv", staff)])
    with mock.patch.object(validate_module, "ProblemLog", lambda: ProblemLog(per_code=per_code)):
        if not one_by_one:
            return validate_upload(files, existing=HELD, snapshot_date=SNAPSHOT, rules=rules)
        with (mock.patch.object(staff_rows_module, "_parse", _parse_one_by_one),
              mock.patch.object(staff_rows_module, "_kept_differ", _kept_differ_one_by_one)):
            return validate_upload(files, existing=HELD, snapshot_date=SNAPSHOT, rules=rules)


def _parse_one_by_one(pending, *, index, snapshot_date, rules):
    """What checking each row alone gives: `parse_staff` on the row, then the rules on its record."""
    plans = []
    for entry in pending:
        record = parse_staff(entry.row, snapshot_date=snapshot_date, existing=entry.previous, local_ref=entry.new_ref)
        place = entry.workplace.workplace if entry.workplace else None
        issues = rules.staff(record, snapshot_date=snapshot_date, workplace=place)
        plans.append(staff_rows_module._checked_plan(entry.row, entry, record=record, issues=issues))
    return plans


def _kept_differ_one_by_one(kept, *, index, snapshot_date):
    """What parsing each NOCHANGE or UNCHECKED row of a held record alone gives: `parse_staff` with the held record
    (its problems are not kept), compared with the held record."""
    return [
        parse_staff(Row(file="staff", line=entry.row.line, cells=entry.row.cells, index=index, problems=[]),
                    snapshot_date=snapshot_date, existing=entry.previous, local_ref=entry.previous.local_ref)
        != entry.previous
        for entry in kept
    ]


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=40), st.booleans(),
       st.sampled_from(["", "NOCHANGE", "UNCHECKED"]))
def test_column_checks_give_what_each_row_alone_gives(seed, mutations, shared_rules, status):
    """NEW and UPDATE rows (their problems and records), and NOCHANGE and UNCHECKED rows of held records (the
    warning that their changes are ignored: `status` sets every row's STATUS before the mutations)."""
    rng = random.Random(seed)
    rows = rows_of(ST)
    header = rows[0]
    if status:
        for row in rows[1:]:
            row[header.index("STATUS")] = status
    rows += [list(rng.choice(rows[1:])) for _ in range(rng.randrange(0, 12))]  # repeated rows and refs
    for _ in range(mutations):
        column = rng.choice(list(CELLS))
        rows[rng.randrange(1, len(rows))][header.index(column)] = rng.choice(CELLS[column])
    staff = to_csv(rows)
    rules = default_rules() if shared_rules else no_rules()
    per_code = rng.choice([1, 3, 100])  # few kept per code, so the order problems are found in shows
    chunk = rng.choice([1, 5, 20_000])  # NOCHANGE rows compared a few at a time, or all together
    with mock.patch.object(staff_rows_module, "KEPT_CHUNK", chunk):
        together = _check(staff, one_by_one=False, rules=rules, per_code=per_code)
    alone = _check(staff, one_by_one=True, rules=rules, per_code=per_code)
    assert together.to_json() == alone.to_json()
    assert together.more_like_this == alone.more_like_this
    assert together.staff == alone.staff
    assert [repr(p.record) for p in together.staff] == [repr(p.record) for p in alone.staff]  # 37.5 is not 37.50


DECIMALS = st.sampled_from([None, Decimal("0"), Decimal("3.5"), Decimal("3.50"), Decimal("37.5"), Decimal("49"),
                            Decimal("80"), Decimal("12.6"), Decimal("9.001"), Decimal("25000"), Decimal("300000")])
CODES = st.sampled_from([None, "1", "2", "3", "4", "6", "7", "8", "16", "23", "999", "826", "616", "x"])
RECORDS = st.builds(
    StaffRecordData,
    local_ref=st.sampled_from(["A1", " ", "", "QQ 12 34 56 C", "x" * 51]),
    job_role=CODES, job_role_other=st.sampled_from(["", "Cook", "x" * 121]), contract_type=CODES, zero_hours=CODES,
    contracted_hours=DECIMALS, average_hours=DECIMALS, pay_interval=CODES, pay_rate=DECIMALS, gender=CODES,
    ethnicity=CODES, nationality=CODES, disability=CODES,
    birth_year=st.one_of(st.none(), st.integers(min_value=1900, max_value=2030)),
    start_date=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))),
    year_started_in_sector=st.one_of(st.none(), st.integers(min_value=1900, max_value=2030)),
    recruitment_source=CODES, sickness_days=DECIMALS, care_certificate=CODES, social_care_qualification=CODES,
    social_care_level=CODES, other_qualification=CODES, other_qualification_level=CODES, apprenticeship=CODES,
    health_care_visa=CODES, country_of_birth=CODES,
)  # fmt: skip
PLACES = st.sampled_from([None, WorkplaceData(is_cqc_regulated=True), WorkplaceData(is_cqc_regulated=False)])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(RECORDS, PLACES), max_size=30),
    st.sampled_from([SNAPSHOT, date(2023, 3, 31)]),
    st.sampled_from([1000, 2, 0]),
)
def test_rules_for_many_records_are_the_rules_for_each(pairs, snapshot, sample):
    """Also shows each rule declares every field it reads: it sees only those (any other fails). A small sample
    makes rules whose values do not repeat run on each record instead."""
    records = [record for record, _ in pairs] * 2  # every combination twice
    places = [place for _, place in pairs] * 2
    with mock.patch.object(staff_rules_module, "SAMPLE", sample):
        together = validate_staff_records(records, snapshot_date=snapshot, workplaces=places)
    alone = [validate_staff_record(r, snapshot_date=snapshot, workplace=w) for r, w in zip(records, places, strict=True)]
    assert together == alone
