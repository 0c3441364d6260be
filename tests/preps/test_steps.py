"""One step per question (preps/views/steps.py): each question's own page, its fields only, its tips, the
steps bar, Carmen's example folded after the first visit, and the no-JavaScript save of its other notes."""

import pytest
from django.urls import reverse

from preps.models import Answer
from preps.services import answer_save
from testsupport.factories import expected_question_create, share_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db


def step_url(prep, number: int) -> str:
    return reverse("prep_step", args=[prep.pk, number])


@pytest.fixture
def answered_prep(prep):
    """Question 2's text written; Dana on the roster; one expected question."""
    question = prep.worksheet.questions.get(position=2)
    answer_save(prep=prep, question=question, text="Call data from the CAD system.", base_version=0)
    stakeholder_create(prep=prep, name="Dana Whitfield", expertise="Knows the call types.")
    expected_question_create(prep=prep, text="Who is liable if a call escalates?")
    return prep


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "commenter"])
def test_every_step_opens_for_the_owner_and_each_colleague(client, answered_prep, role):
    user = answered_prep.owner
    if role != "owner":
        user = user_create(f"{role}-colleague", email_verified=True)
        share_create(prep=answered_prep, user=user, role=role)
    client.force_login(user)
    for number in (1, 2, 3, 4):
        response = client.get(step_url(answered_prep, number))
        assert response.status_code == 200, number
        assert f"Question {number} of 4" in response.text
    assert "Call data from the CAD system." in client.get(step_url(answered_prep, 2)).text


