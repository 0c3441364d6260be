"""The house rules of the layout (README, "Layout"), checked by reading the code.

* Views only call services (writes) and selectors (reads): no ORM manager, no ``save``/``delete``/``update``
  in a view module.
* Tests and benchmarks share code through ``testsupport/`` only: no test imports a ``conftest`` or another
  test module, and ``tests/`` and ``bench/`` never import each other.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["core", "accounts", "worksheets", "preps", "briefs", "documents", "outcomes", "sharing"]
WRITES = {"save", "delete", "update", "create", "bulk_create", "get_or_create", "update_or_create"}


def view_modules() -> list[Path]:
    paths = []
    for app in APPS:
        paths += (ROOT / app).glob("views.py")
        paths += (ROOT / app / "views").glob("*.py")
    return sorted(paths)


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) of every import, relative ones resolved against the file's package."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found += [(node.lineno, module)]
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def test_there_are_view_modules_to_check():
    assert len(view_modules()) >= 5


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_views_only_call_services_and_selectors(path):
    offences = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            offences.append(f"line {node.lineno}: .objects (a read belongs in a selector)")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            offences.append(f"line {node.lineno}: .{node.func.attr}() (a write belongs in a service)")
    assert not offences, offences


@pytest.mark.parametrize("folder", ["tests", "bench"])
def test_tests_and_bench_share_code_only_through_testsupport(folder):
    other = {"tests": "bench", "bench": "tests"}[folder]
    offences = []
    for path in python_files(folder):
        for line, module in imported_modules(path):
            parts = module.split(".")
            if "conftest" in parts:
                offences.append(f"{path.relative_to(ROOT)}:{line} imports a conftest ({module})")
            if parts[0] == other:
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {other}/ ({module})")
            if folder == "tests" and parts[0] == "tests" and any(part.startswith("test_") for part in parts):
                offences.append(f"{path.relative_to(ROOT)}:{line} imports another test module ({module})")
    assert not offences, offences
