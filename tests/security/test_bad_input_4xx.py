"""Bad input that once answered 500 now answers a clear 4xx, and the error page never fails.

A version other than 0 on a question never answered (autosave and the no-JavaScript save), a form declaring a
charset other than UTF-8 (a known one and an unknown one), a login username longer than any account's (a
DataError in django-axes on PostgreSQL), staff without the worksheet permission asking for the blank PDF, and
relative links in admin Markdown (which became file:// links in the PDF).

Issue 24, point 9: ids and versions that ``str.isdigit()`` let through and ``int()`` refused ("²"), read by
``core.ids.parse_id`` now, and the calendar event of a meeting on the last day Python knows (9999-12-31).
"""

import datetime

import icalendar
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from briefs.models import AgendaItem
from briefs.services import brief_ensure, brief_update
from core.refusals import bad_request
from outcomes.models import Commitment
from outcomes.services import outcome_ensure, outcome_row_add
from preps.models import Answer, ExpectedQuestion
from testsupport.clients import BrowserClient, stored_data
from testsupport.factories import answer_create, user_create
from testsupport.fillable import field_named, fill_with_pypdf
from worksheets.markdown import render_markdown

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}
FETCH_META = {"HTTP_X_REQUESTED_WITH": "fetch"}


def never_answered(prep):
    return prep.worksheet.questions.get(position=3)


def test_an_autosave_with_a_version_on_a_never_answered_question_is_a_conflict(owner, prep):
    client = BrowserClient(owner)
    question = never_answered(prep)
    response = client.post(
        reverse("answer_autosave", args=[prep.pk, question.key]),
        {"text": "From nowhere", "version": 3},
        headers={**FETCH, "X-CSRFToken": client.csrf_token},
    )
    assert response.status_code == 409
    assert (response.json()["current"]["text"], response.json()["current_version"]) == ("", 0)
    assert not Answer.objects.filter(prep=prep, question=question).exists()


def test_a_no_javascript_save_with_a_version_on_a_never_answered_question_is_a_conflict(owner, prep):
    client = BrowserClient(owner)
    question = never_answered(prep)
    data = {f"answer_{q.key}": "" for q in prep.worksheet.questions.all()}
    data |= {f"version_{q.key}": 0 for q in prep.worksheet.questions.all()}
    data |= {f"answer_{question.key}": "From an old page", f"version_{question.key}": 5}
    response = client.post(
        reverse("prep_fill", args=[prep.pk]), data, headers={"X-CSRFToken": client.csrf_token}
    )
    assert response.status_code == 409
    assert "changed in another window" in response.content.decode()
    assert not Answer.objects.filter(prep=prep, question=question).exists()


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "x-unknown-charset"])
@pytest.mark.parametrize("where", ["fill", "login", "autosave"])
def test_a_form_in_another_charset_is_a_clear_400_with_the_headers(owner, prep, charset, where):
    client = BrowserClient(owner)
    question = prep.worksheet.questions.first()
    url = {
        "fill": reverse("prep_fill", args=[prep.pk]),
        "login": reverse("login"),
        "autosave": reverse("answer_autosave", args=[prep.pk, question.key]),
    }[where]
    before = stored_data()
    response = client.generic(
        "POST",
        url,
        f"answer_{question.key}=caf%E9&text=caf%E9&version=0".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers={**FETCH, "X-CSRFToken": client.csrf_token} if where == "autosave" else {},
    )
    assert response.status_code == 400
    text = response.json()["message"] if where == "autosave" else response.content.decode()
    assert "not UTF-8, so nothing was saved" in text
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert stored_data() == before


def test_the_400_page_itself_never_fails_on_an_undecodable_body():
    request = RequestFactory().generic(
        "POST", "/", b"a=%E9", content_type="application/x-www-form-urlencoded; charset=x-unknown-charset"
    )
    response = bad_request(request, exception=None)
    assert response.status_code == 400
    assert b"could not be understood" in response.content


@pytest.mark.parametrize("path", ["login", "admin:login"])
def test_an_over_long_username_is_a_clear_400_on_every_database(path):
    response = Client().post(reverse(path), {"username": "u" * 300, "password": "x"})
    assert response.status_code == 400
    assert "A username has at most 150 characters" in response.content.decode()


def test_a_username_at_the_limit_is_an_ordinary_failed_login():
    response = Client().post(reverse("login"), {"username": "u" * 150, "password": "x"})
    assert response.status_code == 200


def test_staff_without_the_worksheet_permission_cannot_get_the_blank_pdf(worksheet):
    clerk = user_create("clerk", is_staff=True)
    client = Client()
    client.force_login(clerk)
    url = reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk])
    response = client.get(url)
    assert response.status_code == 403
    assert "no permission to view worksheets" in response.content.decode()
    assert client.get(reverse("admin:worksheets_worksheet_change", args=[worksheet.pk])).status_code == 403

    clerk.user_permissions.add(Permission.objects.get(codename="view_worksheet"))
    client.force_login(clerk)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "address", ["/faq/", "notes.html", "#tips", "../../etc/passwd", "file:///etc/passwd"]
)
def test_a_relative_link_in_admin_markdown_becomes_plain_text(address):
    html = render_markdown(f"See [the notes]({address}).")
    assert "<a" not in html
    assert "the notes" in html


