"""One noun per concept: every page, button, e-mail, file name and JSON field the user sees uses the
words of the README's "Words we use":

- **the worksheet**: the published GPL worksheet (questions, Carmen's examples, tips, FAQ), the same for all;
- **meeting prep**: one director's filled copy of it for one meeting ("prep" alone only in URLs and code);
- **meeting**: the meeting itself (its title, date, place), never the copy;
- **preparation notes** and **meeting brief**: the two documents made from a meeting prep.

Only what the user reads is checked: the text of pages (with what screen readers read: ``title``,
``aria-label``, ``placeholder``, ``alt``, ``value`` of buttons), messages, e-mails, ``Content-Disposition``
file names and the export's JSON field names; not URLs, CSS classes or Python names.
"""

import datetime
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse

from briefs.models import AgendaItem
from briefs.selectors import brief_for_prep
from briefs.services import brief_ensure
from documents.sources import pdf_source
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add
from preps.selectors import prep_with_content
from sharing.services import invitation_send
from testsupport.factories import (
    answers_fill,
    expected_question_create,
    prep_create,
    stakeholder_create,
    user_create,
)

pytestmark = pytest.mark.django_db

# What names the director's copy by another noun. Each was on a page, in a message or a file name before.
WRONG = [
    (re.compile(r"(?<!meeting )(?<!Meeting )\b[Pp]reps?\b"), "“prep” alone: say “meeting prep”"),
    (re.compile(r"\b[Mm]eeting [Pp]reparations?\b"), "“meeting preparation”: say “meeting prep”"),
    (re.compile(r"\b(?:[Mm]y|[Yy]our|[Aa]ll|[Nn]o) meetings\b"), "her meeting preps called “meetings”"),
    (
        re.compile(r"(?<!of )\b\d+ meetings?\b(?! preps?)|\bMeetings \d"),
        "meeting preps counted as “meetings”",
    ),
    (re.compile(r"\b(?:[Mm]y|[Yy]our|a filled|the) worksheets\b"), "her meeting preps called worksheets"),
    (
        re.compile(r"Back to the worksheet|than a (?:filled )?worksheet (?:has|can)"),
        "her copy called a worksheet",
    ),
    (re.compile(r"Delete this meeting\b(?! prep)|[Tt]his meeting stays"), "her copy called the meeting"),
    (
        re.compile(r"(?:open|PDF of) this meeting\b(?! prep)|this meeting’s fillable"),
        "her copy called the meeting",
    ),
    (re.compile(r"on this meeting and|Open that meeting and"), "her copy called the meeting"),
    (re.compile(r"previous meeting$|^The next meeting is ready"), "a meeting prep called the meeting"),
    (re.compile(r"^Details$"), "a bare “Details”: say “Edit meeting details”"),
]

# Elements whose text runs on with its neighbours' (no word break between them).
INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "code",
    "em",
    "i",
    "kbd",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")


