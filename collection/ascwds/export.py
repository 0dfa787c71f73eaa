"""`export_files`: the current return as the two ASC-WDS bulk-upload CSV files, ready to edit and upload again.

Rules: every row has STATUS UNCHECKED; NINUMBER and the home POSTCODE are blank; DOB is 01/01/<birth year> or
blank; DISPLAYID is the staff reference (never a name); columns this service does not keep are blank. The files
are UTF-8 with a byte-order mark (so Excel shows accents) and CRLF line ends. A cell that would start a formula
(such as a workplace name "=HYPERLINK(...)") is written with a leading ' so spreadsheets show it as text.
Reading them back against the same data gives no errors and every record unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from decimal import Decimal

from collection.ascwds.columns import STAFF_COLUMNS, WORKPLACE_COLUMNS
from collection.ascwds.result import ExistingWorkplace
from collection.ascwds.workplace_section import as_the_file_carries
from collection.rules.records import StaffRecordData, WorkplaceData, WorkplaceSectionData


def export_files(
    *,
    workplaces: Mapping[str, ExistingWorkplace],
    staff: Mapping[tuple[str, str], StaffRecordData],
    status: str = "UNCHECKED",
) -> tuple[bytes, bytes]:
    """(workplace file, staff file) as bytes; `workplaces` and `staff` are shaped as in ExistingData.
    `status` is UNCHECKED for a download; the synthetic generator writes NEW."""
    workplace_rows = [_workplace_row(key, held.workplace, held.section) for key, held in workplaces.items()]
    staff_rows = [_staff_row(est, record) for (est, _worker), record in staff.items()]
    for row in workplace_rows + staff_rows:
        row["STATUS"] = status
    return _csv(WORKPLACE_COLUMNS, workplace_rows), _csv(STAFF_COLUMNS, staff_rows)


def _csv(header: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_not_a_formula(row.get(column, "")) for column in header])
    return buffer.getvalue().encode("utf-8-sig")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _not_a_formula(cell: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @ first; not a plain number) gets Excel's text marker '
    in front. The reader takes the marker off again, so the files still read back unchanged."""
    if cell.startswith(FORMULA_START):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _workplace_row(key: str, workplace: WorkplaceData, section: WorkplaceSectionData | None) -> dict[str, str]:
    services = ([workplace.main_service] if workplace.main_service else []) + list(workplace.other_services)
    row = {
        "LOCALESTID": key,
        "STATUS": "UNCHECKED",
        "ESTNAME": workplace.name,
        "ADDRESS1": workplace.address1,
        "POSTCODE": workplace.postcode,
        "ESTTYPE": _text(workplace.employer_type),
        "REGTYPE": "" if workplace.is_cqc_regulated is None else "2" if workplace.is_cqc_regulated else "0",
        "LOCATIONID": workplace.cqc_location_id,
        "MAINSERVICE": _text(workplace.main_service),
        "ALLSERVICES": ";".join(services),
        "CAPACITY": _main_only(workplace.capacity, len(services)),
        "UTILISATION": _main_only(workplace.utilisation, len(services)),
        "SERVICEUSERS": ";".join(workplace.service_users),
    }
    if section is not None:
        row.update(_section_cells(as_the_file_carries(section, main=workplace.main_service)))
    return row


def _main_only(value: int | None, positions: int) -> str:
    if value is None or positions == 0:
        return ""
    return ";".join([str(value)] + [""] * (positions - 1))


def _section_cells(section: WorkplaceSectionData) -> dict[str, str]:
    roles = section.job_roles
    cells = {
        "TOTALPERMTEMP": _text(section.total_staff),
        "ALLJOBROLES": ";".join(r.job_role for r in roles),
        "STARTERS": _counts(section.starters_declared, [r.starters for r in roles]),
        "LEAVERS": _counts(section.leavers_declared, [r.leavers for r in roles]),
        "VACANCIES": _counts(section.vacancies_declared, [r.vacancies for r in roles]),
        "REASONS": ";".join(section.leaver_reasons),
        "REASONNOS": ";".join(str(n) for n in section.leaver_reasons.values()),
        "SICKPAY": _text(section.sick_pay),
        "PENSION": _text(section.pension),
        "ACTUALCONT": _text(section.pension_percentage),
        "HOLIDAY": _text(section.holiday_days),
        "SLEEPINS": _text(section.sleep_ins),
        "SLEEPINPAY": _text(section.sleep_in_pay),
        "TRAVELTIME": _text(section.travel_time_pay),
        "TTDIFFRATE": _text(section.travel_time_rate),
    }
    return cells


def _counts(declared: str | None, counts: list[int]) -> str:
    if declared is None:
        return ""
    if declared == "dont_know":
        return "999"
    if declared == "none":
        return ";".join("0" for _ in counts) if counts else "0"
    return ";".join(str(c) for c in counts)


def _whole_pounds(value: Decimal | None) -> str:
    """SALARY is whole pounds: a stored 43734.00 is written 43734 (a "43734.00" would not read back)."""
    if value is None:
        return ""
    return format(value.to_integral_value(), "f") if value == value.to_integral_value() else _text(value)


def _qualification(answer: str | None, level: str | None) -> str:
    if answer is None:
        return ""
    if answer == "1" and level:
        return f"1;{level}"
    return answer


def _staff_row(est: str, record: StaffRecordData) -> dict[str, str]:
    pay = _text(record.pay_rate)
    return {
        "LOCALESTID": est,
        "UNIQUEWORKERID": record.local_ref,
        "STATUS": "UNCHECKED",
        "DISPLAYID": record.local_ref,
        "DOB": f"01/01/{record.birth_year}" if record.birth_year else "",
        "GENDER": _text(record.gender),
        "ETHNICITY": _text(record.ethnicity),
        "NATIONALITY": _text(record.nationality),
        "DISABLED": _text(record.disability),
        "CARECERT": _text(record.care_certificate),
        "RECSOURCE": _text(record.recruitment_source),
        "HANDCVISA": _text(record.health_care_visa),
        "COUNTRYOFBIRTH": _text(record.country_of_birth),
        "STARTDATE": record.start_date.strftime("%d/%m/%Y") if record.start_date else "",
        "STARTINSECT": _text(record.year_started_in_sector),
        "APPRENTICE": _text(record.apprenticeship),
        "EMPLSTATUS": _text(record.contract_type),
        "ZEROHRCONT": _text(record.zero_hours),
        "DAYSSICK": _text(record.sickness_days),
        "SALARYINT": _text(record.pay_interval),
        "SALARY": _whole_pounds(record.pay_rate) if record.pay_interval == "1" else "",
        "HOURLYRATE": pay if record.pay_interval == "3" else "",
        "MAINJOBROLE": _text(record.job_role),
        "MAINJRDESC": record.job_role_other,
        "CONTHOURS": _text(record.contracted_hours),
        "AVGHOURS": _text(record.average_hours),
        "SCQUAL": _qualification(record.social_care_qualification, record.social_care_level),
        "NONSCQUAL": _qualification(record.other_qualification, record.other_qualification_level),
    }