def test_outsiders_and_missing_steps_get_404(client, answered_prep, outsider):
    client.force_login(outsider)
    assert client.get(step_url(answered_prep, 1)).status_code == 404
    client.force_login(answered_prep.owner)
    assert client.get(step_url(answered_prep, 5)).status_code == 404
    assert client.get(f"/preps/{answered_prep.pk}/steps/0/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, prep):
    response = client.get(step_url(prep, 1))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_each_step_holds_only_its_own_fields(owner_client, answered_prep):
    person = answered_prep.stakeholders.get()
    pages = {number: owner_client.get(step_url(answered_prep, number)).text for number in (1, 2, 3, 4)}
    # The roster and power map only on step 1.
    assert 'id="roster"' in pages[1] and all('id="roster"' not in pages[n] for n in (2, 3, 4))
    assert 'id="power-map' in pages[1] or "power-map" in pages[1]
    # A field per person for question 2, two for question 3.
    assert f'id="p{person.pk}-expertise"' in pages[2]
    assert all(f'id="p{person.pk}-expertise"' not in pages[n] for n in (1, 3, 4))
    assert f'id="p{person.pk}-what_matters"' in pages[3] and f'id="p{person.pk}-concerns"' in pages[3]
    # Question 4's expected questions only there.
    assert 'id="expected-questions"' in pages[4]
    assert all('id="expected-questions"' not in pages[n] for n in (1, 2, 3))
    # Every step has one answer box: its question's text as "Other notes".
    for number, page in pages.items():
        key = answered_prep.worksheet.questions.get(position=number).key
        assert page.count(f'data-row-url="{reverse("answer_autosave", args=[answered_prep.pk, key])}"') == 1
        assert page.count("/answers/") == page.count("/answers/" + key + "/")  # no other question's box
        assert f'name="answer_{key}"' in page
        assert ">Other notes</label>" in page
    assert "Call data from the CAD system." in pages[2]


def test_the_steps_bar_marks_the_current_step_and_those_with_words(owner_client, answered_prep):
    page = owner_client.get(step_url(answered_prep, 2)).text
    assert page.count('aria-current="step"') == 1
    assert (
        'aria-current="step" class="step-dot current"><span class="visually-hidden">Question </span>2' in page
    )
    assert page.count("(has words)") == 1  # question 2's text (and Dana's expertise)
    assert f'href="{step_url(answered_prep, 1)}" rel="prev" aria-label="Back to question 1"' in page
    assert f'href="{step_url(answered_prep, 3)}" rel="next" aria-label="Next: question 3"' in page
    last = owner_client.get(step_url(answered_prep, 4)).text
    assert 'rel="next"' not in last
    assert (
        f'href="{reverse("prep_fill", args=[answered_prep.pk])}" aria-label="Done: back to the overview">Done'
        in last
    )


def test_each_step_shows_the_tips_that_belong_to_it(owner_client, prep):
    tips = {
        number: owner_client.get(step_url(prep, number)).text.split('id="step-help"')[1]
        for number in (1, 2, 3, 4)
    }
    assert "power mapping" in tips[1]
    assert "Learn about partner systems and operations." in tips[2]
    assert "Build a shared understanding of program goals." in tips[3]
    assert "Anticipate partner questions and prepare accordingly." in tips[4]
    first_faq = prep.worksheet.faq_entries.order_by("position").first().question
    assert first_faq in tips[4] and first_faq not in tips[1]
    assert "Learn about partner systems" not in tips[1] + tips[3] + tips[4]


def test_carmens_example_is_open_the_first_time_and_folded_after(owner_client, prep):
    first = owner_client.get(step_url(prep, 3)).text
    again = owner_client.get(step_url(prep, 3)).text
    assert '<details class="example" open>' in first
    assert '<details class="example">' in again
    assert '<details class="example" open>' in owner_client.get(step_url(prep, 4)).text


def test_without_javascript_a_step_saves_only_its_own_notes(owner_client, answered_prep):
    questions = {q.position: q for q in answered_prep.worksheet.questions.all()}
    response = owner_client.post(
        step_url(answered_prep, 3),
        {"answer_what-matters": "Officer safety, said twice.", "version_what-matters": 0},
    )
    assert response.status_code == 302
    assert response.url == step_url(answered_prep, 3)
    assert Answer.objects.get(prep=answered_prep, question=questions[3]).text == "Officer safety, said twice."
    # Question 2's text was not in the post and stays.
    assert (
        Answer.objects.get(prep=answered_prep, question=questions[2]).text == "Call data from the CAD system."
    )


def test_a_stale_version_keeps_the_typed_text_and_says_so(owner_client, answered_prep):
    response = owner_client.post(
        step_url(answered_prep, 2), {"answer_expertise": "Mine", "version_expertise": 0}
    )
    assert response.status_code == 409
    assert "was not saved over it" in response.text
    assert "Mine" in response.text


def test_a_bad_version_is_a_400_with_a_message(owner_client, prep):
    response = owner_client.post(step_url(prep, 1), {"answer_who-attends": "x", "version_who-attends": "abc"})
    assert response.status_code == 400
    assert "nothing was saved" in response.text


def test_viewers_cannot_post_a_step(client, prep):
    viewer = user_create("viewer-colleague", email_verified=True)
    share_create(prep=prep, user=viewer, role="viewer")
    client.force_login(viewer)
    response = client.post(step_url(prep, 1), {"answer_who-attends": "x", "version_who-attends": 0})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_the_roster_plain_posts_come_back_to_the_step(owner_client, answered_prep):
    person = answered_prep.stakeholders.get()
    page = owner_client.get(step_url(answered_prep, 1)).text
    assert '<input type="hidden" name="step" value="1" form="roster-add-form">' in page
    added = owner_client.post(
        reverse("stakeholder_add", args=[answered_prep.pk]),
        {"name": "Marcus Lee", "kind": "city", "invite": "invite", "step": "1"},
    )
    assert added.url == step_url(answered_prep, 1) + "#roster-add"
    moved = owner_client.post(
        reverse("stakeholder_move", args=[answered_prep.pk, person.pk]), {"direction": "down", "step": "2"}
    )
    assert moved.url == step_url(answered_prep, 2) + f"#person-{person.pk}"
    # A step that is not one of this meeting prep's, or no step: the fill page, as before.
    for step in ("9", "../../x", ""):
        response = owner_client.post(
            reverse("stakeholder_add", args=[answered_prep.pk]),
            {"name": f"Person {step}", "kind": "other", "invite": "invite", "step": step},
        )
        assert response.url == reverse("prep_fill", args=[answered_prep.pk]) + "#roster-add"


def test_a_new_meeting_prep_opens_at_its_first_question(owner_client, owner, worksheet):
    response = owner_client.post(reverse("prep_create"), {"meeting_title": "Kickoff"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/steps/1/")
    assert "Question 1 of 4" in response.text
