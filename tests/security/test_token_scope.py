"""Read-only API tokens, generated from the OpenAPI schema: every write operation (anything but GET) answers 403
with a read token of a role that could otherwise write, and the same operation with a read and write token is not
refused for its scope (the control, so the 403s mean the scope)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from api.permissions import READ_ONLY_TOKEN
from tests.api.conftest import VALID_RECORD
from tests.factories.api import token_for
from tests.security.api_operations import api_operations, values

WRITES = [op for op in api_operations() if op.method != "get"]
BODY = {**VALID_RECORD, "records": [VALID_RECORD]}


def _client(user, scope) -> APIClient:
    client = APIClient()
    _, raw = token_for(user, "Scope sweep", scope=scope)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_there_are_writes_to_check():
    assert len(WRITES) >= 8 and {op.method for op in WRITES} == {"post"}


@pytest.mark.parametrize("operation", WRITES, ids=lambda op: op.operation_id)
def test_a_read_token_cannot_write(operation, world):
    role = "council_admin" if operation.audience == "council" else "provider_admin"
    url = operation.url(values(operation, world, other=set()))
    refused = getattr(_client(world.users[role], "read"), operation.method)(url, BODY, format="json")
    assert refused.status_code == 403, f"{operation.operation_id}: {refused.status_code}"
    assert refused.json()["errors"][0]["message"] == READ_ONLY_TOKEN
    allowed = getattr(_client(world.users[role], "read_write"), operation.method)(url, BODY, format="json")
    assert allowed.status_code != 403 or allowed.json()["errors"][0]["message"] != READ_ONLY_TOKEN
