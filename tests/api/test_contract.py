"""Contract test: Schemathesis generates requests from the live OpenAPI schema for every operation and checks that
no response is a server error or breaks the schema (status codes, content type, body shape)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from exports.models import ExportFile
from tests.api.conftest import make_record
from tests.factories.api import token_for
from tests.factories.surveys import CampaignFactory
from tests.factories.uploads import UploadFactory
from uploads.models import Upload

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_app(db):
    """The real WSGI application, sharing the test's database connection (as Django's test client does, it must not
    close connections at the end of each request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)


def test_the_schema_is_valid_openapi(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    assert all(op.path.startswith("/api/v1/") for op in operations)


@pytest.mark.parametrize("role", ["provider_editor", "provider_viewer", "contract_officer", "analyst"])
def test_every_operation_keeps_to_the_schema(world, return_a, schema, role, settings_override):
    """A demo-like editor (who can write), a viewer (403 on writes), a contract officer and an analyst (404 on
    provider data), with their own objects in every path."""
    _, raw = token_for(world.users[role], "Contract test")
    record = make_record(return_a)
    own = {"org": world.org_a.slug, "workplace": world.workplace_a.pk, "round": return_a.round.slug,
           "record": record.pk, "council": world.council_a.slug,
           "campaign": CampaignFactory(workplace=world.workplace_a, round=return_a.round).pk,
           "export": ExportFile.objects.create(council=world.council_a, round=return_a.round, content=b"PK",
                                               status=ExportFile.Status.READY, file_name="w.xlsx").pk,
           "upload": UploadFactory(organisation=world.org_a, round=return_a.round, state=Upload.State.PASSED).pk}
    headers = {"Authorization": f"Bearer {raw}"}
    seen: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def exercise(case):
            if case.path_parameters:
                case.path_parameters = {name: own[name] for name in case.path_parameters}
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        exercise()
    print({label: sorted(codes) for label, codes in seen.items()})
    assert len(seen) >= 14, "every operation was called"
    assert any(200 in codes for codes in seen.values())
    if role in ("provider_viewer", "contract_officer"):
        assert all(codes <= {403, 404} for label, codes in seen.items() if label.startswith("POST")), seen
    else:
        assert any(codes & {200, 201, 202} for label, codes in seen.items() if label.startswith("POST")), "wrote"


@pytest.fixture
def settings_override(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token": "100000/minute", "api_session": "100000/minute"},
    }
