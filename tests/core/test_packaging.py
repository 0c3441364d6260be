"""``pip install .`` (not editable) installs a complete app, as a Dockerfile would.

The wheel is built from this checkout, its file list checked against the source tree (every app package,
template and migration, and the top-level templates/, static/ and fixtures/, which ship inside the prepmeet
package), then it is installed into an empty folder and, from another
directory, migrates a new database, loads the content and renders the blank PDF with the installed files.
"""

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["prepmeet", "core", "accounts", "worksheets", "preps", "briefs", "documents", "outcomes", "sharing"]
SITE_FOLDERS = ["templates", "static", "fixtures"]
NOT_SHIPPED = {"__pycache__"}


def source_files() -> set[str]:
    """What the wheel must hold: every file of every app package but compiled bytecode, and every file of the
    site-wide folders under prepmeet/."""
    files = set()
    for folder in APPS + SITE_FOLDERS:
        inside = "" if folder in APPS else "prepmeet/"
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and not NOT_SHIPPED & set(path.parts) and path.suffix != ".pyc":
                files.add(inside + path.relative_to(ROOT).as_posix())
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: setuptools leaves build/ behind in the tree it builds, and a stale build/ could hide
    # a file the package no longer declares.
    source = tmp_path_factory.mktemp("source") / "prepmeet"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "artifacts", "build", "*.egg-info"),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("prepmeet-*.whl"))


def test_the_wheel_holds_every_module_template_static_file_fixture_and_migration(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = source_files()
    assert not expected - names, sorted(expected - names)[:20]
    kinds = {
        "templates": "prepmeet/templates/base.html",
        "app templates": "preps/templates/preps/prep_fill.html",
        "static": "prepmeet/static/pdf/worksheet.css",
        "page static": "prepmeet/static/css/site.css",
        "fonts": "prepmeet/static/pdf/fonts/noto/NotoSans-Regular.ttf",
        "fixture": "prepmeet/fixtures/worksheet.json",
        "migration": "preps/migrations/0001_initial.py",
    }
    assert {kind: path in names for kind, path in kinds.items()} == dict.fromkeys(kinds, True)
    assert not [name for name in names if name.startswith(("tests/", "bench/", "testsupport/"))]


INSTALLED_RUN = textwrap.dedent(
    """
    import prepmeet, django
    assert prepmeet.__file__.startswith({target!r}), prepmeet.__file__
    django.setup()
    from django.contrib.staticfiles import finders
    from django.template.loader import get_template
    template = get_template("base.html").origin.name
    for found in [template, finders.find("css/site.css"), finders.find("pdf/brief.css")]:
        assert found.startswith({target!r}), found
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    from documents.sources import blank_pdf_source
    from worksheets.models import Worksheet
    pdf = blank_pdf_source(Worksheet.objects.get()).render()
    print("pdf", len(pdf), pdf[:5])
    """
)


def test_an_installed_wheel_migrates_loads_content_and_renders_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(target),
        "DJANGO_SETTINGS_MODULE": "prepmeet.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", INSTALLED_RUN.format(target=str(target))],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "pdf" in result.stdout and "b'%PDF-'" in result.stdout
    check = subprocess.run(
        [sys.executable, "-m", "prepmeet", "check"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0 and "no issues" in check.stdout, check.stderr[-3000:]
