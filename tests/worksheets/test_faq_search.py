"""The FAQ suggestion engine on what stakeholders write: several personal sentences, paraphrase, idioms and
typos (a few of the benchmark's messages; bench/faq_suggestions.py measures them all), nothing for
gibberish, and hostile input handled."""

import pytest
from django.urls import reverse

from testsupport.faq_phrasings import STAKEHOLDER_PHRASINGS
from testsupport.faq_quality import faq_quality, seed_faq_entries
from worksheets.faq_search import QUERY_MAX_CHARS, suggest, terms

LIABILITY, SAFETY, REPLACE = 6, 3, 4

CHIEFS_MESSAGE = (
    "I've got 212 sworn officers and a contract that says we respond to every call in this city. "
    "Who is going to answer to me when one of your counselors walks into something and gets hurt?"
)


def ids(query: str) -> list[int]:
    return [s.faq_id for s in suggest(query, seed_faq_entries())]


def test_the_chiefs_message_suggests_the_liability_answer():
    suggestions = suggest(CHIEFS_MESSAGE, seed_faq_entries())
    assert LIABILITY in [s.faq_id for s in suggestions[:3]]
    liability = next(s for s in suggestions if s.faq_id == LIABILITY)
    assert liability.matched[0] == "answer to"  # what weighs most first, as written


# The city attorney's, the knife, "defund", "moves the needle": one for each of four entries.
@pytest.mark.parametrize(("message", "expected"), [STAKEHOLDER_PHRASINGS[i] for i in (1, 6, 7, 11)])
def test_long_personal_messages_find_their_entry(message, expected):
    assert expected in ids(message)[:3]


def test_the_stakeholders_messages_hold_the_bar():
    quality = faq_quality(phrasings=STAKEHOLDER_PHRASINGS)
    assert quality.top3_rate >= 0.9, quality.misses


def test_what_a_message_asks_outweighs_the_sentences_around_it():
    message = "Our insurance premiums went up again this year. Will the people you send get hurt out there?"
    assert ids(message)[0] == SAFETY
    message = "My staff get hurt on these calls every month. Who pays when your team gets sued?"
    assert ids(message)[0] == LIABILITY


def test_idioms_and_typos_of_synonyms():
    assert ids("If it goes wrong, is the city on the hook?")[0] == LIABILITY
    assert ids("what about a lawsiut")[0] == LIABILITY  # a typo of "lawsuit", a synonym, not an FAQ word
    assert ids("will they get rid of the cops")[0] == REPLACE


def test_an_idiom_is_shown_as_written_and_read_across_a_wrapped_line():
    first = suggest("Is the city on the hook?", seed_faq_entries())[0]
    assert (first.faq_id, first.matched) == (LIABILITY, ["on the hook", "city"])
    assert [word for word, _stem in terms("what if it goes\n  sideways")] == ["goes sideways"]


def test_a_short_word_is_not_taken_for_a_typo_of_another():
    assert ids("ready") == []  # not "read" (learn more)
    assert ids("short") == []  # not "shot" (safety)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "?!?. ...",
        "asdf qwer zxcv",
        "lorem ipsum dolor sit amet",
        "What time is the meeting on Tuesday?",
    ],
)
def test_nothing_fits_is_empty(text):
    assert ids(text) == []


def test_a_very_long_text_is_read_up_to_the_cap_only():
    filler = "Thank you for the invitation to the meeting. " * (QUERY_MAX_CHARS // 40)
    assert ids(filler + "Could we get sued?") == []  # the question sits past the cap
    assert ids("Could we get sued? " + filler)[0] == LIABILITY


@pytest.mark.parametrize(
    "text",
    [
        "sued " * 200_000,  # a megabyte
        "\u202e\u200b\ufeffsued\U0001f600\x00\x07",
        "liability?" * 5000,
        "'" * 3000 + "-" * 3000 + "?" * 3000,
        "\n\n\n".join(["who pays?"] * 500),
    ],
)
def test_hostile_text_is_answered_without_error(text):
    suggestions = suggest(text, seed_faq_entries())
    assert all(isinstance(s.score, float) for s in suggestions)


@pytest.mark.django_db
def test_the_endpoint_answers_a_long_message(owner_client, prep):
    response = owner_client.get(reverse("faq_suggestions", args=[prep.pk]), {"q": CHIEFS_MESSAGE})
    assert response.status_code == 200
    questions = [s["question"] for s in response.json()["suggestions"][:3]]
    assert any("liability" in question for question in questions)
