"""The code lists the upload checks cells against, taken from `providers.reference` (pure Python)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from providers import reference


class _Codes(Mapping[str, frozenset[str]]):
    """`CODES["gender"]` is the frozenset of valid codes of that list (loaded on first use)."""

    def __getitem__(self, name: str) -> frozenset[str]:
        return reference.codes(name)

    def __iter__(self) -> Iterator[str]:
        return iter(reference.code_lists())

    def __len__(self) -> int:
        return len(reference.code_lists())


CODES = _Codes()


@cache
def describe(name: str) -> str:
    """'1 (Male), 2 (Female), 3 (Don't know) or 4 (Other)' for short lists."""
    items = [f"{code} ({label})" for code, label in reference.labels(name).items()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


@cache
def active_job_roles() -> frozenset[str]:
    return frozenset(r["code"] for r in reference.rows("job_roles") if r.get("status", "active") in ("", "active"))


@cache
def roles_needing_description() -> frozenset[str]:
    return frozenset(r["code"] for r in reference.rows("job_roles") if r.get("requires_other_description") == "Y")


@cache
def main_service_rows() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in reference.rows("main_services")}


@cache
def other_user_groups() -> frozenset[str]:
    return frozenset(r["code"] for r in reference.rows("service_users") if r.get("other_description_allowed") == "Y")
