"""The meeting prep PDF: what it contains, what it leaves out, its file name and metadata, and the views."""

import datetime
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from core.http import content_disposition
from documents.content import answer_blocks, prep_filename
from documents.sources import blank_pdf_source, prep_pdf_source
from documents.views import admin_worksheet_blank_pdf, prep_pdf
from testsupport.ci import RUNNING_IN_CI
from testsupport.factories import answer_create, question_create
from worksheets.models import FAQEntry, Tip

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "pdf"

WHO = (
    "We need the people who run the calls today and the people who decide what changes.\n\n"
    "- Dana Whitfield, 911 communications director: owns call-taking protocols and the CAD "
    "configuration\n"
    "- Chief José Núñez, police department: most behavioral health calls go to his officers today\n"
    "- Deputy Chief Renée Okafor, fire/EMS: her crews already co-respond to overdoses\n"
    "* Marcus Lee, assistant city manager: controls the budget line and the council calendar\n"
    "- A representative of the officers’ union (ask the chief who he would send)\n\n"
    "Optional, for the second meeting: the county behavioral health director and our funder’s program "
    "officer.\n"
    "We should not invite the press yet."
)

EXPERTISE = (
    "Dana brings the numbers. Her center answered 212,000 calls last year and she can pull call types "
    "by hour and district, which is what we need to pick our first call codes. She also knows which "
    "protocols her call-takers trust and which ones they work around.\n\n"
    "Chief Núñez’s officers know the addresses that generate repeat calls and what actually happens "
    "on scene. His patrol sergeants have the most practical view of which calls are “safe enough” for "
    "an unarmed team; he said as much at the council hearing — “my people are doing social work at 2 "
    "a.m.” We should ask him for two sergeants for the protocol group.\n\n"
    "Renée’s crews have run the overdose co-response pilot for 18 months, so fire/EMS can tell us how "
    "hand-offs work in the field, what radio traffic looks like and how long scenes take (€0 budget "
    "for radios on our side, so we need theirs → ask about spare handsets).\n\n"
    "Marcus knows the budget calendar. If we want money in the FY28 budget the proposal has to be on "
    "his desk by March; he can also tell us which council members are asking questions and what they "
    "have heard."
)

QUESTIONS = (
    "Will my officers be liable if your team gets hurt? — Point to the LEAP liability report and our "
    "MOU draft: responders are city employees, covered by the city’s policy, and police are not "
    "responsible for scenes they were not sent to.\n\n"
    "Who decides which calls you take? — The work group does, together, starting from call data; "
    "nothing moves without 911 and police sign-off, and we review the list every quarter.\n\n"
    "What happens when a call turns out to be dangerous? — Our team leaves and asks for police, like "
    "any other civilian responder; Denver’s STAR team needed no police back-up for safety in 2,800 "
    "calls.\n\n"
    "Does this take money from the police budget? — No. The pilot is funded by the state grant for "
    "two years.\n\n"
    "How will we know it works? — Monthly dashboard: calls taken, time on scene, back-up requests, "
    "repeat calls, and officer hours freed. Café-style debrief with each shift after the first 90 "
    "days. © City data, shared under the data-sharing agreement."
)

LONG_ANSWER_WORDS = 3000


def long_answer() -> str:
    words = [f"word{index}" for index in range(1, LONG_ANSWER_WORDS - 2)] + ["the", "final", "sentence."]
    lines = [" ".join(words[start : start + 120]) for start in range(0, len(words), 120)]
    return "\n\n".join(lines)


def answer(prep, position, text):
    question = prep.worksheet.questions.get(position=position)
    return answer_create(prep=prep, question=question, text=text)


@pytest.fixture
def answered_prep(prep):
    """Questions 1, 2 and 4 answered (one with a bullet list), question 3 left empty for ruled lines."""
    prep.meeting_date = datetime.date(2026, 12, 3)
    prep.save()
    prep.owner.first_name, prep.owner.last_name = "Olivia", "Martínez"
    prep.owner.save()
    answer(prep, 1, WHO)
    answer(prep, 2, EXPERTISE)
    answer(prep, 4, QUESTIONS)
    return prep


