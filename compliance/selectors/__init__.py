from compliance.selectors.desk import (
    STATUS_LABELS,
    DeskRow,
    default_list,
    desk_rows,
    organisation_evidence,
    rounds_for_council,
)
from compliance.selectors.provider import organisation_compliance
from compliance.selectors.units import Unit, chase_units, current_rounds

__all__ = [
    "STATUS_LABELS",
    "DeskRow",
    "Unit",
    "chase_units",
    "current_rounds",
    "default_list",
    "desk_rows",
    "organisation_compliance",
    "organisation_evidence",
    "rounds_for_council",
]
