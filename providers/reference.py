"""The ASC-WDS code lists as the project keeps them: a versioned JSON file per release of the national lists.

Pure Python (no Django), so the validation rules, the importer and the exports can all use the same codes.
A return records the version it was made with, so a later list never changes the meaning of an old return.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
CURRENT_VERSION = "2026_1"


@cache
def code_lists(version: str = CURRENT_VERSION) -> dict[str, list[dict[str, str]]]:
    """Every code list of one version: list name -> rows (each row a dict with at least `code` and `label`)."""
    path = DATA_DIR / f"ascwds_codes_{version}.json"
    return json.loads(path.read_text(encoding="utf-8"))["lists"]


def rows(list_name: str, *, version: str = CURRENT_VERSION) -> list[dict[str, str]]:
    return code_lists(version)[list_name]


@cache
def codes(list_name: str, *, version: str = CURRENT_VERSION) -> frozenset[str]:
    """The valid codes of a list, as strings (the form they take in upload files and on records)."""
    return frozenset(row["code"] for row in rows(list_name, version=version))


@cache
def labels(list_name: str, *, version: str = CURRENT_VERSION) -> dict[str, str]:
    return {row["code"]: row["label"] for row in rows(list_name, version=version)}


def choices(list_name: str, *, version: str = CURRENT_VERSION, active_only: bool = True) -> list[tuple[str, str]]:
    """(code, label) pairs for a form, leaving out codes the national list has retired."""
    return [
        (row["code"], row["label"])
        for row in rows(list_name, version=version)
        if not active_only or row.get("status", "active") in ("", "active")
    ]
