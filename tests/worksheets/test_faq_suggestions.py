"""Question 4's FAQ suggestions: the JSON endpoint's shape and refusals, stems, synonyms, typos and an admin's
search terms, and the quality bar on the phrasing set (top-3 at 90% or better)."""

import pytest
from django.urls import reverse

from testsupport.faq_phrasings import PHRASINGS
from testsupport.faq_quality import faq_quality, seed_faq_entries
from worksheets.faq_search import QUERY_MAX_CHARS, suggest, terms
from worksheets.models import FAQEntry


def ids(query, entries=None) -> list[int]:
    return [s.faq_id for s in suggest(query, entries or seed_faq_entries())]


def test_the_phrasing_set_is_big_enough_and_covers_every_entry():
    assert len(PHRASINGS) >= 40
    assert {position for _q, position in PHRASINGS} == {e.pk for e in seed_faq_entries()}


def test_top3_accuracy_holds_the_bar():
    quality = faq_quality()
    assert quality.top3_rate >= 0.9, quality.misses
    assert quality.top1_rate >= 0.8, quality.misses


def test_stems_meet_across_word_forms():
    assert terms("replacing")[0][1] == terms("replaced")[0][1] == terms("replace")[0][1]
    assert ids("replacement of police officers")[0] == 4


def test_synonyms_abbreviations_and_typos():
    assert ids("cops")[0] == 4
    assert ids("get sued")[0] == 6
    assert ids("liabilty")[0] == 6  # a typo within the edit distance
    assert ids("crme rate")[0] == 7


def test_nothing_fits_is_empty():
    assert ids("") == []
    assert ids("the and of") == []
    assert ids("zebra xylophone quartz") == []


def test_an_admins_search_terms_are_matched():
    entries = seed_faq_entries()
    assert 2 not in ids("potholes", entries)[:1]
    entries[1].search_terms += "\npotholes"
    assert ids("potholes", entries)[0] == 2


@pytest.mark.django_db
def test_the_endpoint_answers_the_agreed_shape_best_first(owner_client, prep):
    response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), {"q": "Could we get sued?"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert suggestions
    liability = FAQEntry.objects.get(worksheet=prep.worksheet, position=6)
    first = suggestions[0]
    assert set(first) == {"faq_id", "question", "score", "matched"}
    assert (first["faq_id"], first["question"]) == (liability.pk, liability.question)
    assert "sued" in first["matched"]
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.django_db
def test_the_endpoint_uses_search_terms_edited_in_the_database(owner_client, prep):
    FAQEntry.objects.filter(worksheet=prep.worksheet, position=8).update(search_terms="podcast")
    response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), {"q": "any podcast?"})
    assert response.json()["suggestions"][0]["question"] == "Where can I learn more?"


@pytest.mark.django_db
def test_unpublished_entries_are_never_suggested(owner_client, prep):
    FAQEntry.objects.filter(worksheet=prep.worksheet, position=6).update(is_published=False)
    response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), {"q": "lawsuit liability"})
    assert "legal liability" not in response.content.decode()


@pytest.mark.django_db
def test_the_endpoint_with_nothing_to_find(owner_client, prep):
    for params in ({}, {"q": ""}, {"q": "zebra"}):
        response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), params)
        assert (response.status_code, response.json()) == (200, {"suggestions": []})


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["x" * (QUERY_MAX_CHARS + 1), "police\x00"])
def test_bad_queries_are_a_400(owner_client, prep, query):
    response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), {"q": query})
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"


@pytest.mark.django_db
def test_a_post_is_refused(owner_client, prep):
    assert owner_client.post(reverse("faq_suggestions", args=[prep.pk]), {"q": "x"}).status_code == 405
