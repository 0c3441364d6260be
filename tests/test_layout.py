"""The house rules of the layout (docs/architecture.md), checked by reading the code.

* The apps depend one way: an app imports only apps on a lower level (``LEVELS``), at the top of a module or
  inside a function, and its templates load tag libraries and include templates of lower levels only. No app
  imports the project package, the tests, the benchmarks or their support code.
* Views only call services (writes) and selectors (reads): no ORM manager, no ``save``/``delete``/``update``
  in a view module.
* Tests and benchmarks share code through ``testsupport/`` only: no test imports a ``conftest`` or another
  test module, and ``tests/`` and ``bench/`` never import each other.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["core", "accounts", "worksheets", "preps", "briefs", "documents", "outcomes", "sharing", "asks"]
WRITES = {"save", "delete", "update", "create", "bulk_create", "get_or_create", "update_or_create"}

# The order of docs/architecture.md: an app may use the apps on lower levels, never one on its own level or
# above. What a lower app needs from a higher one it asks through core.contributions or a signal.
LEVELS = {
    "core": 0,
    "accounts": 1,
    "worksheets": 1,
    "preps": 2,
    "sharing": 3,
    "briefs": 3,
    "outcomes": 4,
    "asks": 4,
    "documents": 5,
}
NEVER_FROM_APPS = {"prepmeet", "tests", "testsupport", "bench"}
TEMPLATE_TAGS = re.compile(r"{%\s*(load|include|extends)\s+(.+?)\s*%}", re.DOTALL)


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


def tag_library_apps() -> dict[str, str]:
    """Each template tag library's name, and the app that defines it."""
    return {
        path.stem: app
        for app in LEVELS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def backward_imports(app: str) -> list[str]:
    """The imports in ``app``'s Python files of an app on its own level or above, or of a package that no app
    may import, wherever they stand (the top of the module or inside a function)."""
    offences = []
    for path in python_files(app):
        for line, module in imported_modules(path):
            other = module.split(".")[0]
            backward = other in LEVELS and other != app and LEVELS[other] >= LEVELS[app]
            if backward or other in NEVER_FROM_APPS:
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return sorted(set(offences))


def backward_template_uses(app: str) -> list[str]:
    """``{% load %}`` of a tag library, ``{% include %}`` or ``{% extends %}`` of a template, belonging to an
    app on ``app``'s own level or above (an app's templates live in ``<app>/templates/<app>/``)."""
    libraries = tag_library_apps()
    offences = []
    for path in sorted((ROOT / app / "templates").rglob("*")):
        if not path.is_file():
            continue
        for tag, argument in TEMPLATE_TAGS.findall(path.read_text()):
            if tag == "load":
                words = argument.split()
                names = words[words.index("from") + 1 :] if "from" in words else words
                owners = {name: libraries.get(name) for name in names}
            else:
                name = argument.split()[0].strip("\"'")
                owners = {name: name.split("/")[0]} if "/" in name else {}
            for name, owner in owners.items():
                if owner in LEVELS and owner != app and LEVELS[owner] >= LEVELS[app]:
                    offences.append(f"{path.relative_to(ROOT)}: {tag} {name}")
    return sorted(set(offences))


def test_every_app_has_a_level():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LEVELS)


@pytest.mark.parametrize("app", LEVELS)
def test_apps_import_only_apps_below_them(app):
    assert backward_imports(app) == []


@pytest.mark.parametrize("app", LEVELS)
def test_templates_use_only_apps_below_them(app):
    """A page of a lower app shows a higher app's part through ``core.contributions``: the part names its
    template and hands it its data."""
    assert backward_template_uses(app) == []


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
