"""One JSON shape for every API error.

    {"errors": [{"code": "...", "message": "...", "field": "pay_rate" | null, "index": 3 | null}]}

`code` is one of the validation rule codes (`collection.rules.ALL_CODES`, the same codes as the upload report) or
one of `API_CODES` below. `index` is the position of the record in a bulk request, otherwise null.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from collection.rules import Issue
from collection.services import EditConflict, InvalidState

API_CODES: dict[str, str] = {
    "invalid": "The value has the wrong type or format, e.g. text where a number or date is needed.",
    "required": "A required field is missing.",
    "null": "A field that cannot be empty was null.",
    "blank": "A field that cannot be empty was blank.",
    "max_length": "The text is too long.",
    "min_value": "The number is too small.",
    "max_value": "The number is too large.",
    "max_digits": "The number has too many digits.",
    "max_decimal_places": "The number has too many decimal places.",
    "invalid_choice": "The value is not one of the allowed choices.",
    "not_a_list": "A list was expected.",
    "empty": "The list must not be empty.",
    "local_ref_taken": "The staff reference is already used in this return (or twice in one request).",
    "leaving_reason_required": "Removing a staff record needs an ASC-WDS leaving reason code.",
    "decision_required": "A member of staff missing from the upload's files has no decision (stays or left).",
    "not_missing": "The decision names a member of staff who is not missing from the upload's files.",
    "duplicate_decision": "The same member of staff has two decisions.",
    "warnings_not_accepted": "The upload has warnings: send accept_warnings true to apply it.",
    "upload_changed": "Checked again at apply, the files now fail or the staff missing from them changed: nothing "
    "was applied; read the report again (409).",
    "edit_conflict": "Somebody changed the object since you read its version: read it again, then retry (409).",
    "invalid_state": "The object's state does not allow this, e.g. the return has been submitted or the upload is "
    "still being checked or already applied (409).",
    "parse_error": "The request body is not valid JSON.",
    "unsupported_media_type": "Send the body as application/json (multipart/form-data for upload files).",
    "not_authenticated": "No credentials were sent.",
    "authentication_failed": "The token is not valid or has been revoked.",
    "permission_denied": "Your role does not allow this.",
    "not_found": "Not found, or not yours to see.",
    "method_not_allowed": "The HTTP method is not allowed here.",
    "not_acceptable": "The requested response format is not available.",
    "throttled": "Too many requests with this token; wait for the number of seconds in Retry-After.",
    "error": "Any other error.",
}


def error(*, code: str, message: str, field: str | None = None, index: int | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field or None, "index": index}


def issue_errors(issues: Iterable[Issue], *, index: int | None = None) -> list[dict[str, Any]]:
    return [error(code=i.code, message=i.message, field=i.field, index=index) for i in issues]


class RulesRejected(exceptions.APIException):
    """The request broke the validation rules. Carries ready-made error dicts (from `issue_errors`)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: list[dict[str, Any]], *, status_code: int = status.HTTP_400_BAD_REQUEST):
        super().__init__(detail="The request broke the validation rules")
        self.errors = errors
        self.status_code = status_code


class Conflict(exceptions.APIException):
    """409: a stale `version` (edit_conflict) or a return whose state forbids the change (invalid_state)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "edit_conflict"
    default_detail = API_CODES["edit_conflict"]


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, then the one shape. Django's ValidationError, Http404 and PermissionDenied are translated;
    the collection services' rule failures keep their rule codes, and their conflicts become 409."""
    if isinstance(exc, (EditConflict, InvalidState)):
        exc = Conflict(detail=exc.messages[0], code=exc.code)
    elif isinstance(exc, DjangoValidationError) and hasattr(exc, "issues"):
        exc = RulesRejected(issue_errors(exc.issues))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, RulesRejected):
        errors = exc.errors
    elif isinstance(exc, exceptions.ValidationError):
        errors = list(_flatten(exc.detail))
    else:
        errors = [error(code=getattr(exc.detail, "code", None) or exc.default_code, message=str(exc.detail))]
    response.data = {"errors": errors}
    return response


ITEM_LISTS = ("records", "missing_staff")  # lists of objects whose errors name the item's own field and its index


def _flatten(detail: Any, *, field: str | None = None, index: int | None = None) -> Iterator[dict[str, Any]]:
    """Serializer errors (nested dicts and lists) as flat error dicts. A list item's position becomes the index;
    for the `records` of a bulk request and an upload's `missing_staff` decisions the field is the item's own field
    (`pay_rate`, not `records.pay_rate`). An error about a whole nested object or list keeps that field's name."""
    if isinstance(detail, dict):
        positional = bool(detail) and all(isinstance(key, int) or str(key).isdigit() for key in detail)
        for key, value in detail.items():
            if positional:
                yield from _flatten(value, field=None if field in ITEM_LISTS else field, index=int(key))
                continue
            name = None if key in ("non_field_errors", "__all__") else str(key)
            nested = field if name is None else (name if field is None else f"{field}.{name}")  # keep the parent
            yield from _flatten(value, field=nested, index=index)
    elif isinstance(detail, list):
        if field in ITEM_LISTS and any(isinstance(item, dict) for item in detail):
            for position, item in enumerate(detail):
                yield from _flatten(item, index=position)
            return
        for item in detail:
            yield from _flatten(item, field=field, index=index)
    else:
        yield error(code=getattr(detail, "code", None) or "invalid", message=str(detail), field=field, index=index)
