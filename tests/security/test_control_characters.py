"""Control characters in typed text (issue 24, point 4), under one rule everywhere (``core.text``).

Word's line break (U+000B, what Shift+Enter pastes as) and page break (U+000C) are saved as the line break
they stand for; ESC, NUL, the other C0 controls and U+FFFE/U+FFFF are refused with a 400 that names the
character and changes nothing, on every form and script that saves text. The Word files (and the PDFs) of a
prep whose text was stored before the rule answer 200, without those characters.
"""

import io

import docx
import pytest
from django.urls import reverse

from briefs.models import AgendaItem, MeetingBrief
from briefs.services import brief_ensure
from outcomes.models import Decision
from outcomes.services import outcome_ensure, outcome_row_add
from preps.models import Answer, ExpectedQuestion, MeetingPrep, Stakeholder
from sharing.models import Comment
from sharing.services import comment_add
from testsupport.clients import stored_data
from testsupport.factories import answer_create, expected_question_create, stakeholder_create

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def refused_text(character: str) -> str:
    return f"Before{character}after"


@pytest.fixture
def person(prep):
    return stakeholder_create(prep=prep, name="Dana Whitfield")


def _autosave(client, prep, text):
    url = reverse("answer_autosave", args=[prep.pk, "who-attends"])
    return client.post(url, {"text": text, "version": 0}, **FETCH)


def _no_js_answers(client, prep, text):
    data = {f"answer_{q.key}": "" for q in prep.worksheet.questions.all()}
    data |= {f"version_{q.key}": 0 for q in prep.worksheet.questions.all()} | {"answer_who-attends": text}
    return client.post(reverse("prep_fill", args=[prep.pk]), data)


def _person(client, prep, text):
    person = prep.stakeholders.get()
    url = reverse("stakeholder_autosave", args=[prep.pk, person.pk])
    return client.post(url, {"version": person.version, "concerns": text}, **FETCH)


def _brief(client, prep, text):
    brief = brief_ensure(prep=prep)
    data = {"action": "details", "version": brief.version, "purpose": text, "place": "City Hall"}
    return client.post(reverse("prep_brief", args=[prep.pk]), data)


def _agenda(client, prep, text):
    brief = brief_ensure(prep=prep)
    data = {"action": "add", "version": brief.version, "title": "Follow-up", "note": text}
    return client.post(reverse("prep_brief", args=[prep.pk]), data)


def _expected(client, prep, text):
    return client.post(reverse("expected_question_create", args=[prep.pk]), {"text": text}, **FETCH)


def _decision(client, prep, text):
    outcome_ensure(prep=prep)
    return client.post(reverse("outcome_row_new", args=[prep.pk, "decision"]), {"text": text}, **FETCH)


def _comment(client, prep, text):
    data = {"comment": text, "question": "who-attends"}
    return client.post(reverse("comment_create", args=[prep.pk]), data)


def _details(client, prep, text):
    return client.post(reverse("prep_edit", args=[prep.pk]), {"meeting_title": text, "meeting_date": ""})


def _next_meeting(client, prep, text):
    data = {"meeting_title": text, "meeting_date": "2027-03-01"}
    return client.post(reverse("series_next", args=[prep.pk]), data)


SURFACES = {
    "answer-autosave": (_autosave, lambda prep: Answer.objects.get(prep=prep).text),
    "answers-without-javascript": (_no_js_answers, lambda prep: Answer.objects.get(prep=prep).text),
    "roster-person": (_person, lambda prep: Stakeholder.objects.get(prep=prep).concerns),
    "brief-details": (_brief, lambda prep: MeetingBrief.objects.get(prep=prep).purpose),
    "agenda-item": (_agenda, lambda prep: AgendaItem.objects.get(brief__prep=prep, title="Follow-up").note),
    "expected-question": (_expected, lambda prep: ExpectedQuestion.objects.get(prep=prep).text),
    "outcome-decision": (_decision, lambda prep: Decision.objects.get(outcome__prep=prep).text),
    "comment": (_comment, lambda prep: Comment.objects.get(prep=prep).text),
    "meeting-details": (_details, lambda prep: MeetingPrep.objects.get(pk=prep.pk).meeting_title),
    "next-meeting": (_next_meeting, lambda prep: MeetingPrep.objects.exclude(pk=prep.pk).get().meeting_title),
}


@pytest.mark.parametrize("surface", list(SURFACES))
def test_word_line_and_page_breaks_are_saved_as_newlines(owner_client, prep, person, surface):
    post, stored = SURFACES[surface]
    response = post(owner_client, prep, "Line one\x0bline two\x0cline three")
    assert response.status_code in (200, 302), response.content[:300]
    assert stored(prep) == "Line one\nline two\nline three"