def pdf_text(content: bytes) -> str:
    """All the text, NFKC-normalised (ligatures such as "ﬁ" back to "fi") with white space collapsed."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def without_footers(text: str, running_title: str) -> str:
    """The text with each page's footer taken out, so a paragraph running across pages reads as one."""
    return re.sub(rf" ?{re.escape(running_title)} Page \d+ of \d+", "", text)


def normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def render(prep, examples=True, extras=True) -> bytes:
    return prep_pdf_source(prep, include_examples=examples, include_extras=extras).render()


# --- Answer text to blocks ----------------------------------------------------------------------------------


def test_answer_blocks_keep_paragraphs_and_line_breaks():
    blocks = answer_blocks("First line\r\nsecond line\n\n\nNext paragraph")
    assert [(block.kind, block.lines) for block in blocks] == [
        ("paragraph", ("First line", "second line")),
        ("paragraph", ("Next paragraph",)),
    ]


def test_answer_blocks_turn_dash_and_star_lines_into_one_list():
    blocks = answer_blocks("People:\n- Dana\n* José\n  - Renée\nThat is all.")
    assert [(block.kind, block.lines or block.items) for block in blocks] == [
        ("paragraph", ("People:",)),
        ("list", ("Dana", "José", "Renée")),
        ("paragraph", ("That is all.",)),
    ]


def test_answer_blocks_leave_other_dashes_and_markup_alone():
    blocks = answer_blocks("-5 degrees\n— an aside\n<b>not bold</b>")
    assert blocks[0].kind == "paragraph"
    assert blocks[0].lines == ("-5 degrees", "— an aside", "<b>not bold</b>")


def test_answer_blocks_of_blank_text_are_empty():
    assert answer_blocks("  \n \n") == []


# --- File names -------------------------------------------------------------------------------------------


def test_file_name_comes_from_meeting_title_and_date(prep):
    prep.meeting_date = datetime.date(2026, 12, 3)
    assert prep_filename(prep) == "meeting-prep-first-public-safety-work-group-2026-12-03.pdf"


def test_file_name_without_date_or_usable_title(prep):
    prep.meeting_title = "?!/\\ “”"
    assert prep_filename(prep) == "meeting-prep-meeting.pdf"


def test_file_name_keeps_accented_letters_and_is_bounded(prep):
    prep.meeting_title = "Reunión con el jefe Núñez " + "x" * 300
    filename = prep_filename(prep)
    assert filename.startswith("meeting-prep-reunión-con-el-jefe-núñez-")
    assert len(filename) < 100


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("prep-first-meeting-2026-12-03.pdf", 'attachment; filename="prep-first-meeting-2026-12-03.pdf"'),
        (
            "prep-reunión-núñez.pdf",
            'attachment; filename="prep-reunion-nunez.pdf"; '
            "filename*=UTF-8''prep-reuni%C3%B3n-n%C3%BA%C3%B1ez.pdf",
        ),
        ('a"b\r\nSet-Cookie: x=1/..\\c.pdf', 'attachment; filename="ab-set-cookie-x1c.pdf"; filename*=UTF-8'),
    ],
)
def test_content_disposition_is_safe(filename, expected):
    header = content_disposition(filename)
    assert header.startswith(expected)
    assert "\r" not in header and "\n" not in header
    assert header.count('"') == 2
    assert header.isascii()


