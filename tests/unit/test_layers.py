"""Upper apps read collection through `collection.selectors`, never by querying its models (the standard: "upper apps
read lower ones through their selectors"). The survey app and the exports are checked here: a query on a collection
model's manager (`StaffRecord.objects…`) in their code fails this test. `CollectionRound` is the shared idea of a
round (a foreign key of campaigns, releases and chase plans) and may be used directly; the demo and synthetic-data
builders write collection's records for a demonstration and are listed by name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPPER_APPS = ("surveys", "exports")
COLLECTION_MODELS = {"WorkforceReturn", "StaffRecord", "JobRoleCount", "LeaverReasonCount", "ChangeRecord",
                     "PersonalAssistantReturn"}  # fmt: skip
DEMO_BUILDERS = {"surveys/demo_frontline.py", "exports/synthetic_council.py"}


def _modules():
    for app in UPPER_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/tests/" in relative or relative in DEMO_BUILDERS:
                continue
            yield relative


def queries_on_collection_models(source: str) -> list[tuple[int, str]]:
    """(line, model) of each `Model.objects` on one of collection's models in this source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}
                and isinstance(node.value, ast.Name) and node.value.id in COLLECTION_MODELS):  # fmt: skip
            found.append((node.lineno, node.value.id))
    return found


def test_the_check_finds_a_query_on_a_collection_model():
    assert queries_on_collection_models("x = StaffRecord.objects.filter(pk=1)\n") == [(1, "StaffRecord")]
    assert queries_on_collection_models("x = CollectionRound.objects.filter(pk=1)\n") == []


@pytest.mark.parametrize("module", list(_modules()))
def test_upper_apps_read_collection_through_its_selectors(module):
    found = queries_on_collection_models((ROOT / module).read_text())
    assert not found, f"{module} queries collection's models directly (use collection.selectors): {found}"
