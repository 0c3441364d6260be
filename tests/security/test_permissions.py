"""Who may open what: every URL pattern of the project, for each role: an anonymous visitor, another user
(``other``), the owner's colleagues (viewer, commenter, editor: sharing), a colleague whose access
was revoked, the owner, and staff.

The patterns are read from the URLconf itself (the admin's, the accounts', ours): a new URL without a row in
MATRIX (testsupport/permission_matrix.py, with the world its paths name) fails
``test_every_url_pattern_is_in_the_matrix``. For each pattern and role the test checks the status
(and where a redirect goes), and that the response - page, JSON, or PDF text - holds no other user's words.

The owner and another user each have a meeting prep full of their own marker words; URLs that name a prep
name the owner's. Colleagues may see the owner's words, never the other user's. Staff are superusers who own
nothing: the admin shows content, never anyone's prep.
"""

import io

import docx
import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from testsupport.permission_matrix import COLLEAGUES, MATRIX, OTHER_WORDS, OWNER_WORDS, ROLES, world_build

pytestmark = pytest.mark.django_db


def url_patterns(patterns=None, prefix=""):
    """Every route of the project, as the URLconf spells it (included prefixes joined)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_url_pattern_is_in_the_matrix():
    routes = list(url_patterns())
    assert len(routes) == len(set(routes)), "two patterns with the same route: one of them is unreachable"
    assert set(routes) - set(MATRIX) == set(), "URLs with no row in MATRIX: add them"
    assert set(MATRIX) - set(routes) == set(), "rows for URLs that no longer exist"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Everything the matrix's paths name, and the two users' preps full of their marker words.

    Built once for the module, in a transaction rolled back at its end: each case runs in a savepoint of its
    own inside it (pytest-django's per-test transaction), so what a case writes (a POST that deletes, revokes
    or saves) is undone before the next case reads the world.
    """
    with django_db_blocker.unblock(), override_settings(**WORLD_SETTINGS), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)


WORLD_SETTINGS = {
    "PASSWORD_HASHERS": ["testsupport.hashers.FastPBKDF2PasswordHasher"],
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "matrix"}},
}


@pytest.fixture(autouse=True)
def _each_case_in_a_fresh_cache(private_cache):
    """Each case starts with an empty cache: no case is served another case's render."""


def response_text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if "wordprocessingml" in response.get("Content-Type", ""):
        document = docx.Document(io.BytesIO(response.content))
        return " ".join(paragraph.text for paragraph in document.paragraphs)
    return response.content.decode(errors="replace")


def others_words(role: str) -> tuple[str, ...]:
    """The marker words this role must never be shown: everyone's but their own (and, for the owner's
    colleagues, the owner's)."""
    own = {"other": OTHER_WORDS, "owner": OWNER_WORDS, **dict.fromkeys(COLLEAGUES, OWNER_WORDS)}
    return tuple(word for word in OWNER_WORDS + OTHER_WORDS if word not in own.get(role, ()))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_status_and_no_one_elses_words(client, world, route, role):
    row = MATRIX[route]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    path = row.path.format(**world["paths"])
    # A posted value may name the world too ("{directory_person}").
    data = {
        key: value.format(**world["paths"]) if isinstance(value, str) else value
        for key, value in row.data.items()
    }

    response = getattr(client, row.method)(path, data)

    expected = row.expect[role]
    assert response.status_code == expected.status, f"{row.method.upper()} {path} as {role}"
    if expected.status == 302 and expected.location:
        assert response["Location"].startswith(expected.location), response["Location"]
    text = response_text(response)
    leaked = [word for word in others_words(role) if word in text]
    assert not leaked, f"{path} shows {role} someone else's words: {leaked}"
    if role == "owner" and row.owner_sees_own_words:
        assert any(word in text for word in OWNER_WORDS), "the owner's own words should be here"


def test_a_prep_in_the_admin_is_no_more_than_a_number(client, world):
    """The admin's "delete this user?" page lists what goes with the user, without the meeting's title."""
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("admin:auth_user_delete", args=[world["paths"]["owner_id"]])).content.decode()
    assert f"Meeting prep {world['paths']['prep']}" in page
    assert not any(word in page for word in OWNER_WORDS)
