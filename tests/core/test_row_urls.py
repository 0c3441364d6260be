"""``core.row_urls.row_url``: the fill page's per-row URLs, reversed once per pattern instead of per row."""

import pytest
from django.urls import path, reverse, set_script_prefix

from core.row_urls import row_url


def _view(request, **kwargs):  # pragma: no cover - never called, only reversed
    raise AssertionError


urlpatterns = [
    path("a/<int:pk>/b/<int:person_id>/", _view, name="two_ids"),
    path("a/<int:pk>/<str:word>/", _view, name="id_and_word"),
]


@pytest.mark.parametrize(
    "viewname", ["stakeholder_autosave", "stakeholder_remove", "stakeholder_edit", "stakeholder_move"]
)
def test_the_rosters_urls_are_what_reverse_makes(viewname):
    for prep_pk, pk in [(1, 2), (7, 7), (12, 3), (9_223_372_036_854_775_807, 1)]:
        assert row_url(viewname, prep_pk, pk) == reverse(viewname, args=[prep_pk, pk])


def test_the_script_prefix_is_kept():
    try:
        set_script_prefix("/prepmeet/")
        assert row_url("stakeholder_edit", 3, 4) == "/prepmeet/preps/3/people/4/"
    finally:
        set_script_prefix("/")


def test_another_urlconf_gets_its_own_patterns(settings):
    settings.ROOT_URLCONF = __name__
    assert row_url("two_ids", 5, 6) == "/a/5/b/6/"
    assert row_url("id_and_word", 5, 6) == reverse("id_and_word", args=[5, 6]) == "/a/5/6/"
