"""The API documentation page at /api/docs/: the OpenAPI schema (the same one /api/schema/ serves) set out as a
GOV.UK page, so it needs no script, keeps the Content-Security-Policy intact and reads well on a phone and with a
screen reader. Tools that want the machine-readable schema take /api/schema/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: SafeString


@dataclass
class Body:
    schema: str
    many: bool
    fields: list[Field]


@dataclass
class Operation:
    anchor: str
    method: str
    path: str
    summary: SafeString
    description: SafeString
    parameters: list[Field]
    request: Body | None
    responses: list[tuple[str, str, Body | None]]


@dataclass
class Group:
    name: str
    operations: list[Operation] = field(default_factory=list)


# Identifiers a developer types (field names, enum values, ASC-WDS column names) written bare in a description.
IDENTIFIER = re.compile(r"(?<![\w.])([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]{4,})(?![\w])")


def _text(markdown: str) -> SafeString:
    """A schema description as HTML: escaped, with `code` spans and bare identifiers shown as code (on this page they
    are what a developer types, not words for a person to decode)."""
    parts = re.split(r"`([^`]+)`", escape(markdown))
    html = []
    for index, part in enumerate(parts):
        if index % 2:
            html.append(f"<code>{part}</code>")
        else:
            html.append(IDENTIFIER.sub(r"<code>\1</code>", part))
    return mark_safe("".join(html))  # noqa: S308 - every part was escaped first


def _type(prop: dict, components: dict) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "allOf" in prop or "oneOf" in prop:
        return " or ".join(_type(p, components) for p in prop.get("allOf") or prop.get("oneOf"))
    kind = prop.get("type", "object")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), components)}"
    if prop.get("format"):
        kind = f"{kind} ({prop['format']})"
    return kind


def _body(schema: dict, components: dict) -> Body | None:
    many = schema.get("type") == "array"
    target = schema.get("items", {}) if many else schema
    if "$ref" not in target:
        return None
    name = target["$ref"].rsplit("/", 1)[-1]
    component = components.get(name, {})
    required = set(component.get("required", []))
    fields = [Field(key, _type(prop, components), key in required, _text(prop.get("description", "")))
              for key, prop in component.get("properties", {}).items()]
    return Body(name, many, fields)


def _content_schema(part: dict) -> dict:
    content = part.get("content", {})
    for media in ("application/json", *content):
        if media in content:
            return content[media].get("schema", {})
    return {}


@cache
def documentation() -> tuple[dict, list[Group]]:
    """The schema's operations grouped by tag, in path order (the schema does not change while the service runs)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    groups: dict[str, Group] = {}
    for path, operations in schema["paths"].items():
        for method in METHODS:
            op = operations.get(method)
            if op is None:
                continue
            parameters = [Field(p["name"], _type(p.get("schema", {}), components), bool(p.get("required")),
                                _text(p.get("description", ""))) for p in op.get("parameters", [])]
            request = _body(_content_schema(op["requestBody"]), components) if "requestBody" in op else None
            responses = [(code, _text(part.get("description", "")), _body(_content_schema(part), components))
                         for code, part in op.get("responses", {}).items()]
            tag = (op.get("tags") or ["other"])[0]
            groups.setdefault(tag, Group(tag.capitalize())).operations.append(Operation(
                anchor=op.get("operationId", f"{method}-{path}").replace("_", "-"), method=method.upper(), path=path,
                summary=_text(op.get("summary", "")), description=_text(op.get("description", "")), parameters=parameters,
                request=request, responses=responses,
            ))
    info = {**schema["info"], "description": _text(schema["info"].get("description", ""))}
    return info, list(groups.values())


def api_docs(request):
    info, groups = documentation()
    return render(request, "api/docs.html", {"info": info, "groups": groups})
