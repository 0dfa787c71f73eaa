"""One workplace-file row (NEW or UPDATE) into WorkplaceData + WorkplaceSectionData (ASCWDS.md 3.2).

Kept: name, ADDRESS1, postcode, employer type, CQC registration and location id, main and other services, the
main service's capacity and utilisation, service users, total staff, starters/leavers/vacancies per job role,
leaver reasons, sick pay, pension, holiday, sleep-ins and travel time. Read past (not kept, not checked): ADDRESS2,
ADDRESS3, POSTTOWN, OTHERTYPE, PERMCQC, PERMLA, PROVNUM, SERVICEDESC, DHA, DHAACTIVITIES, REPEATTRAINING, the CWP
columns and OPTOUTPEN. Postcodes are checked for format only (no national postcode look-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collection.ascwds.cells import Row, warn, whole_number
from collection.ascwds.codelists import CODES, main_service_rows, other_user_groups
from collection.ascwds.workplace_section import job_role_counts, leaver_reasons, pay_and_conditions
from collection.rules.records import WorkplaceData, WorkplaceSectionData

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
LOCATION_ID_RE = re.compile(r"^[0-9]-[0-9]{8,12}$")
HEAD_OFFICE = "72"
REGISTERED_MANAGER = "4"


@dataclass(frozen=True, slots=True)
class ParsedWorkplace:
    workplace: WorkplaceData
    section: WorkplaceSectionData


def parse_workplace(row: Row) -> ParsedWorkplace:
    """Build the workplace and its return section from a NEW or UPDATE row, recording each cell problem."""
    main = _main_service(row)
    regulated = _registration(row, main=main)
    all_services = _all_services(row, main=main)
    capacity = _per_service(row, "CAPACITY", services=all_services, main=main, question="capacity_question")
    utilisation = _per_service(row, "UTILISATION", services=all_services, main=main, question="utilisation_question")
    total = row.integer("TOTALPERMTEMP", low=0, high=999, required=True)
    if total == 0 and main != HEAD_OFFICE:
        row.add(
            "TOTALPERMTEMP",
            "totalpermtemp_zero",
            "TOTALPERMTEMP can only be 0 for a head office. Enter the number of staff.",
        )
    workplace = WorkplaceData(
        name=row.text("ESTNAME", max_len=120, required=True),
        address1=row.text("ADDRESS1", max_len=40, required=True),
        postcode=_postcode(row),
        is_cqc_regulated=regulated,
        cqc_location_id=_location_id(row, regulated=regulated, main=main),
        main_service=main,
        other_services=tuple(s for s in all_services if s not in (main, "0") and s in CODES["main_services"]),
        capacity=capacity,
        utilisation=utilisation,
        service_users=_service_users(row),
        employer_type=row.code(
            "ESTTYPE",
            allowed=CODES["employer_type"],
            describe="1, 3, 6, 7 or 8 (the ASC-WDS employer type)",
            required=True,
        ),
    )
    section = _section(row, total=total, main=main, regulated=regulated)
    return ParsedWorkplace(workplace=workplace, section=section)


def _main_service(row: Row) -> str | None:
    main = row.code(
        "MAINSERVICE", allowed=CODES["main_services"], describe="a known ASC-WDS service code", required=True
    )
    if main is not None and main_service_rows()[main].get("can_be_main_service_seed") == "N":
        row.add(
            "MAINSERVICE",
            "mainservice_not_main",
            "MAINSERVICE is a service that cannot be a main service. Choose another main service.",
        )
        return None
    return main


def _registration(row: Row, *, main: str | None) -> bool | None:
    """REGTYPE 2 (CQC regulated) must go with a CQC-regulated main service and 0 with one that is not, except for
    a head office, which may be either."""
    regtype = row.code(
        "REGTYPE",
        allowed=CODES["registration_type"],
        describe="0 (not CQC regulated) or 2 (CQC regulated)",
        required=True,
    )
    if regtype is None:
        return None
    regulated = regtype == "2"
    if main is not None and main != HEAD_OFFICE:
        service_regulated = main_service_rows()[main].get("cqc_regulated_per_bulk_upload_rule") == "Y"
        if service_regulated != regulated:
            row.add(
                "REGTYPE",
                "regtype_mismatch",
                "REGTYPE does not agree with MAINSERVICE: a CQC-regulated main service needs REGTYPE 2, any other needs 0.",
            )
    return regulated


def _postcode(row: Row) -> str:
    value = row.text("POSTCODE", max_len=10, required=True)
    if not value:
        return ""
    match = POSTCODE_RE.match(" ".join(value.upper().split()))
    if match is None:
        row.add("POSTCODE", "postcode_invalid", "POSTCODE is not a valid UK postcode, for example LE11 3TU.")
        return ""
    return f"{match.group(1)} {match.group(2)}"


def _location_id(row: Row, *, regulated: bool | None, main: str | None) -> str:
    value = row.get("LOCATIONID")
    if regulated is False:
        if value:
            warn(
                row,
                "LOCATIONID",
                "locationid_ignored",
                "LOCATIONID is only for CQC-regulated workplaces (REGTYPE 2). It has been ignored.",
            )
        return ""
    if not value:
        if regulated and main != HEAD_OFFICE:
            row.add(
                "LOCATIONID",
                "locationid_missing",
                "LOCATIONID is required for a CQC-regulated workplace. Enter the CQC location ID, for example 1-123456789.",
            )
        return ""
    if not LOCATION_ID_RE.match(value):
        row.add(
            "LOCATIONID",
            "locationid_invalid",
            "LOCATIONID must be a CQC location ID: one digit, a dash, then 8 to 12 digits.",
        )
        return ""
    return value


def _all_services(row: Row, *, main: str | None) -> list[str]:
    """ALLSERVICES lists every service including the main one; `0` means no other services and may only stand
    beside the main service."""
    items = row.items("ALLSERVICES")
    known = CODES["main_services"]
    unknown = [s for s in items if s != "0" and s not in known]
    if unknown:
        row.add(
            "ALLSERVICES",
            "allservices_invalid",
            "ALLSERVICES has a service code ASC-WDS does not know. Use the codes from the ASC-WDS guidance.",
        )
    elif main is not None and main not in items:
        row.add("ALLSERVICES", "allservices_missing_main", "ALLSERVICES must include the MAINSERVICE code. Add it.")
    elif "0" in items and any(s not in ("0", main) for s in items):
        row.add(
            "ALLSERVICES",
            "allservices_zero",
            "ALLSERVICES can only have 0 (no other services) beside the main service. Remove the 0 or the other codes.",
        )
    return items


def _per_service(row: Row, column: str, *, services: list[str], main: str | None, question: str) -> int | None:
    """CAPACITY and UTILISATION hold one item per ALLSERVICES position: a whole number below 9999, or blank.
    A number for a service that has no such question is an error. Only the main service's value is kept."""
    items = row.items(column)
    if not items or not any(items):
        return None
    if len(items) != len(services):
        row.add(
            column,
            f"{column.lower()}_count",
            f"{column} must have one item (separated by ;) for each service in ALLSERVICES.",
        )
        return None
    kept: int | None = None
    for service, item in zip(services, items, strict=True):
        if not item:
            continue
        number = whole_number(item)
        if number is None or not 0 <= number < 9999:
            row.add(column, f"{column.lower()}_invalid", f"{column} values must be whole numbers from 0 to 9998.")
            return None
        service_row = main_service_rows().get(service)
        if service_row is None:
            continue  # an unknown service code is reported on ALLSERVICES
        if not service_row.get(question):
            row.add(
                column,
                f"{column.lower()}_not_asked",
                f"{column} has a value for a service that has no {column.lower()} question. Leave that item blank.",
            )
            return None
        if service == main:
            kept = number
    return kept