# --- What the PDF contains ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_has_meeting_details_every_answer_and_page_numbers(answered_prep):
    source = prep_pdf_source(answered_prep, include_examples=True, include_extras=True)
    content = source.render()
    text = pdf_text(content)

    assert content.startswith(b"%PDF-")
    assert source.filename == "meeting-prep-first-public-safety-work-group-2026-12-03-notes.pdf"
    for expected in (
        "Innovations in 911 Response",
        "Preparing to Meet with Public Safety Stakeholders",
        "First public safety work group",
        "Thursday, December 3, 2026",
        "CARE Team",
        "Springfield",
        "Olivia Martínez",
        "Page 1 of",
        "My answers",  # labels as written: the style sheet sets no capitals
        "Questions I can answer",
        "Copyright 2025 Harvard Kennedy School Government Performance Lab",
    ):
        assert expected in text
    # Every answer whole, bullets included (the bullet marks themselves are drawn, not text).
    body = without_footers(text, answered_prep.meeting_title)
    for answer_text in (WHO, EXPERTISE, QUESTIONS):
        for line in answer_text.splitlines():
            assert normalised(line.lstrip("-* ")) in body


@pytest.mark.django_db
def test_curly_quotes_accents_dashes_and_symbols_survive(answered_prep):
    text = pdf_text(render(answered_prep))

    # NFKC leaves these characters alone: the assertion still means "the exact glyphs came through".
    assert "Chief Núñez’s officers" in text
    assert "“safe enough”" in text
    assert "“my people are doing social work at 2 a.m.”" in text
    assert "Renée’s crews" in text
    assert "€0 budget" in text and "→ ask about spare handsets" in text
    assert "Café-style" in text and "© City data" in text
    assert "hearing — “my" in text


@pytest.mark.django_db
def test_a_3000_word_answer_is_never_truncated(prep):
    answer(prep, 2, long_answer())
    content = render(prep, examples=False, extras=False)
    text = pdf_text(content)

    words = re.findall(r"word\d+", text)
    assert len(words) == LONG_ANSWER_WORDS - 3
    assert len(set(words)) == len(words)
    assert "word2997 the final sentence." in text
    assert len(PdfReader(io.BytesIO(content)).pages) >= 5


@pytest.mark.django_db
def test_an_unanswered_question_has_its_label_and_no_text(answered_prep):
    text = pdf_text(render(answered_prep, examples=False))
    after = text.split("Question 3 What is important to the other stakeholders? My answers", 1)[1]
    # Nothing but the "not answered" cue and ruled lines (perhaps a page footer) before the next question.
    rest = without_footers(after.split("Question 4", 1)[0], answered_prep.meeting_title).strip()
    assert rest == "Not answered yet: lines to write on by hand."


@pytest.mark.django_db
def test_carmens_examples_only_when_asked_for(answered_prep):
    example = "Carmen will invite 911 and police representatives."

    with_examples = pdf_text(render(answered_prep, examples=True))
    without_examples = pdf_text(render(answered_prep, examples=False))

    assert example in with_examples and "Carmen’s example" in with_examples
    assert example not in without_examples and "carmen" not in without_examples.casefold()
    assert "Chief Núñez’s officers" in without_examples


@pytest.mark.django_db
def test_tips_and_faq_with_sources_only_when_asked_for(answered_prep):
    tip = "Build a shared understanding of program goals."
    faq_question = "Are programs like this safe?"
    source = "Source: LEAP Community Response Liability Report (https://"

    with_extras = pdf_text(render(answered_prep, extras=True))
    without_extras = pdf_text(render(answered_prep, extras=False))

    assert tip in with_extras and "Align on the vision" in with_extras
    assert faq_question in with_extras and "reported feeling safe in 99% of 30,000 calls" in with_extras
    assert source in with_extras
    for absent in (tip, faq_question, source, "Frequently Asked Questions"):
        assert absent not in without_extras


@pytest.mark.django_db
def test_unpublished_faq_entries_are_left_out(answered_prep):
    FAQEntry.objects.filter(question="Are programs like this safe?").update(is_published=False)
    text = pdf_text(render(answered_prep))
    assert "Are programs like this safe?" not in text
    assert "Do alternative response teams replace police?" in text


@pytest.mark.django_db
def test_admin_edits_show_in_the_next_pdf(answered_prep):
    Tip.objects.filter(text__startswith="Learn about partner").update(
        text="Visit the **dispatch floor** once."
    )
    text = pdf_text(render(answered_prep))
    assert "Visit the dispatch floor once." in text
    assert "Learn about partner systems" not in text