@pytest.mark.parametrize("character", ["\x1b", "\ufffe", "\x07"], ids=["ESC", "U+FFFE", "BEL"])
@pytest.mark.parametrize("surface", list(SURFACES))
def test_other_control_characters_are_a_400_that_changes_nothing(
    owner_client, prep, person, surface, character
):
    post, _stored = SURFACES[surface]
    brief_ensure(prep=prep)
    outcome_ensure(prep=prep)
    before = stored_data()
    response = post(owner_client, prep, refused_text(character))
    assert response.status_code == 400
    body = response.content.decode()
    assert f"U+{ord(character):04X}" in (
        response.json()["message"] if "json" in response["Content-Type"] else body
    )
    assert stored_data() == before


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells + [document.core_properties.title])


def test_the_word_files_take_what_the_forms_accepted(owner_client, prep, person):
    assert _autosave(owner_client, prep, "Chief\x0bDeputy").status_code == 200
    assert _person(owner_client, prep, "Budget\x0cStaffing").status_code == 200
    assert _brief(owner_client, prep, "Agree\x0bon a pilot").status_code == 302
    for name in ("prep_docx", "prep_brief_docx"):
        response = owner_client.get(reverse(name, args=[prep.pk]))
        assert response.status_code == 200, name
    notes = _docx_text(owner_client.get(reverse("prep_docx", args=[prep.pk])).content)
    assert "Chief\nDeputy" in notes and "Budget\nStaffing" in notes


STORED_BEFORE = "Kept\x0bfrom\x0cbefore \x1bthe\ufffe rule\x07."
PRINTED = "Kept\nfrom\nbefore the rule."


@pytest.fixture
def stored_before_the_rule(prep, owner, person):
    """Text written past the services (as it was stored before the rule existed), in every field the
    documents show."""
    question = prep.worksheet.questions.get(key="who-attends")
    answer_create(prep=prep, question=question, text=STORED_BEFORE)
    Stakeholder.objects.filter(pk=person.pk).update(
        name="Dana\x1b Whitfield", role=STORED_BEFORE, concerns=STORED_BEFORE, what_matters=STORED_BEFORE
    )
    MeetingPrep.objects.filter(pk=prep.pk).update(
        meeting_title="Kick\x1boff", program_name=STORED_BEFORE, jurisdiction="Metro\ufffe"
    )
    brief = brief_ensure(prep=prep)
    MeetingBrief.objects.filter(pk=brief.pk).update(
        purpose=STORED_BEFORE, desired_outcome=STORED_BEFORE, primer=STORED_BEFORE, place="Hall\x1b"
    )
    AgendaItem.objects.filter(brief=brief).update(note=STORED_BEFORE, lead="Chief\x1b")
    expected_question_create(prep=prep, text="Who pays\x1b?", answer=STORED_BEFORE, askers=[person])
    outcome_ensure(prep=prep)
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot"})
    Decision.objects.update(text=STORED_BEFORE)
    comment = comment_add(prep=prep, author=owner, text="Check", question_key="who-attends")
    Comment.objects.filter(pk=comment.pk).update(text=STORED_BEFORE)
    owner.first_name = "Olivia\x1b"
    owner.save()
    return prep


@pytest.mark.parametrize("name", ["prep_docx", "prep_brief_docx"])
def test_the_word_files_of_text_stored_before_the_rule_leave_its_control_characters_out(
    owner_client, stored_before_the_rule, name
):
    prep = stored_before_the_rule
    MeetingBrief.objects.filter(prep=prep).update(include_person_notes=True)
    response = owner_client.get(
        reverse(name, args=[prep.pk]), {"comments": "1"} if name == "prep_docx" else {}
    )
    assert response.status_code == 200
    text = _docx_text(response.content)
    assert PRINTED in text and "Kickoff" in text
    assert not any(character in text for character in "\x1b\ufffe\x07\x0b\x0c")


@pytest.mark.parametrize("name", ["prep_pdf", "prep_brief_pdf"])
def test_the_pdfs_of_text_stored_before_the_rule_render(owner_client, stored_before_the_rule, name):
    response = owner_client.get(reverse(name, args=[stored_before_the_rule.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize(("example", "status"), [("Carmen\x1b invites", 200), ("Carmen\x0binvites", 302)])
def test_the_admin_takes_the_worksheet_text_under_the_same_rule(admin_client, worksheet, example, status):
    question = worksheet.questions.get(position=1)
    data = {
        "worksheet": worksheet.pk,
        "key": question.key,
        "position": 1,
        "prompt": question.prompt,
        "example": example,
        "answer_label": "My answers",
    }
    response = admin_client.post(reverse("admin:worksheets_question_change", args=[question.pk]), data)
    assert response.status_code == status
    question.refresh_from_db()
    if status == 200:  # the form again, with the message under the field
        assert "U+001B" in response.text and "\x1b" not in question.example
    else:
        assert question.example == "Carmen\ninvites"