def test_an_absolute_link_in_admin_markdown_stays_a_link():
    assert 'href="https://example.org/report"' in render_markdown("See [it](https://example.org/report).")


@pytest.fixture
def agenda_item(prep) -> AgendaItem:
    brief_ensure(prep=prep)
    return AgendaItem.objects.filter(brief__prep=prep).order_by("position").first()


@pytest.mark.parametrize("field", ["item", "version"])
@pytest.mark.parametrize("action", ["up", "down", "remove"])
def test_an_agenda_item_or_version_that_is_no_number_is_a_400(owner_client, prep, agenda_item, field, action):
    data = {"action": action, "item": agenda_item.pk, "version": prep.brief.version} | {field: "²"}
    before = stored_data()
    response = owner_client.post(reverse("prep_brief", args=[prep.pk]), data)
    assert response.status_code == 400
    assert "names no agenda item or brief version" in response.content.decode()
    assert stored_data() == before


@pytest.mark.parametrize("moved", ["²", "٧", "9" * 30])
def test_a_moved_item_that_is_no_number_is_ignored(owner_client, prep, agenda_item, moved):
    response = owner_client.get(reverse("prep_brief", args=[prep.pk]), {"moved": moved, "d": "up"})
    assert response.status_code == 200


@pytest.mark.parametrize("how", ["new", "save"])
def test_a_commitment_owner_that_is_no_number_is_a_400(owner_client, prep, how):
    outcome_ensure(prep=prep)
    if how == "new":
        url, data = reverse("outcome_row_new", args=[prep.pk, "commitment"]), {}
    else:
        row = outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Share call data"})
        url, data = reverse("outcome_row_save", args=[prep.pk, "commitment", row.pk]), {"version": 1}
    before = stored_data()
    response = owner_client.post(url, data | {"what": "Share call data", "owner_person": "²"}, **FETCH_META)
    assert response.status_code == 400
    assert "must be a person on this meeting's roster" in response.json()["message"]
    assert stored_data() == before and Commitment.objects.count() == (0 if how == "new" else 1)


@pytest.mark.parametrize("version", ["²", "٧", " 1"])
def test_an_outcome_row_version_that_is_no_number_is_a_400(owner_client, prep, version):
    outcome_ensure(prep=prep)
    row = outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Share call data"})
    url = reverse("outcome_row_save", args=[prep.pk, "commitment", row.pk])
    response = owner_client.post(url, {"version": version, "what": "Changed"}, **FETCH_META)
    assert response.status_code == 400
    assert Commitment.objects.get().what == "Share call data"


@pytest.mark.parametrize("name", ["expected_question_add", "expected_question_create"])
def test_question_fours_faq_entry_that_is_no_number_is_a_400(owner_client, prep, name):
    data = {"text": "Will cops still have to show up?", "faq_entries": "²"}
    response = owner_client.post(reverse(name, args=[prep.pk]), data, **FETCH_META)
    assert response.status_code == 400
    assert not ExpectedQuestion.objects.exists()


@pytest.mark.parametrize("version", ["abc", "²", "٧"])
def test_an_import_version_that_is_no_number_is_a_400(owner_client, prep, version):
    question = prep.worksheet.questions.get(key="who-attends")
    answer_create(prep=prep, question=question, text="Before", version=1)
    content = owner_client.get(reverse("prep_pdf_fillable", args=[prep.pk])).content
    filled = fill_with_pypdf(content, {field_named(content, "answer:who-attends:"): "From the PDF"})
    upload = SimpleUploadedFile("filled.pdf", filled, content_type="application/pdf")
    assert owner_client.post(reverse("prep_import", args=[prep.pk]), {"file": upload}).status_code == 302
    data = {"pick": "answer-who-attends", "version-answer-who-attends": version}
    response = owner_client.post(reverse("prep_import_preview", args=[prep.pk]), data)
    assert response.status_code == 400
    assert Answer.objects.get(prep=prep, question=question).text == "Before"


@pytest.mark.parametrize("start", [None, datetime.time(23, 30)], ids=["all-day", "at-a-time"])
def test_the_calendar_event_of_a_meeting_on_the_last_day_there_is(owner_client, prep, start):
    prep.meeting_date = datetime.date(9999, 12, 31)
    prep.save()
    if start:
        brief = brief_ensure(prep=prep)
        brief_update(prep=prep, base_version=brief.version, start_time=start)
    response = owner_client.get(reverse("prep_ics", args=[prep.pk]))
    assert response.status_code == 200
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    begins = event.decoded("dtstart")
    if start is None:
        assert (begins, event.decoded("duration")) == (
            datetime.date(9999, 12, 31),
            datetime.timedelta(days=1),
        )
    else:
        assert (begins.date(), begins.time()) == (datetime.date(9999, 12, 31), start)
        assert event.decoded("duration") == datetime.timedelta(hours=1)
    assert "DTEND" not in event