@pytest.mark.django_db
def test_user_text_is_escaped_not_interpreted(prep):
    prep.meeting_title = "<b>Work</b> group & “friends”"
    prep.save()
    answer(prep, 1, "<script>alert(1)</script> <i>not italic</i> &amp;")
    text = pdf_text(render(prep))
    assert "<script>alert(1)</script> <i>not italic</i> &amp;" in text
    assert "<b>Work</b> group & “friends”" in text


@pytest.mark.django_db
def test_title_metadata_and_language(answered_prep):
    reader = PdfReader(io.BytesIO(render(answered_prep)))

    assert reader.metadata.title == (
        "First public safety work group — Preparing to Meet with Public Safety Stakeholders"
    )
    assert reader.metadata.author == "Olivia Martínez"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF


@pytest.mark.django_db
def test_links_without_an_address_are_plain_text(answered_prep):
    content = render(answered_prep)
    pages = PdfReader(io.BytesIO(content)).pages
    annotations = [link.get_object() for page in pages for link in page.get("/Annots", [])]
    # Carmen's "(see Tips, page N)" links inside the document; the only addresses are the seed's sources
    # that have one (fixtures/worksheet.json): none comes from a link without an address.
    addresses = {annotation["/A"]["/URI"] for annotation in annotations if "/A" in annotation}
    assert any("/A" not in annotation for annotation in annotations)
    assert addresses == {
        "https://lawenforcementactionpartnership.org/community-responder-liability-report/",
        "https://doi.org/10.1126/sciadv.abm2106",
        "https://govlab.hks.harvard.edu/alternative-911-emergency-response",
    }
    assert "power mapping to identify key stakeholders" in pdf_text(content)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_content(answered_prep):
    def queries_for_render():
        prep = type(answered_prep).objects.select_related("worksheet").get(pk=answered_prep.pk)
        with CaptureQueriesContext(connection) as queries:
            render(prep)
        return len(queries)

    before = queries_for_render()
    worksheet = answered_prep.worksheet
    for position in range(5, 9):
        question = question_create(
            worksheet=worksheet, key=f"extra-{position}", position=position, prompt=f"Extra {position}?"
        )
        answer_create(prep=answered_prep, question=question, text="An answer.")
        FAQEntry.objects.create(worksheet=worksheet, position=position + 10, question="Q?", answer="A.")
        Tip.objects.create(group=worksheet.tip_groups.first(), position=position, text="Another tip.")
    assert queries_for_render() == before


@pytest.mark.django_db
def test_blank_pdf_has_ruled_lines_examples_tips_and_faq(worksheet):
    source = blank_pdf_source(worksheet)
    content = source.render()
    text = pdf_text(content)

    assert source.filename == "preparing-to-meet-with-public-safety-stakeholders-blank.pdf"
    assert "Carmen will invite 911 and police representatives." in text
    assert "Build a shared understanding of program goals." in text
    assert "Where can I learn more?" in text
    assert "City or jurisdiction" in text and "Prepared by" in text
    assert PdfReader(io.BytesIO(content)).metadata.title == worksheet.title


# --- Views -------------------------------------------------------------------------------------------------


def get(view, user, *args, method="get", **params):
    request = getattr(RequestFactory(), method)("/pdf", params)
    request.user = user
    return view(request, *args)


@pytest.mark.django_db
def test_owner_downloads_the_pdf_as_an_attachment(answered_prep):
    response = get(prep_pdf, answered_prep.owner, answered_prep.pk)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="meeting-prep-first-public-safety-work-group-2026-12-03-notes.pdf"'
    )
    assert response["Cache-Control"] == "private, no-cache"  # no shared cache; the browser revalidates
    assert "Carmen’s example" in pdf_text(response.content)


