"""Who may open what: every URL that names a meeting prep, for anonymous users, outsiders and the owner.

The URL list comes from the URLconf itself, so a new prep URL without a row in REQUESTS fails this test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# url name -> (method, extra url kwargs, status the owner gets)
REQUESTS = {
    "prep_fill": ("get", {}, 200),
    "prep_edit": ("get", {}, 200),
    "prep_copy": ("post", {}, 302),
    "prep_delete": ("get", {}, 200),
    "prep_pdf": ("get", {}, 200),
    "answer_autosave": ("post", {"question_id": "QUESTION"}, 200),
}


def prep_url_names(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from prep_url_names(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<int:pk>" in prefix + str(entry.pattern):
            if not (prefix + str(entry.pattern)).startswith("admin/"):
                yield entry.name


def test_every_prep_url_is_in_the_matrix():
    assert set(prep_url_names()) == set(REQUESTS)


def request(client, name, prep):
    method, extra, _ = REQUESTS[name]
    kwargs = {"pk": prep.pk, **extra}
    if kwargs.get("question_id") == "QUESTION":
        kwargs["question_id"] = prep.worksheet.questions.first().pk
    data = {"text": "probe", "version": 0} if name == "answer_autosave" else {}
    return getattr(client, method)(reverse(name, kwargs=kwargs), data)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_anonymous_is_sent_to_log_in(client, prep, name):
    response = request(client, name, prep)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_another_user_gets_404(client, outsider, prep, name):
    client.force_login(outsider)
    response = request(client, name, prep)
    assert response.status_code == 404
    assert prep.meeting_title not in response.content.decode(errors="replace")


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_owner_gets_through(owner_client, prep, name):
    assert request(owner_client, name, prep).status_code == REQUESTS[name][2]


@pytest.mark.parametrize("name", ["dashboard", "prep_create"])
def test_account_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
