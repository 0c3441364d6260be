import pytest

from testsupport.clients import BrowserClient


@pytest.fixture
def browser_client(owner):
    return BrowserClient(owner)
