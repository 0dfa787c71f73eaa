"""The one set of validation and completeness rules, shared by the web forms, the ASC-WDS bulk upload and the API.

Pure Python: no Django. Each rule is a small function whose docstring states it in plain English.
"""

from collection.rules.codes import ALL_CODES
from collection.rules.completeness import (
    DEFAULT_POLICY,
    Completeness,
    CompletenessPolicy,
    return_completeness,
    staff_record_missing,
)
from collection.rules.issues import ERROR, WARNING, Issue
from collection.rules.pay import national_living_wage_on
from collection.rules.staff import validate_staff_record
from collection.rules.workplace import validate_workplace, validate_workplace_section

__all__ = [
    "ALL_CODES",
    "DEFAULT_POLICY",
    "ERROR",
    "WARNING",
    "Completeness",
    "CompletenessPolicy",
    "Issue",
    "national_living_wage_on",
    "return_completeness",
    "staff_record_missing",
    "validate_staff_record",
    "validate_workplace",
    "validate_workplace_section",
]
