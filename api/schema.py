"""OpenAPI schema generation: component names from the view that nests each serializer."""

from __future__ import annotations

import copy

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema


class ApiAutoSchema(AutoSchema):
    def get_serializer_name(self, serializer, direction) -> str:
        """`StaffRecordListApi.OutputSerializer` becomes `StaffRecordListOutput`: every component name is unique."""
        parts = type(serializer).__qualname__.split(".")
        cleaned = [part.removesuffix("Api").removesuffix("Serializer") for part in parts]
        return "".join(cleaned) or super().get_serializer_name(serializer, direction)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from your account page: `Authorization: Bearer cwr_…`",
        }


class MfaSessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.MfaSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error has this shape. `code` is a validation rule code (the same as in the upload "
    "report) or an API code; `index` is the record's position in a bulk request, otherwise null.",
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {"type": "string", "nullable": True},
                    "index": {"type": "integer", "nullable": True},
                },
                "required": ["code", "message", "field", "index"],
            },
        }
    },
    "required": ["errors"],
}
ERRORS = {
    "400": "The request broke a validation rule or had the wrong shape",
    "401": "No token or session, or the token is not valid",
    "403": "Your role does not allow this (viewers cannot change data)",
    "404": "Not found, or not yours to see",
    "409": "Somebody changed the object since you read it, or the return cannot be changed in its state",
    "429": "Too many requests with this token: wait for Retry-After seconds",
}
ERRORS_FOR = {"get": ("400", "401", "404", "429"), "post": ("400", "401", "403", "404", "409", "429")}


def error_codes_description() -> str:
    from api.exceptions import API_CODES
    from collection.rules import ALL_CODES

    lines = [f"- `{code}`: {text}" for code, text in {**ALL_CODES, **API_CODES}.items()]
    return "The `code` of an error is one of these (rule codes first, the same as in the upload report):\n\n" + (
        "\n".join(lines)
    )


def _error_content() -> dict:
    return {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: document the one error shape on every operation (and the codes it can carry)."""
    error_schema = copy.deepcopy(ERROR_SCHEMA)
    error_schema["properties"]["errors"]["items"]["properties"]["code"]["description"] = error_codes_description()
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = error_schema
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = operation.setdefault("responses", {})
            for status in ERRORS_FOR.get(method, ()):
                responses.setdefault(status, {"description": ERRORS[status], "content": _error_content()})
            for status, response in responses.items():  # an error an operation declares itself (e.g. 409 on a GET)
                if status in ERRORS and "content" not in response:
                    response["content"] = _error_content()
    return result
