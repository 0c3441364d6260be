"""The dashboard, a meeting's details, and the fill page with JavaScript off (plain form posts)."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from preps.models import Answer, MeetingPrep
from preps.services import answer_save
from testsupport.factories import prep_create, question_create, worksheet_create

pytestmark = pytest.mark.django_db


def answer(prep, position, text):
    question = prep.worksheet.questions.get(position=position)
    return answer_save(prep=prep, question=question, text=text, base_version=0).row


def fill_form_data(prep, **texts_by_position):
    """What the fill page's form would post, with the given answers typed in."""
    data = {}
    for question in prep.worksheet.questions.all():
        current = Answer.objects.filter(prep=prep, question=question).first()
        data[f"answer_{question.key}"] = texts_by_position.get(
            f"q{question.position}", current.text if current else ""
        )
        data[f"version_{question.key}"] = current.version if current else 0
    return data


def test_home_explains_and_invites_sign_up(client, worksheet):
    response = client.get("/")
    assert response.status_code == 200
    assert "Walk into your first public safety meeting prepared" in response.text
    assert reverse("signup") in response.text
    assert "Who needs to be at the meeting?" in response.text


def test_empty_dashboard_invites_a_first_meeting(owner_client, worksheet):
    response = owner_client.get(reverse("dashboard"))
    assert "No meeting preps yet" in response.text


def test_dashboard_lists_own_preps_with_progress(owner_client, prep, outsider, worksheet):
    prep_create(owner=outsider, worksheet=worksheet, meeting_title="Oscar's secret meeting")
    answer(prep, 1, "Police chief, 911 director")
    answer(prep, 2, "   ")  # white space only is not an answer
    prep.meeting_date = datetime.date(2026, 12, 3)
    prep.save()
    response = owner_client.get(reverse("dashboard"))
    assert "First public safety work group" in response.text
    assert "1 of 4 answered" in response.text
    assert "Dec 3, 2026" in response.text
    assert "Oscar" not in response.text


def test_white_space_only_answers_count_as_unanswered_everywhere(owner_client, prep):
    answer(prep, 1, "\n\t \r\n")
    answer(prep, 2, "Police chief")
    assert "1 of 4 answered" in owner_client.get(reverse("dashboard")).text
    fill_page = owner_client.get(reverse("prep_fill", args=[prep.pk])).text
    assert '<span id="answered-count">1</span> of 4 questions answered' in fill_page


def test_create_prep_and_land_on_fill_page(owner_client, owner, worksheet):
    response = owner_client.post(
        reverse("prep_create"),
        {
            "meeting_title": "Kickoff with 911 and police",
            "meeting_date": "2026-12-03",
            "program_name": "CARE",
            "jurisdiction": "Durham",
        },
    )
    prep = MeetingPrep.objects.get(owner=owner)
    assert response.status_code == 302
    assert response.url == reverse("prep_fill", args=[prep.pk])
    assert prep.meeting_date == datetime.date(2026, 12, 3)
    assert prep.worksheet == worksheet


def test_create_requires_a_title(owner_client, worksheet):
    response = owner_client.post(reverse("prep_create"), {"meeting_title": ""})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not MeetingPrep.objects.exists()


def test_edit_details(owner_client, prep):
    response = owner_client.post(
        reverse("prep_edit", args=[prep.pk]), {"meeting_title": "Renamed", "meeting_date": "2027-01-15"}
    )
    assert response.status_code == 302
    prep.refresh_from_db()
    assert prep.meeting_title == "Renamed"
    assert prep.meeting_date == datetime.date(2027, 1, 15)


def test_duplicate_copies_details_and_answers(owner_client, prep):
    answer(prep, 1, "Chief Núñez")
    response = owner_client.post(reverse("prep_copy", args=[prep.pk]))
    copy = MeetingPrep.objects.exclude(pk=prep.pk).get()
    assert response.status_code == 302
    assert copy.meeting_title == "First public safety work group (copy)"
    assert copy.jurisdiction == "Springfield"
    assert copy.answers.get().text == "Chief Núñez"
    assert prep.answers.get().text == "Chief Núñez"


def test_duplicate_needs_post(owner_client, prep):
    assert owner_client.get(reverse("prep_copy", args=[prep.pk])).status_code == 405


def test_delete_asks_first_then_deletes(owner_client, prep):
    answer(prep, 1, "Something")
    confirm = owner_client.get(reverse("prep_delete", args=[prep.pk]))
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.text
    assert MeetingPrep.objects.filter(pk=prep.pk).exists()
    response = owner_client.post(reverse("prep_delete", args=[prep.pk]))
    assert response.status_code == 302
    assert not MeetingPrep.objects.filter(pk=prep.pk).exists()
    assert not Answer.objects.exists()


