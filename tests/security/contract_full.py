"""The larger-budget Schemathesis run (not part of `make test`: run it with `make security` or
`python -m tests.security.schemathesis_full`).

The same logic as tests/api/test_contract.py, with SECURITY_EXAMPLES examples per operation (default 100), for
every role, plus a pass with side B's objects in every path: no answer may be a 2xx, and none may be a server
error or break the schema.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from tests.api import test_contract as contract
from tests.factories.api import token_for
from tests.security.api_operations import OTHER_KWARGS, TENANT_KWARGS

# The contract test's fixtures, reused as they are.
wsgi_app, schema, settings_override = contract.wsgi_app, contract.schema, contract.settings_override

EXAMPLES = int(os.environ.get("SECURITY_EXAMPLES", "100"))
ROLES = ["provider_admin", "provider_editor", "provider_viewer", "contract_officer", "analyst", "council_admin"]


def _run(api_schema, headers: dict, values: dict) -> dict[str, set[int]]:
    seen: dict[str, set[int]] = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def exercise(case):
            if case.path_parameters:
                case.path_parameters = {name: values[name] for name in case.path_parameters}
            response = case.call_and_validate(headers=headers, checks=contract.CHECKS)
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        exercise()
    return seen


def _values(world, source: dict) -> dict:
    return {name: build(world) for name, build in source.items()}


@pytest.mark.usefixtures("settings_override")
@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_to_the_schema_with_own_objects(world, request, role):
    _, raw = token_for(world.users[role], "Security run")
    seen = _run(request.getfixturevalue("schema"), {"Authorization": f"Bearer {raw}"}, _values(world, TENANT_KWARGS))
    print(role, {label: sorted(codes) for label, codes in seen.items()})
    assert seen


@pytest.mark.usefixtures("settings_override")
@pytest.mark.parametrize("role", ROLES)
def test_no_operation_answers_2xx_with_another_tenants_objects(world, request, role):
    _, raw = token_for(world.users[role], "Security run")
    seen = _run(request.getfixturevalue("schema"), {"Authorization": f"Bearer {raw}"}, _values(world, OTHER_KWARGS))
    leaks = {label: codes for label, codes in seen.items()
             if "{" in label and any(200 <= code < 300 for code in codes)}
    assert not leaks, leaks
