"""One clock, and no time bombs.

- App code reads "now" and "today" only through `config.clock` (migrations aside, which run outside any request).
- No test module reads the machine's date when it is imported (outside the per-test freeze), where the clock's guard
  cannot see it; inside a test the root conftest has frozen time, and the clock raises if it has not.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["api", "collection", "compliance", "config", "exports", "providers", "retention", "surveys", "uploads"]
REAL_TIME_CALLS = {
    ("timezone", "now"), ("timezone", "localdate"), ("timezone", "localtime"), ("date", "today"),
    ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("time", "time"),
}  # fmt: skip
BARE_CALLS = {"localdate", "now"}  # `from django.utils.timezone import localdate, now`


def _walk(tree: ast.AST):
    """Every node, but not inside lambdas (factory_boy's LazyFunction runs them later, inside the test)."""
    yield tree
    for child in ast.iter_child_nodes(tree):
        if not isinstance(child, ast.Lambda):
            yield from _walk(child)


def _calls(tree: ast.AST):
    for node in _walk(tree):
        if isinstance(node, ast.Call):
            if node.args and isinstance(node.func, ast.Attribute) and node.func.attr == "localtime":
                continue  # localtime(moment) converts a given moment; only localtime() reads the clock
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if (func.value.id, func.attr) in REAL_TIME_CALLS:
                    yield node, f"{func.value.id}.{func.attr}()"
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute):
                if (func.value.attr, func.attr) in REAL_TIME_CALLS:
                    yield node, f"{func.value.attr}.{func.attr}()"


def _imports_bare_time(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.timezone":
            names |= {alias.asname or alias.name for alias in node.names if alias.name in BARE_CALLS}
    return names


def test_app_code_reads_the_time_only_through_the_clock():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path == ROOT / "config" / "clock.py":
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {what}" for node, what in _calls(tree)]
            found += [f"{path.relative_to(ROOT)} imports {name} from django.utils.timezone"
                      for name in _imports_bare_time(tree)]  # fmt: skip
    # (time.time() for durations is not a date; none is used in app code today, so it is refused too.)
    assert not found, "Read the time through config.clock (clock.now(), clock.today()):\n" + "\n".join(found)


def _module_level(tree: ast.Module):
    """Statements that run when the module is imported (not inside a function or a class's methods)."""
    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            # Decorators and default values run at import time.
            yield from statement.decorator_list
            yield from statement.args.defaults
            continue
        if isinstance(statement, ast.ClassDef):
            for inner in statement.body:
                if not isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield inner
            continue
        yield statement


def test_no_test_module_reads_the_real_date_when_imported():
    found = []
    for path in (ROOT / "tests").rglob("*.py"):
        if "load" in path.parts:  # the load test drives a real stack on the real clock, outside pytest's freeze
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for statement in _module_level(tree):
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {what}" for node, what in _calls(statement)]
    assert not found, (
        "These run at import time, outside the frozen clock: build dates inside tests from the `today` fixture:\n"
        + "\n".join(found)
    )
