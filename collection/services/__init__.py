"""Every write to rounds, returns and staff records. Keyword-only; each returns the model instance it wrote and
raises `django.core.exceptions.ValidationError` (see `errors`) when the rules or the state say no."""

from collection.services.completeness import return_refresh_completeness, returns_refresh_completeness
from collection.services.errors import BulkRejected, EditConflict, InvalidState, RulesFailed, WarningsNotConfirmed
from collection.services.light import pa_return_get_or_create, pa_return_submit, pa_return_update
from collection.services.returns import (
    return_get_or_create,
    return_numbers_update,
    return_pay_update,
    return_review,
    return_submit,
    return_workplace_update,
)
from collection.services.rounds import round_copy, round_create, round_open, round_to_copy, round_update
from collection.services.staff import (
    return_carry_forward,
    return_confirm_no_change,
    staff_record_confirm,
    staff_record_create,
    staff_record_remove,
    staff_record_update,
)
from collection.services.staff_bulk import BulkResult, staff_record_bulk_save

__all__ = [
    "BulkRejected",
    "BulkResult",
    "EditConflict",
    "InvalidState",
    "RulesFailed",
    "WarningsNotConfirmed",
    "pa_return_get_or_create",
    "pa_return_submit",
    "pa_return_update",
    "return_carry_forward",
    "return_confirm_no_change",
    "return_get_or_create",
    "return_numbers_update",
    "return_pay_update",
    "return_refresh_completeness",
    "return_review",
    "returns_refresh_completeness",
    "return_submit",
    "return_workplace_update",
    "round_copy",
    "round_create",
    "round_open",
    "round_to_copy",
    "round_update",
    "staff_record_bulk_save",
    "staff_record_confirm",
    "staff_record_create",
    "staff_record_remove",
    "staff_record_update",
]
