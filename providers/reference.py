"""The ASC-WDS code lists as the project keeps them: a versioned JSON file per release of the national lists.

Pure Python (no Django), so the validation rules, the importer and the exports can all use the same codes.
A return records the version it was made with, so a later list never changes the meaning of an old return.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from providers.plain_labels import FIRST, LAST, NOT_OFFERED, PLAIN_LABELS

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
CURRENT_VERSION = "2026_1"


@cache
def code_lists(version: str = CURRENT_VERSION) -> dict[str, list[dict[str, str]]]:
    """Every code list of one version: list name -> rows (each row a dict with at least `code` and `label`).

    A label that is national specification text is replaced by its plain label (`providers.plain_labels`); the
    published text stays in the row as `spec_label`."""
    path = DATA_DIR / f"ascwds_codes_{version}.json"
    lists = json.loads(path.read_text(encoding="utf-8"))["lists"]
    for name, plain in PLAIN_LABELS.items():
        for row in lists.get(name, []):
            if row["code"] in plain:
                row["spec_label"], row["label"] = row["label"], plain[row["code"]]
    return lists


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


def _sort_key(label: str) -> str:
    """Alphabetical as a person reads it: case and accents ignored ("Åland" sits with the A's)."""
    return unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()


def choices_by_label(list_name: str, *, version: str = CURRENT_VERSION) -> list[tuple[str, str]]:
    """(code, label) pairs in the order a person looks for them in a long list: the usual answer first (British,
    United Kingdom), then alphabetical by label (not code order), with "another …" and "don't know" last."""
    found = [pair for pair in choices(list_name, version=version) if pair[0] not in NOT_OFFERED.get(list_name, ())]
    first, last = FIRST.get(list_name, ()), LAST.get(list_name, ())
    head = [pair for code in first for pair in found if pair[0] == code]
    tail = [pair for code in last for pair in found if pair[0] == code]
    middle = sorted((pair for pair in found if pair[0] not in first and pair[0] not in last),
                    key=lambda pair: _sort_key(pair[1]))
    return [*head, *middle, *tail]