@pytest.mark.django_db
def test_the_pdf_url_through_the_middleware(owner_client, answered_prep):
    url = reverse("prep_pdf", args=[answered_prep.pk])

    response = owner_client.get(url, {"examples": "0", "extras": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="meeting-prep-first-public-')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert owner_client.get(url, {"extras": "true"}).status_code == 400


@pytest.mark.django_db
def test_query_params_switch_examples_and_extras_off(answered_prep):
    response = get(prep_pdf, answered_prep.owner, answered_prep.pk, examples="0", extras="0")
    text = pdf_text(response.content)
    assert "carmen" not in text.casefold() and "Are programs like this safe?" not in text
    assert "Chief Núñez’s officers" in text


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"examples": "yes"}, {"extras": ""}, {"examples": "2"}])
def test_bad_query_params_are_a_400_with_a_message(answered_prep, params):
    response = get(prep_pdf, answered_prep.owner, answered_prep.pk, **params)
    assert response.status_code == 400
    assert "must be 1 (include) or 0 (leave out)" in response.content.decode()


@pytest.mark.django_db
def test_a_title_with_quotes_and_line_breaks_cannot_break_the_header(answered_prep):
    answered_prep.meeting_title = 'Chief\'s "big" day\r\nSet-Cookie: a=b / é'
    answered_prep.save()
    header = get(prep_pdf, answered_prep.owner, answered_prep.pk)["Content-Disposition"]
    assert header == (
        'attachment; filename="meeting-prep-chiefs-big-day-set-cookie-ab-e-2026-12-03-notes.pdf"; '
        "filename*=UTF-8''meeting-prep-chiefs-big-day-set-cookie-ab-%C3%A9-2026-12-03-notes.pdf"
    )


@pytest.mark.django_db
def test_other_users_get_404(answered_prep, outsider):
    with pytest.raises(Http404):
        get(prep_pdf, outsider, answered_prep.pk)


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in(answered_prep):
    response = get(prep_pdf, AnonymousUser(), answered_prep.pk)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_only_get_is_allowed(answered_prep):
    assert get(prep_pdf, answered_prep.owner, answered_prep.pk, method="post").status_code == 405


@pytest.mark.django_db
def test_staff_preview_the_blank_pdf_inline(worksheet, staff, owner):
    response = get(admin_worksheet_blank_pdf, staff, worksheet.pk)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('inline; filename="preparing-to-meet-with-')
    assert get(admin_worksheet_blank_pdf, owner, worksheet.pk).status_code == 302


# --- Pages as pictures, for people to look at -------------------------------------------------------------


def png_pages(pdf_bytes: bytes, stem: str) -> list[Path]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    pdf_path = ARTIFACTS / f"{stem}.pdf"
    pdf_path.write_bytes(pdf_bytes)
    subprocess.run(["pdftoppm", "-png", "-r", "60", pdf_path, ARTIFACTS / stem], check=True, timeout=60)
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


def page_body_text(page) -> str:
    """The page's text less its footer (the running title and "Page N of M", on one line in the bottom
    margin): empty on a page that holds nothing but the footer."""
    pieces: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        pieces.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))  # the baseline's height on the page

    page.extract_text(visitor_text=visit)
    footer = [y for y, text in pieces if re.fullmatch(r"\s*Page \d+ of \d+\s*", text)]
    assert len(footer) == 1, f"one footer per page, not {footer}"
    return "".join(text for y, text in pieces if abs(y - footer[0]) > 1).strip()


@pytest.mark.django_db
def test_no_page_is_blank_and_every_page_renders_to_a_png(answered_prep, worksheet):
    documents = {
        "prep-with-examples": render(answered_prep),
        "prep-answers-only": render(answered_prep, examples=False, extras=False),
        "blank": blank_pdf_source(worksheet).render(),
    }
    for stem, content in documents.items():
        pages = PdfReader(io.BytesIO(content)).pages
        assert not [number for number, page in enumerate(pages, 1) if not page_body_text(page)], stem

    if not shutil.which("pdftoppm"):
        if RUNNING_IN_CI:
            pytest.fail("pdftoppm (poppler-utils) is missing; CI must render the PDF pages")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    for stem, content in documents.items():
        assert len(png_pages(content, stem)) == len(PdfReader(io.BytesIO(content)).pages)