def _service_users(row: Row) -> tuple[str, ...]:
    """Unknown service-user codes are a warning and are dropped. OTHERUSERDESC needs one item per code."""
    items = row.items("SERVICEUSERS")
    good = tuple(dict.fromkeys(i for i in items if i in CODES["service_users"]))
    if len(good) != len([i for i in items if i]):
        warn(
            row,
            "SERVICEUSERS",
            "serviceusers_invalid",
            "SERVICEUSERS has a code ASC-WDS does not know. That code has been ignored.",
        )
    descriptions = row.items("OTHERUSERDESC")
    if descriptions and len(descriptions) != len(items):
        row.add(
            "OTHERUSERDESC",
            "otheruserdesc_count",
            "OTHERUSERDESC must have one item (separated by ;) for each code in SERVICEUSERS.",
        )
    elif any(len(d) > 120 for d in descriptions):
        row.add("OTHERUSERDESC", "otheruserdesc_too_long", "Each OTHERUSERDESC item must be 120 characters or fewer.")
    elif any(
        code in other_user_groups() and not (descriptions[i] if i < len(descriptions) else "")
        for i, code in enumerate(items)
    ):
        warn(
            row,
            "OTHERUSERDESC",
            "otheruserdesc_missing",
            "OTHERUSERDESC is blank for an 'other' service user group. Describe the group.",
        )
    return good


def _section(row: Row, *, total: int | None, main: str | None, regulated: bool | None) -> WorkplaceSectionData:
    counts = job_role_counts(row, total=total, regulated=regulated)
    reasons = leaver_reasons(row, leavers_declared=counts.declared["LEAVERS"], leavers_total=counts.totals["LEAVERS"])
    pay = pay_and_conditions(row, main=main)
    return WorkplaceSectionData(
        total_staff=total,
        starters_declared=counts.declared["STARTERS"],
        leavers_declared=counts.declared["LEAVERS"],
        vacancies_declared=counts.declared["VACANCIES"],
        job_roles=counts.job_roles,
        leaver_reasons=reasons,
        **pay,
    )
