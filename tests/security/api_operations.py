"""Every API operation, read from the OpenAPI schema drf-spectacular generates from the URL configuration, with
values for its path parameters on side A (own) and side B (somebody else's).

A new endpoint is covered as soon as it is in the schema. If it takes a path parameter the page matrix
(tests/integration/url_matrix.py) does not know, add it to API_OWN and API_OTHER below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.integration.url_matrix import OTHER, OWN

# API-only path parameters (none yet: the API uses the same kwarg names as the pages).
API_OWN: dict[str, Callable] = {}
API_OTHER: dict[str, Callable] = {}

TENANT_KWARGS = {**OWN, **API_OWN}
OTHER_KWARGS = {**OTHER, **API_OTHER}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # with {placeholders}
    operation_id: str
    params: tuple[str, ...]
    has_body: bool

    def url(self, values: dict) -> str:
        path = self.path
        for key in self.params:
            path = path.replace("{" + key + "}", str(values[key]))
        return path

    @property
    def audience(self) -> str:
        if self.path.startswith("/api/v1/organisations/{org}"):
            return "provider"
        if self.path.startswith("/api/v1/councils/{council}"):
            return "council"
        return "personal"


def api_operations() -> list[Operation]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        for method, spec in operations.items():
            params = tuple(p["name"] for p in spec.get("parameters", []) if p["in"] == "path")
            found.append(Operation(method, path, spec["operationId"], params, "requestBody" in spec))
    return sorted(found, key=lambda op: op.operation_id)


def values(operation: Operation, world, *, other: set[str]) -> dict:
    result = {}
    for name in operation.params:
        assert name in TENANT_KWARGS and name in OTHER_KWARGS, (
            f"{operation.operation_id} takes {{{name}}}: add it to API_OWN and API_OTHER in {__name__}"
        )
        result[name] = (OTHER_KWARGS if name in other else TENANT_KWARGS)[name](world)
    return result