class _Visible(HTMLParser):
    """The text a reader sees or hears, as one string per block (element text and read attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self.skip += 1
        if tag not in INLINE:
            self.parts.append("\n")
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(f"\n{attrs[name]}\n")
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(f"\n{attrs['value']}\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip -= 1
        if tag not in INLINE:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_lines(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    text = "".join(parser.parts)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def wrong_words(lines: list[str]) -> list[str]:
    return [f"{why}: {line!r}" for line in lines for pattern, why in WRONG if pattern.search(line)]


@pytest.fixture
def full_prep(owner, worksheet):
    """A meeting prep with everything a page can show: answers, a roster, question 4, a brief, an outcome,
    a next meeting in its series."""
    prep = prep_create(owner=owner, worksheet=worksheet, meeting_date=datetime.date(2026, 12, 3))
    answers_fill(prep)
    dana = stakeholder_create(prep=prep, name="Dana Whitfield", stance="skeptical", influence="high")
    faq = worksheet.faq_entries.first()
    expected_question_create(prep=prep, text="Who is liable?", askers=[dana], faq_entries=[faq])
    brief_ensure(prep=prep)
    outcome_ensure(prep=prep)
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(
        prep=prep,
        kind_name="commitment",
        changes={"what": "Send call data", "owner_name": "Dana", "due": "2026-12-20"},
    )
    outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who pays?"})
    return prep


def _pages(prep, nxt):
    person = prep.stakeholders.first()
    question = prep.expected_questions.first()
    agenda = AgendaItem.objects.filter(brief__prep=nxt).first()
    pages = [
        reverse("home"),
        reverse("faq"),
        reverse("dashboard"),
        reverse("prep_create"),
        prep.get_absolute_url(),
        nxt.get_absolute_url(),
        *(reverse("prep_step", args=[prep.pk, number]) for number in (1, 2, 3, 4)),
        reverse("prep_edit", args=[prep.pk]),
        reverse("prep_delete", args=[prep.pk]),
        reverse("stakeholder_add", args=[prep.pk]),
        reverse("stakeholder_edit", args=[prep.pk, person.pk]),
        reverse("stakeholder_remove", args=[prep.pk, person.pk]),
        reverse("expected_question_add", args=[prep.pk]),
        reverse("expected_question_edit", args=[prep.pk, question.pk]),
        reverse("expected_question_remove", args=[prep.pk, question.pk]),
        reverse("prep_brief", args=[prep.pk]),
        reverse("prep_brief", args=[nxt.pk]),
        reverse("outcome_record", args=[prep.pk]),
        reverse("series_next", args=[prep.pk]),
        reverse("work_group", args=[prep.work_group_id]),
        reverse("work_group_edit", args=[prep.work_group_id]),
        reverse("work_group_team", args=[prep.work_group_id]),
        reverse("prep_import", args=[prep.pk]),
        reverse("sharing", args=[prep.pk]),
        reverse("answer_history", args=[prep.pk, "who-attends"]),
        reverse("account"),
        reverse("account_delete"),
        reverse("password_change"),
    ]
    if agenda:
        pages.append(reverse("agenda_item_edit", args=[nxt.pk, agenda.pk]))
    return pages


def _series(prep):
    return series_next_create(prep=prep, meeting_date=datetime.date(2027, 1, 14))


def test_the_check_catches_the_old_words():
    old = [
        "My meetings",
        "2 meetings",
        "Meetings 1–15 of 40",
        "No meetings yet",
        "Your meeting preparations: upcoming meetings first",
        "Delete this meeting",
        "Back to the worksheet",
        "Back to the previous meeting",
        "The next meeting is ready: the roster's new ratings",
        "This meeting stays as it is.",
        "Details",
        "prep first public safety work group 2026 12 03 notes.pdf",
        "previous meeting",
    ]
    assert [line for line in old if not wrong_words([line])] == []
    new = [
        "My meeting preps",
        "2 meeting preps",
        "Edit meeting details",
        "A new meeting prep in this work group",
        "This meeting has passed.",
        "Walk into your first public safety meeting prepared.",
        "About this worksheet",
        "prepmeet",
        "Stance of each person at each meeting",
        "A work group of 20 meetings",
    ]
    assert wrong_words(new) == []


def test_every_page_uses_the_chosen_words(owner_client, full_prep):
    nxt = _series(full_prep)
    found = {}
    for url in _pages(full_prep, nxt):
        response = owner_client.get(url)
        assert response.status_code == 200, url
        if problems := wrong_words(visible_lines(response.text)):
            found[url] = problems
    assert found == {}


def test_a_colleagues_pages_use_the_chosen_words(client, full_prep, private_cache):
    """What a viewer sees of a shared meeting prep (the read-only page, the dashboard's "Shared with me"),
    and the invitation she accepts it from."""
    colleague = user_create("vera", email_verified=True)
    invitation_send(
        prep=full_prep, email=colleague.email, role="viewer", invited_by=full_prep.owner, link_base=""
    )
    client.force_login(colleague)
    client.get(re.search(r"/invitations/\S+/", mail.outbox[-1].body).group(0))
    found = {}
    for url, method in ((reverse("invitation_accept"), "get"), (reverse("invitation_accept"), "post")):
        response = getattr(client, method)(url, follow=True)
        if problems := wrong_words(visible_lines(response.text)):
            found[url + method] = problems
    for url in (full_prep.get_absolute_url(), reverse("dashboard")):
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := wrong_words(visible_lines(response.text)):
            found[url] = problems
    assert [message.subject for message in mail.outbox if wrong_words([message.subject, message.body])] == []
    assert found == {}


def test_signed_out_pages_use_the_chosen_words(client, worksheet):
    found = {}
    pages = ["home", "faq", "signup", "login", "password_reset", "signup_done", "password_reset_done"]
    for name in pages:
        response = client.get(reverse(name))
        if problems := wrong_words(visible_lines(response.text)):
            found[name] = problems
    missing = client.get("/no-such-page/")
    if problems := wrong_words(visible_lines(missing.text)):
        found["404"] = problems
    assert found == {}


def test_messages_after_each_action_use_the_chosen_words(owner_client, full_prep):
    """Made, copied, the next meeting prepared, details saved, deleted: each says so in the next page."""
    pages = [
        owner_client.post(
            reverse("prep_create"),
            {"meeting_title": "Budget hearing", "meeting_date": "2027-02-01"},
            follow=True,
        ),
        owner_client.post(reverse("prep_copy", args=[full_prep.pk]), follow=True),
        owner_client.post(
            reverse("series_next", args=[full_prep.pk]), {"meeting_date": "2027-01-14"}, follow=True
        ),
        owner_client.post(
            reverse("prep_edit", args=[full_prep.pk]),
            {"meeting_title": "Kick-off", "meeting_date": ""},
            follow=True,
        ),
        owner_client.post(reverse("prep_delete", args=[full_prep.pk]), follow=True),
    ]
    messages = []
    for response in pages:
        assert response.status_code == 200
        messages += [str(message) for message in response.context["messages"]]
        assert wrong_words(visible_lines(response.text)) == []
    assert len(messages) == 4, messages  # creating one says nothing: its fill page is the answer
    assert wrong_words(messages) == []
    assert messages[1].startswith("The meeting prep for the next meeting is ready")


def test_e_mails_use_the_chosen_words(client, owner, private_cache):
    client.post(reverse("signup"), {"email": "nina@example.org", "first_name": "Nina"})
    client.post(reverse("signup"), {"email": owner.email, "first_name": "Olivia"})
    client.post(reverse("password_reset"), {"email": owner.email})
    assert len(mail.outbox) >= 3
    for message in mail.outbox:
        assert wrong_words([message.subject, *message.body.splitlines()]) == [], message.subject


def _file_words(filename: str) -> list[str]:
    return [filename.replace("-", " ")]


def test_file_names_say_meeting_prep(owner_client, full_prep):
    """Every download is named ``meeting-prep-<meeting title>-<date>-<document>``."""
    pk = full_prep.pk
    names = {}
    for name in ("prep_docx", "prep_brief_docx", "prep_ics"):
        response = owner_client.get(reverse(name, args=[pk]))
        assert response.status_code == 200, name
        names[name] = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    content = prep_with_content(full_prep)
    for kind, subject in (("notes", content), ("brief", brief_for_prep(content)), ("fillable", content)):
        names[kind] = pdf_source(kind, subject).filename
    assert names == {
        "prep_docx": "meeting-prep-first-public-safety-work-group-2026-12-03-notes.docx",
        "prep_brief_docx": "meeting-prep-first-public-safety-work-group-2026-12-03-brief.docx",
        "prep_ics": "meeting-prep-first-public-safety-work-group-2026-12-03.ics",
        "notes": "meeting-prep-first-public-safety-work-group-2026-12-03-notes.pdf",
        "brief": "meeting-prep-first-public-safety-work-group-2026-12-03-brief.pdf",
        "fillable": "meeting-prep-first-public-safety-work-group-2026-12-03-fillable.pdf",
    }
    for filename in names.values():
        assert wrong_words(_file_words(filename)) == [], filename


def test_documents_use_the_chosen_words(full_prep):
    """The text of the notes, the brief and the fillable PDF (their HTML, before it is a PDF)."""
    _series(full_prep)
    content = prep_with_content(full_prep)
    for kind, subject in (("notes", content), ("brief", brief_for_prep(content)), ("fillable", content)):
        assert wrong_words(visible_lines(pdf_source(kind, subject).html)) == [], kind


def _keys(data) -> list[str]:
    if isinstance(data, dict):
        return [key for key, value in data.items() for key in (key, *_keys(value))]
    if isinstance(data, list):
        return [key for item in data for key in _keys(item)]
    return []


def test_export_field_names_use_the_chosen_words(owner_client, full_prep):
    _series(full_prep)
    export = json.loads(owner_client.get(reverse("account_export")).content)
    keys = set(_keys(export))
    assert "meeting_preps" in keys and "previous_meeting_prep" in keys
    assert wrong_words([key.replace("_", " ") for key in keys]) == []
    # The id of a meeting prep is never called a meeting's.
    assert "previous_meeting" not in keys


def test_the_import_says_meeting_prep(rf, owner, full_prep):
    """The import's refusals, and its preview when the file holds nothing new or fields of removed people."""
    from documents.fillable.guard import MESSAGES

    assert wrong_words(list(MESSAGES.values())) == []
    request = rf.get("/")
    request.user = owner
    plan = SimpleNamespace(items=[], conflicts=[], unchanged=0, unmatched=2)
    html = render_to_string(
        "documents/fillable/import_preview.html", {"prep": full_prep, "plan": plan}, request=request
    )
    lines = visible_lines(html)
    assert "Back to the meeting prep" in lines
    assert wrong_words(lines) == []