def test_fill_page_shows_questions_examples_tips_faq_and_progress(owner_client, prep):
    answer(prep, 3, "The chief wants to be included.")
    response = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    text = response.text
    assert response.status_code == 200
    for prompt in ("Who needs to be at the meeting?", "What questions might stakeholders have for me?"):
        assert prompt in text
    assert "Carmen’s example" in text
    assert "Typically, programs include leadership from the local 911 call center" in text
    assert "Questions I can answer" in text
    assert "Invest in relationships" in text
    assert "How many cities have an alternative response program?" in text
    assert "The chief wants to be included." in text
    assert '<span id="answered-count">1</span> of 4 questions answered' in text
    assert 'maxlength="50000"' in text


def test_fill_page_escapes_user_text(owner_client, prep):
    answer(prep, 1, "<script>alert('x')</script>")
    text = owner_client.get(reverse("prep_fill", args=[prep.pk])).text
    assert "<script>alert(" not in text
    assert "&lt;script&gt;alert(" in text


def test_no_js_submit_saves_every_changed_answer(owner_client, prep):
    answer(prep, 2, "Old text")
    data = fill_form_data(prep, q1="Police and 911", q2="New text")
    response = owner_client.post(reverse("prep_fill", args=[prep.pk]), data)
    assert response.status_code == 302
    texts = {a.question.position: (a.text, a.version) for a in prep.answers.select_related("question")}
    assert texts == {1: ("Police and 911", 1), 2: ("New text", 2)}
    page = owner_client.get(response.url)
    assert "Your answers are saved." in page.text


def test_no_js_submit_with_stale_version_keeps_both_texts(owner_client, prep):
    answer(prep, 1, "First window")
    stale = fill_form_data(prep, q1="Second window, based on the first save")
    answer_save(
        prep=prep, question=prep.worksheet.questions.get(position=1), text="Newer elsewhere", base_version=1
    )
    response = owner_client.post(reverse("prep_fill", args=[prep.pk]), stale)
    assert response.status_code == 409
    assert "changed in another window" in response.text
    assert "Second window, based on the first save" in response.text
    assert "Newer elsewhere" in response.text
    assert prep.answers.get().text == "Newer elsewhere"


def test_conflict_marks_the_box_invalid_and_names_its_error(owner_client, prep):
    """The answer boxes are written out (preps/_answer_field.html), not crispy's: a box with an error is
    marked invalid for assistive technology and points at its message."""
    answer(prep, 1, "First window")
    stale = fill_form_data(prep, q1="Mine & <yours>")
    answer_save(prep=prep, question=prep.worksheet.questions.get(position=1), text="Theirs", base_version=1)
    response = owner_client.post(reverse("prep_fill", args=[prep.pk]), stale)
    assert response.status_code == 409
    key = prep.worksheet.questions.get(position=1).key
    box = f"id_answer_{key}"
    assertInHTML(
        f'<textarea name="answer_{key}" cols="40" rows="8" aria-describedby="status-{key} {box}_error" '
        f'maxlength="50000" class="textarea form-control is-invalid" aria-invalid="true" id="{box}">'
        "Mine &amp; &lt;yours&gt;</textarea>",
        response.text,
    )
    assert f'<div id="{box}_error" class="invalid-feedback"><p id="error_1_{box}"><strong>' in response.text
    # The next post goes on the version now saved, so saving the kept text again succeeds.
    assertInHTML(f'<input type="hidden" name="version_{key}" value="2" id="id_version_{key}">', response.text)


def test_answer_box_keeps_a_leading_newline(owner_client, prep):
    """A browser drops the first newline inside a <textarea>: the box starts with one of its own."""
    answer(prep, 2, "\nAfter a blank line")
    text = owner_client.get(reverse("prep_fill", args=[prep.pk])).text
    key = prep.worksheet.questions.get(position=2).key
    assert f'id="id_answer_{key}">\n\nAfter a blank line</textarea>' in text
    assert f'<label for="id_answer_{key}" class="form-label">' in text


def test_no_js_submit_rejects_over_long_answer_and_keeps_saved_text(owner_client, prep, settings):
    answer(prep, 1, "Saved")
    data = fill_form_data(prep, q1="x" * (settings.ANSWER_MAX_CHARS + 1))
    response = owner_client.post(reverse("prep_fill", args=[prep.pk]), data)
    assert response.status_code == 400
    assert "character limit" in response.text
    assert prep.answers.get().text == "Saved"


