"""Every tenant URL of the project, generated from the URL configuration, with values for its object kwargs.

A new page is covered as soon as it is added to a URLconf. If it takes a kwarg this table does not know, the
access tests fail and ask for one: add the kwarg to OWN and OTHER below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Patterns under these prefixes belong to the libraries and are tested by them (or are deliberately public).
SKIPPED_PREFIXES = ("accounts/", "django-admin/", "api/schema", "api/docs", "invitations/", "static/")
PROVIDER_PREFIX = "org/"
COUNCIL_PREFIX = "council/"

# kwarg -> value on side A (the user's own) and on side B (somebody else's)
OWN: dict[str, Callable] = {
    "org": lambda w: w.org_a.slug,
    "workplace": lambda w: w.workplace_a.pk,
    "council": lambda w: w.council_a.slug,
    "invitation": lambda w: w.invitation_a.pk,
    "council_invitation": lambda w: w.council_invitation_a.pk,
}
OTHER: dict[str, Callable] = {
    "org": lambda w: w.org_b.slug,
    "workplace": lambda w: w.workplace_b.pk,
    "council": lambda w: w.council_b.slug,
    "invitation": lambda w: w.invitation_b.pk,
    "council_invitation": lambda w: w.council_invitation_b.pk,
}
# kwargs that are not tenant objects (the same value on both sides)
SHARED: dict[str, Callable] = {}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]

    @property
    def audience(self) -> str:
        if self.route.startswith(PROVIDER_PREFIX):
            return "provider"
        if self.route.startswith(COUNCIL_PREFIX):
            return "council"
        return "personal"

    def url(self, values: dict) -> str:
        path = self.route
        for key, value in values.items():
            path = _replace_converter(path, key, str(value))
        return "/" + path


def _replace_converter(path: str, key: str, value: str) -> str:
    import re

    return re.sub(r"<(?:\w+:)?" + key + ">", value, path)


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            yield Route(name=f"{namespace}{pattern.name}", route=route, kwargs=tuple(_kwarg_names(route)))


def _kwarg_names(route: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def all_routes() -> list[Route]:
    return sorted(_walk(get_resolver().url_patterns), key=lambda r: r.route)


def tenant_routes() -> list[Route]:
    return [route for route in all_routes() if route.audience in ("provider", "council")]
