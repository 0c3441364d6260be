"""A colleague sees only the meetings of a work group she may open (issue 24, point 1; issue 26, point 3).

The owner records how the first meeting (P1) went and prepares the next one (P2) from it; she shares one of
the two with a colleague. Every page, document and export that spans the series (the series page, the
read-only page, the notes PDF and Word file with their stance table, the brief's "Since last time" as page,
PDF and Word, the .ics) shows that colleague the meeting she was invited to and nothing of the other: not its
title, its date, its people, its decisions or its commitments. The owner keeps seeing all of it.
"""

import datetime
import io
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from outcomes.models import StanceChange
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add, outcome_row_save
from preps.models import Stakeholder
from testsupport.factories import prep_create, share_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db

FIRST_TITLE = "Quarry Road first meeting"
FIRST_DATE = datetime.date(2027, 1, 10)  # "Jan 10, 2027" in the stance table
FIRST_ONLY_PERSON = "Marguerite Onlyatfirst"
FIRST_DECISION = "Pilot in the Quarry district"
FIRST_DONE_COMMITMENT = "Send the Quarry MOU draft"
SECOND_TITLE = "Harbor Street follow-up"
SECOND_ONLY_PERSON = "Bartholomew Latecomer"
SECOND_COMMITMENT = "Publish the Harbor dashboard"
# What the owner sees of P1 on P2's pages and documents and a colleague of P2 alone must not.
OF_THE_FIRST = (FIRST_TITLE, "Jan 10, 2027", FIRST_ONLY_PERSON, FIRST_DECISION, FIRST_DONE_COMMITMENT)
OF_THE_SECOND = (SECOND_TITLE, "Mar 1, 2027", SECOND_ONLY_PERSON, SECOND_COMMITMENT)


@pytest.fixture
def series(owner, worksheet):
    """P1 with its outcome (a decision, a done commitment, a stance change of a person only on P1's roster),
    and P2 prepared from it, with its own person and commitment."""
    first = prep_create(owner=owner, worksheet=worksheet, meeting_title=FIRST_TITLE, meeting_date=FIRST_DATE)
    stakeholder_create(prep=first, name="Dana Whitfield", stance="skeptical", influence="high")
    only = stakeholder_create(prep=first, name=FIRST_ONLY_PERSON, stance="opposed", influence="high")
    outcome = outcome_ensure(prep=first)
    outcome_row_add(prep=first, kind_name="decision", changes={"text": FIRST_DECISION})
    outcome_row_add(
        prep=first, kind_name="commitment", changes={"what": FIRST_DONE_COMMITMENT, "done": "yes"}
    )
    change = StanceChange.objects.get(outcome=outcome, stakeholder=only)
    outcome_row_save(
        prep=first, kind_name="stance", row_id=change.pk, base_version=1, changes={"stance": "neutral"}
    )
    second = series_next_create(
        prep=first, meeting_date=datetime.date(2027, 3, 1), meeting_title=SECOND_TITLE
    )
    Stakeholder.objects.filter(prep=second, name=FIRST_ONLY_PERSON).delete()  # left the work group
    stakeholder_create(prep=second, name=SECOND_ONLY_PERSON, stance="neutral", influence="low")
    outcome_ensure(prep=second)
    outcome_row_add(prep=second, kind_name="commitment", changes={"what": SECOND_COMMITMENT})
    return first, second


def login(client, user):
    client.force_login(user)
    return client


def colleague_of(prep, username: str, role: str = "viewer"):
    colleague = user_create(username)
    share_create(prep=prep, user=colleague, role=role)
    return colleague


def page_text(client, name: str, prep) -> str:
    response = client.get(reverse(name, args=[prep.pk]), follow=True)  # the series page: the group page
    assert response.status_code == 200, (name, response.status_code)
    return strip_tags(response.content.decode())


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def download_text(client, name: str, prep) -> str:
    response = client.get(reverse(name, args=[prep.pk]))
    assert response.status_code == 200, (name, response.status_code)
    return pdf_text(response.content) if name.endswith("pdf") else docx_text(response.content)


def shown(texts: tuple[str, ...], document: str) -> list[str]:
    return [text for text in texts if text in " ".join(document.split())]


PAGES = ("series_page", "prep_fill", "prep_brief")
DOWNLOADS = ("prep_pdf", "prep_docx", "prep_brief_pdf", "prep_brief_docx")


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_a_colleague_of_the_next_meeting_sees_nothing_of_the_first(client, owner, series, name):
    first, second = series
    reader = page_text if name in PAGES else download_text
    owners = reader(login(client, owner), name, second)
    if name in ("series_page", "prep_pdf", "prep_docx"):  # the stance table
        assert {"Jan 10, 2027", FIRST_ONLY_PERSON} <= set(shown(OF_THE_FIRST, owners))
    if name in ("prep_brief", "prep_brief_pdf", "prep_brief_docx"):  # "Since last time"
        assert FIRST_DECISION in owners
    colleague = colleague_of(second, "carla", role="editor" if name == "prep_brief" else "viewer")
    assert shown(OF_THE_FIRST, reader(login(client, colleague), name, second)) == []


def test_the_read_only_page_of_the_next_meeting_shows_a_colleague_no_stance_of_the_first(client, series):
    first, second = series
    colleague = colleague_of(second, "carla")
    page = page_text(login(client, colleague), "prep_fill", second)
    assert "Stance over the work group" not in page and shown(OF_THE_FIRST, page) == []


@pytest.mark.parametrize("name", ("series_page", "prep_fill", "prep_pdf", "prep_docx", "prep_ics"))
def test_a_colleague_of_the_first_meeting_sees_nothing_of_the_next(client, owner, series, name):
    first, second = series
    if name == "prep_ics":
        response = login(client, owner).get(reverse(name, args=[first.pk]))
        colleague = colleague_of(first, "cyril")
        other = login(client, colleague).get(reverse(name, args=[first.pk]))
        assert response.status_code == other.status_code == 200
        assert shown(OF_THE_SECOND, other.content.decode()) == []
        return
    reader = page_text if name in PAGES else download_text
    if name == "series_page":
        assert shown(OF_THE_SECOND, reader(login(client, owner), name, first)) == list(OF_THE_SECOND)
    colleague = colleague_of(first, "cyril")
    assert shown(OF_THE_SECOND, reader(login(client, colleague), name, first)) == []


def test_a_colleague_of_both_meetings_sees_both(client, series):
    first, second = series
    colleague = colleague_of(second, "carla")
    share_create(prep=first, user=colleague, role="viewer")
    page = page_text(login(client, colleague), "series_page", second)
    # The group page lists the open follow-ups: the first meeting's commitment is done.
    assert shown(OF_THE_FIRST, page) == [FIRST_TITLE, "Jan 10, 2027", FIRST_ONLY_PERSON]
    assert shown(OF_THE_SECOND, page) == list(OF_THE_SECOND)


def test_the_fill_page_links_back_only_to_a_meeting_the_reader_may_open(client, owner, series):
    first, second = series
    back = reverse("prep_fill", args=[first.pk])
    assert back in login(client, owner).get(reverse("prep_fill", args=[second.pk])).content.decode()
    editor = colleague_of(second, "erin", role="editor")
    assert back not in login(client, editor).get(reverse("prep_fill", args=[second.pk])).content.decode()
