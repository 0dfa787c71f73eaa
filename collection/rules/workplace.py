"""Validation of a workplace's standing details, and (re-exported) of the workplace section of a return."""

from __future__ import annotations

import re

from collection.rules.checks import HEAD_OFFICE, code_issue, code_issues, row_for
from collection.rules.issues import Issue, error, warning
from collection.rules.records import WorkplaceData
from collection.rules.section import validate_workplace_section

__all__ = ["is_uk_postcode", "validate_workplace", "validate_workplace_section"]

NAME_MAX = 120
ADDRESS_LINE_MAX = 40
CAPACITY_MAX = 999

# The UK postcode format (outward code, optional space, inward code), including GIR 0AA.
_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)
_CQC_LOCATION_ID = re.compile(r"^\d-\d{8,12}$")


def validate_workplace(workplace: WorkplaceData) -> list[Issue]:
    """Every issue with a workplace's details, errors and warnings together, in the order of the form."""
    return (
        name_valid(workplace=workplace)
        + address_valid(workplace=workplace)
        + postcode_valid(workplace=workplace)
        + cqc_location_valid(workplace=workplace)
        + main_service_valid(workplace=workplace)
        + regulation_matches_main_service(workplace=workplace)
        + code_issues(field="other_services", values=list(workplace.other_services))
        + capacity_valid(workplace=workplace)
        + code_issues(field="service_users", values=list(workplace.service_users))
        + code_issue(field="employer_type", value=workplace.employer_type)
    )


def is_uk_postcode(text: str) -> bool:
    return bool(_POSTCODE.match(" ".join(text.split()).upper()))


def name_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """A workplace has a name of up to 120 characters."""
    name = workplace.name.strip()
    if not name:
        return [error("name_required", "name", "Enter the name of the workplace")]
    if len(name) > NAME_MAX:
        return [error("name_too_long", "name", f"Workplace name must be {NAME_MAX} characters or fewer")]
    return []


def address_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """A workplace has a first address line of up to 40 characters."""
    line = workplace.address1.strip()
    if not line:
        return [error("address1_required", "address1", "Enter the first line of the address")]
    if len(line) > ADDRESS_LINE_MAX:
        return [
            error(
                "address1_too_long",
                "address1",
                f"First line of the address must be {ADDRESS_LINE_MAX} characters or fewer",
            )
        ]
    return []


def postcode_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """A workplace has a full UK postcode."""
    postcode = workplace.postcode.strip()
    if not postcode:
        return [error("postcode_required", "postcode", "Enter the postcode")]
    if not is_uk_postcode(postcode):
        return [
            error("postcode_invalid", "postcode", f"Enter a full UK postcode, like AA1 1AA (you entered {postcode})")
        ]
    return []


def cqc_location_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """Say whether CQC regulates the workplace; a regulated workplace (other than a head office) has a CQC location
    ID like 1-123456789. An ID for an unregulated workplace is ignored."""
    location_id = workplace.cqc_location_id.strip()
    if workplace.is_cqc_regulated is None:
        return [error("cqc_regulated_required", "is_cqc_regulated", "Select whether the workplace is regulated by CQC")]
    if not workplace.is_cqc_regulated:
        if not location_id:
            return []
        return [
            warning(
                "cqc_location_id_not_needed",
                "cqc_location_id",
                "The CQC location ID will be ignored because the workplace is not regulated by CQC",
            )
        ]
    if not location_id:
        if workplace.main_service == HEAD_OFFICE:
            return []
        return [error("cqc_location_id_required", "cqc_location_id", "Enter the CQC location ID")]
    if not _CQC_LOCATION_ID.match(location_id):
        return [
            error(
                "cqc_location_id_invalid",
                "cqc_location_id",
                f"CQC location ID must be a number, a dash and 8 to 12 numbers, like 1-123456789 "
                f"(you entered {location_id})",
            )
        ]
    return []


def main_service_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """A workplace has a main service from the ASC-WDS list."""
    if not workplace.main_service:
        return [error("main_service_required", "main_service", "Select the main service")]
    return code_issue(field="main_service", value=workplace.main_service)


def regulation_matches_main_service(*, workplace: WorkplaceData) -> list[Issue]:
    """A main service that CQC regulates implies a regulated workplace, and a regulated workplace (other than a
    head office) has a main service CQC can regulate."""
    service = row_for("main_services", workplace.main_service)
    if service is None or workplace.is_cqc_regulated is None or workplace.main_service == HEAD_OFFICE:
        return []
    always = service["cqc_regulated_per_bulk_upload_rule"] == "Y"
    possible = always or service["iscqcregistered_seed_flag"] == "Y"
    if always and not workplace.is_cqc_regulated:
        message = f"{service['label']} is regulated by CQC – check whether the workplace is regulated by CQC"
    elif workplace.is_cqc_regulated and not possible:
        message = f"{service['label']} is not regulated by CQC – check the main service and the CQC answer"
    else:
        return []
    return [warning("regulated_main_service_mismatch", "is_cqc_regulated", message)]


def capacity_valid(*, workplace: WorkplaceData) -> list[Issue]:
    """Capacity and utilisation of the main service are 0 to 999, and no more places are used than there are."""
    issues: list[Issue] = []
    for field in ("capacity", "utilisation"):
        value = getattr(workplace, field)
        if value is not None and not 0 <= value <= CAPACITY_MAX:
            issues.append(
                error(
                    f"{field}_out_of_range",
                    field,
                    f"{field.capitalize()} must be between 0 and {CAPACITY_MAX} (you entered {value})",
                )
            )
    if issues or workplace.capacity is None or workplace.utilisation is None:
        return issues
    if workplace.utilisation > workplace.capacity:
        issues.append(
            error(
                "utilisation_exceeds_capacity",
                "utilisation",
                f"Number in use ({workplace.utilisation}) must not be more than the capacity ({workplace.capacity})",
            )
        )
    return issues