def test_public_faq_page(client, worksheet):
    response = client.get(reverse("faq"))
    assert response.status_code == 200
    assert "Alternative Response Program Frequently Asked Questions" in response.text
    assert "Where can I learn more?" in response.text
    assert "89 and counting." in response.text


def test_unpublished_faq_entry_is_hidden(client, worksheet):
    worksheet.faq_entries.filter(position=8).update(is_published=False)
    assert "Where can I learn more?" not in client.get(reverse("faq")).text


def test_admin_edit_shows_on_next_page_view(owner_client, prep):
    prep.worksheet.questions.filter(position=1).update(
        example="Carmen now also invites the **transit police**."
    )
    text = owner_client.get(reverse("prep_fill", args=[prep.pk])).text
    assert "Carmen now also invites the <strong>transit police</strong>." in text


def test_a_second_published_worksheet_can_be_chosen_without_code(owner_client, owner, worksheet):
    second = worksheet_create(slug="after-launch", title="Reviewing the First Month")
    question_create(
        worksheet=second, key="went-well", position=1, prompt="What went well?", answer_label="My answers"
    )
    form = owner_client.get(reverse("prep_create"))
    assert "Reviewing the First Month" in form.text
    response = owner_client.post(
        reverse("prep_create"), {"worksheet": second.pk, "meeting_title": "One-month review"}
    )
    prep = MeetingPrep.objects.get(owner=owner)
    assert response.status_code == 302
    assert prep.worksheet == second
    assert "What went well?" in owner_client.get(prep.get_absolute_url()).text


def test_dashboard_pages_through_many_meetings(owner_client, owner, worksheet, django_assert_num_queries):
    for n in range(30):
        prep_create(owner=owner, worksheet=worksheet, meeting_title=f"Meeting number {n:02d}")
    first = owner_client.get(reverse("dashboard"))
    assert "Meeting preps 1–15 of 30" in first.text
    assert first.text.count('class="prep-card"') == 15
    assert 'rel="next" href="?page=2"' in first.text
    second = owner_client.get(reverse("dashboard"), {"page": 2})
    assert "Meeting preps 16–30 of 30" in second.text
    assert second.text.count('class="prep-card"') == 15
    # Not a page: the nearest real one, not an error.
    assert "Meeting preps 16–30 of 30" in owner_client.get(reverse("dashboard"), {"page": "99"}).text
    assert "Meeting preps 1–15 of 30" in owner_client.get(reverse("dashboard"), {"page": "x"}).text
    for n in range(30, 130):
        prep_create(owner=owner, worksheet=worksheet, meeting_title=f"Meeting number {n:02d}")
    # The same 8 queries for 130 preps as for 30 (one page is fetched): 4, the commitments badge, the preps
    # shared with the user, the people's next steps due, the page's open comments.
    with django_assert_num_queries(8):
        assert "Meeting preps 1–15 of 130" in owner_client.get(reverse("dashboard")).text


def test_dashboard_searches_own_meeting_titles(owner_client, owner, outsider, worksheet):
    prep_create(owner=owner, worksheet=worksheet, meeting_title="Kickoff with 911 and Police")
    prep_create(owner=owner, worksheet=worksheet, meeting_title="Budget hearing")
    prep_create(owner=outsider, worksheet=worksheet, meeting_title="Oscar's police meeting")
    response = owner_client.get(reverse("dashboard"), {"q": "  POLICE "})
    assert "Kickoff with 911 and Police" in response.text
    assert "Budget hearing" not in response.text
    assert "Oscar" not in response.text
    assert "1 meeting prep with “POLICE” in the title" in response.text
    none = owner_client.get(reverse("dashboard"), {"q": "zoning"})
    assert "No meeting prep has “zoning” in its title." in none.text
    assert "No meeting preps yet" not in none.text  # she has meeting preps, just none that match
    assert 'value="zoning"' in none.text


def test_dashboard_search_keeps_the_query_across_pages(owner_client, owner, worksheet):
    for n in range(27):
        prep_create(owner=owner, worksheet=worksheet, meeting_title=f"Work group {n}")
    prep_create(owner=owner, worksheet=worksheet, meeting_title="Unrelated")
    response = owner_client.get(reverse("dashboard"), {"q": "work group"})
    assert "Meeting preps 1–15 of 27 with “work group” in the title" in response.text
    assert 'href="?q=work%20group&amp;page=2"' in response.text
