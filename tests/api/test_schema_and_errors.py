"""The schema, the offline docs page, versioning, and the one error shape."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions

from api.exceptions import API_CODES, api_exception_handler
from collection.rules import ALL_CODES
from collection.rules.issues import error as rule_error
from collection.services import EditConflict, InvalidState, RulesFailed


def test_the_schema_describes_v1_and_the_error_shape(db, client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["version"].startswith("1.")  # v1: minor versions only add (see the README changelog)
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]["errors"]["items"]["required"]) == {"code", "message", "field", "index"}
    assert "`hours_not_half_hour`" in error["properties"]["errors"]["items"]["properties"]["code"]["description"]
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": schema["components"]["securitySchemes"]["bearerAuth"][
            "description"]}
    create = schema["paths"]["/api/v1/organisations/{org}/workplaces/{workplace}/returns/{round}/staff-records/create/"]
    assert {"201", "400", "401", "403", "404", "409", "429"} <= set(create["post"]["responses"])


def test_the_docs_page_works_offline_and_sets_out_every_operation(db, client):
    """/api/docs/ is the schema set out as a page of this service: nothing from another host, no script of its own
    (so the Content-Security-Policy stays as strict as everywhere else), and every operation of the schema on it."""
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-GB"' in html
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert [ref for ref in references if re.match(r"^(https?:)?//", ref)] == []
    for ref in re.findall(r'src="([^"]+)"', html):
        assert finders.find(ref.split("?")[0].removeprefix(settings.STATIC_URL)), f"{ref} is not a local static file"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path, operations in schema["paths"].items():
        assert f"<code class=\"app-break\">{path}</code>" in html, f"{path} is missing from the docs page"
        for operation in operations.values():
            assert f'id="{operation["operationId"].replace("_", "-")}"' in html


def test_api_codes_do_not_clash_with_rule_codes():
    assert not set(API_CODES) & set(ALL_CODES)


def _handle(exc):
    response = api_exception_handler(exc, {})
    return response.status_code, response.data


@pytest.mark.parametrize(
    "exc, status, first",
    [
        (exceptions.ValidationError({"pay_rate": ["A valid number is required."]}), 400,
         {"code": "invalid", "field": "pay_rate", "index": None}),
        (exceptions.ValidationError({"records": {3: {"job_role": [exceptions.ErrorDetail("x", code="required")]}}}),
         400, {"code": "required", "field": "job_role", "index": 3}),
        (exceptions.ValidationError({"job_roles": {1: {"starters": [exceptions.ErrorDetail("x", "min_value")]}}}),
         400, {"code": "min_value", "field": "job_roles.starters", "index": 1}),
        (exceptions.ValidationError({"non_field_errors": ["Bad"]}), 400, {"code": "invalid", "field": None}),
        (DjangoValidationError({"local_ref": DjangoValidationError("Taken", code="local_ref_taken")}), 400,
         {"code": "local_ref_taken", "field": "local_ref"}),
        (RulesFailed([rule_error("invalid_code", "job_role", "Not a job role")]), 400,
         {"code": "invalid_code", "field": "job_role", "message": "Not a job role"}),
        (EditConflict(4), 409, {"code": "edit_conflict", "field": None}),
        (InvalidState("Already submitted", state="submitted"), 409, {"code": "invalid_state",
                                                                     "message": "Already submitted"}),
        (exceptions.NotAuthenticated(), 401, {"code": "not_authenticated"}),
        (exceptions.Throttled(wait=5), 429, {"code": "throttled"}),
    ],
)
def test_every_error_has_the_one_shape(exc, status, first):
    code, data = _handle(exc)
    assert code == status
    assert list(data) == ["errors"]
    assert all(set(item) == {"code", "message", "field", "index"} for item in data["errors"])
    assert first.items() <= data["errors"][0].items()


def test_django_404_is_not_found_in_the_shape():
    from django.http import Http404

    assert _handle(Http404("No such workplace")) == (
        404, {"errors": [{"code": "not_found", "message": "Not found.", "field": None, "index": None}]}
    )
