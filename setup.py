"""Packaging beyond pyproject.toml: the site-wide folders ship inside the ``prepmeet`` package.

``templates/``, ``static/`` and ``fixtures/`` sit at the top of a checkout, beside ``manage.py``. They are not
packages, and a wheel has no place beside its packages for them, so each is mapped to a package of its own
inside ``prepmeet`` (``prepmeet/static/...`` in the wheel); ``prepmeet/settings.py`` looks there when it runs
from an installed wheel. pyproject.toml cannot add a mapped package to the ones it finds, hence this file.
"""

from setuptools import find_packages, setup

APPS = [
    *("prepmeet", "core", "accounts", "worksheets", "preps"),
    *("briefs", "documents", "outcomes", "sharing", "asks"),
]
SITE_FOLDERS = {f"prepmeet.{folder}": folder for folder in ("templates", "static", "fixtures")}

APP_PACKAGES = find_packages(include=[pattern for app in APPS for pattern in (app, f"{app}.*")])

setup(packages=[*APP_PACKAGES, *SITE_FOLDERS], package_dir=SITE_FOLDERS)
