"""The browser tests' Chromium fixtures (Debian's Chromium through Playwright), for the checkers' test."""

import pytest

from testsupport.browser_fixtures import (  # noqa: F401 (fixtures)
    _a_cache_of_its_own,
    browser_context_args,
    browser_type_launch_args,
)


def pytest_collection_modifyitems(items):
    # Like a browser test: under CI=true a skip is a failure (tests/conftest.py).
    for item in items:
        if "tests/checkers/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
