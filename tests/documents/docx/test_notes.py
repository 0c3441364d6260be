"""The preparation notes as Word, read back with python-docx: headings, lists and text match the PDF's."""

import datetime
import io
import unicodedata

import docx
from django.urls import reverse
from pypdf import PdfReader

from documents.content import PDF_ANSWER_MAX_LINES
from documents.docx.html import add_html
from documents.docx.notes import notes_docx
from documents.sources import prep_pdf_source
from preps.models import MeetingPrep
from preps.selectors import prep_with_content
from preps.services import answer_save
from sharing.services import comment_add, comment_resolve
from testsupport.factories import answer_create, expected_question_create, stakeholder_create

WHO = (
    "We need the people who run the calls today.\n\n"
    "- Chief José Núñez, police: “my people are doing social work at 2 a.m.”\n"
    "- Dana Whitfield, 911 — owns the CAD 🚑\n\n"
    "مرحبا بكم في الاجتماع"
)
STRATEGY = "Secret strategy: the union is skeptical and the chief feels left out."


def answer(prep, position, text):
    return answer_create(prep=prep, question=prep.worksheet.questions.get(position=position), text=text)


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def notes_pdf_text(prep) -> str:
    """The notes PDF's text (examples, tips and FAQ in), normalised."""
    content = prep_pdf_source(prep, include_examples=True, include_extras=True).render()
    return normalised("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def test_headings_are_word_heading_styles_in_the_pdfs_order(prep):
    answer(prep, 1, WHO)
    document = open_docx(notes_docx(prep_with_content(prep)).content)
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]

    prompts = [q.prompt for q in prep.worksheet.questions.all()]
    assert headings[0] == ("Title", prep.meeting_title)
    questions = [(style, text) for style, text in headings if text.startswith("Question ")]
    assert [text for _, text in questions] == [f"Question {n}: {p}" for n, p in enumerate(prompts, start=1)]
    assert {style for style, _ in questions} == {"Heading 1"}
    # Then the tips and the FAQ, as in the PDF, each a Heading 1 with its groups and entries as Heading 2.
    tips, faq = (
        prep.worksheet.tips_heading or "Tips",
        prep.worksheet.faq_heading or "Frequently asked questions",
    )
    top = [text for style, text in headings if style == "Heading 1" and not text.startswith("Question ")]
    assert top == [tips, faq]
    pdf_text = notes_pdf_text(prep)
    # The PDF has the same headings in the same order (its labels in capitals).
    # (Each question's "Carmen’s example" and "My answers" are Heading 2 too: tests/documents/docx/
    # test_headings_in_order.py.)
    labels = ("Carmen’s example", "My answers")
    level_two = [text for style, text in headings if style == "Heading 2" and text not in labels]
    positions = [pdf_text.find(normalised(text)) for text in prompts + level_two]
    assert -1 not in positions and positions == sorted(positions)


def test_lists_are_lists_and_hard_text_survives(prep):
    answer(prep, 1, WHO)
    document = open_docx(notes_docx(prep_with_content(prep)).content)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet" and p.text in WHO]

    assert bullets == [
        "Chief José Núñez, police: “my people are doing social work at 2 a.m.”",
        "Dana Whitfield, 911 — owns the CAD 🚑",
    ]
    arabic = next(p for p in document.paragraphs if p.text == "مرحبا بكم في الاجتماع")
    assert arabic._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None


def test_examples_tips_and_faq_follow_the_switches_with_their_links(prep):
    full = open_docx(notes_docx(prep_with_content(prep)).content)
    bare = open_docx(
        notes_docx(prep_with_content(prep), include_examples=False, include_extras=False).content
    )
    full_text = " ".join(p.text for p in full.paragraphs)
    bare_text = " ".join(p.text for p in bare.paragraphs)

    example = prep.worksheet.questions.get(position=1).example.split(".")[0]
    assert normalised(example.replace("*", "")) in normalised(full_text)
    assert "Carmen’s example" in full_text and "Carmen’s example" not in bare_text
    faq = prep.worksheet.published_faq()[0]
    assert faq.question in full_text and faq.question not in bare_text


def test_links_in_the_worksheets_text_are_hyperlinks_and_lists_are_lists():
    document = docx.Document()
    add_html(
        document, '<p>See <a href="https://example.org/r">the <em>report</em></a>.</p><ol><li>One</li></ol>'
    )
    first, second = document.paragraphs
    assert first.text == "See the report."
    assert [link.address for link in first.hyperlinks] == ["https://example.org/r"]
    assert (second.style.name, second.text) == ("List Number", "One")


def test_question_3_the_private_strategy_is_in_the_notes(prep):
    answer(prep, 3, STRATEGY)
    document = open_docx(notes_docx(prep_with_content(prep)).content)
    assert STRATEGY in [p.text for p in document.paragraphs]


def test_title_language_and_private_footer(prep):
    MeetingPrep.objects.filter(pk=prep.pk).update(
        updated_at=datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC),
        meeting_date=datetime.date(2026, 12, 3),
    )
    prep.refresh_from_db()
    rendered = notes_docx(prep_with_content(prep))
    document = open_docx(rendered.content)

    assert document.core_properties.title.startswith(prep.meeting_title)
    assert document.core_properties.language == "en-US"
    assert document.sections[0].footer.paragraphs[0].text == (
        "Private: preparation notes · prepared November 20, 2026"
    )
    assert rendered.filename == "meeting-prep-first-public-safety-work-group-2026-12-03-notes.docx"
    assert "Thursday, December 3, 2026" in " ".join(p.text for p in document.paragraphs)


def test_the_owner_downloads_the_word_file(owner_client, prep):
    answer(prep, 2, "Quokka expertise")
    response = owner_client.get(reverse("prep_docx", args=[prep.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".docx" in response["Content-Disposition"]
    assert "Quokka expertise" in [p.text for p in open_docx(response.content).paragraphs]


def test_someone_elses_word_file_is_a_404(client, outsider, prep):
    client.force_login(outsider)
    assert client.get(reverse("prep_docx", args=[prep.pk])).status_code == 404
    assert client.get(reverse("prep_docx", args=[987654])).status_code == 404


def test_the_fill_page_and_the_dashboard_offer_the_notes_as_pdf_and_word_and_say_who_for(owner_client, prep):
    pdf_url, docx_url = reverse("prep_pdf", args=[prep.pk]), reverse("prep_docx", args=[prep.pk])
    fill = owner_client.get(prep.get_absolute_url()).content.decode()
    dashboard = owner_client.get(reverse("dashboard")).content.decode()

    assert f'formaction="{docx_url}"' in fill  # a second button of the PDF's form: the same switches apply
    assert f'href="{docx_url}"' in dashboard
    for page in (fill, dashboard):
        assert pdf_url in page
        assert "not to hand out" in page.replace("Not to hand out", "not to hand out")
    assert "For you and your team only" in fill


def test_the_word_download_refuses_other_methods_and_bad_ids(owner_client, prep):
    assert owner_client.post(reverse("prep_docx", args=[prep.pk])).status_code == 405
    assert owner_client.get(f"/preps/{prep.pk}x/docx/").status_code == 404
    assert owner_client.get("/preps/99999999999999999999/docx/").status_code == 404


def test_addresses_in_answers_are_real_hyperlinks(prep):
    answer(
        prep,
        2,
        "Read the LEAP report (https://example.org/leap-report?x=1). Then call.\n- See https://example.org/a",
    )
    document = open_docx(notes_docx(prep_with_content(prep)).content)
    paragraphs = [p for p in document.paragraphs if "example.org" in p.text]

    assert [p.text for p in paragraphs] == [
        "Read the LEAP report (https://example.org/leap-report?x=1). Then call.",
        "See https://example.org/a",
    ]
    links = [link for p in paragraphs for link in p.hyperlinks]
    assert [link.address for link in links] == [
        "https://example.org/leap-report?x=1",
        "https://example.org/a",
    ]
    assert paragraphs[1].style.name == "List Bullet"


def test_the_word_download_takes_the_pdfs_switches_and_names_each_variant(owner_client, prep):
    url = reverse("prep_docx", args=[prep.pk])
    bare = owner_client.get(url, {"examples": "0", "extras": "0"})

    assert "notes-no-examples-no-tips-faq.docx" in bare["Content-Disposition"]
    assert "Carmen’s example" not in " ".join(p.text for p in open_docx(bare.content).paragraphs)
    refused = owner_client.get(url, {"examples": "maybe"})
    assert refused.status_code == 400
    assert "must be 1" in refused.content.decode()


def body_texts(document) -> list[str]:
    """The document's paragraphs and table rows in reading order (a table row as its cells joined by |)."""
    texts = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            texts.append("".join(node.text or "" for node in element.iter() if node.tag.endswith("}t")))
        elif element.tag.endswith("}tbl"):
            for row in element.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    texts.append(" | ".join(cells))
    return texts


def test_the_roster_and_question_4_are_where_the_pdf_has_them(prep):
    """The Word notes carry what the PDF shows of the roster (issue 9), in its order and words: the roster and
    the power map's table under question 1, each person's notes under 2 and 3, question 4's expected questions
    with who may ask, her answer and the linked FAQ answer."""
    chief = stakeholder_create(
        prep=prep, name="Chief José Núñez", role="Police chief", influence="high", stance="skeptical"
    )
    stakeholder_create(
        prep=prep,
        name="Dana Whitfield",
        organisation="911 center",
        expertise="Owns the CAD and the call codes.",
        what_matters="Call-takers' workload",
        concerns="Liability for a misrouted call",
        influence="medium",
        stance="supportive",
    )
    faq = prep.worksheet.faq_entries.get(position=1)
    expected_question_create(
        prep=prep,
        text="Who goes when it turns violent?",
        askers=[chief],
        answer="Police, by protocol.",
        faq_entries=[faq],
    )
    texts = body_texts(open_docx(notes_docx(prep_with_content(prep)).content))

    def at(text: str) -> int:
        return next(index for index, line in enumerate(texts) if line.startswith(text))

    q1, q2, q3, q4 = (at(f"Question {n}:") for n in (1, 2, 3, 4))
    assert q1 < at("The people on the roster") < q2
    assert "Chief José Núñez | Police chief |  | " in texts[at("Chief José Núñez |")]
    assert q1 < at("Power map: ") < at("The power map as a table") < q2
    assert texts[at("2 | Dana Whitfield")] == "2 | Dana Whitfield | Medium | Supportive"
    assert q2 < at("Owns the CAD and the call codes.") < q3
    assert q3 < at("What matters to them: Call-takers' workload") < at("Likely concerns: Liability") < q4
    assert q4 < at("Who goes when it turns violent?") < at("Who may ask: Chief José Núñez")
    assert at("My answer: Police, by protocol.") < at(f"From the FAQ: {faq.question}")
    # The same words as the PDF's (whose map is a picture: Word's table of it has no twin there).
    pdf_text = notes_pdf_text(prep)
    for words in (
        "The people on the roster",
        "Who goes when it turns violent?",
        "Who may ask: Chief José Núñez",
        "My answer: Police, by protocol.",
        f"From the FAQ: {faq.question}",
        "Likely concerns: Liability for a misrouted call",
    ):
        assert normalised(words) in pdf_text


def test_colleagues_comments_are_an_appendix_only_when_asked(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Dana Whitfield")
    comment_add(prep=prep, author=prep.owner, text="Ask about the CAD codes first.", question_key="expertise")
    resolved = comment_add(prep=prep, author=prep.owner, text="Invite her deputy.", stakeholder_id=person.pk)
    comment_resolve(prep=prep, comment_id=resolved.pk, by=prep.owner)
    url = reverse("prep_docx", args=[prep.pk])

    plain = body_texts(open_docx(owner_client.get(url).content))
    assert not any("colleagues’ comments" in text for text in plain)
    response = owner_client.get(url, {"comments": "1"})
    assert "-notes-comments.docx" in response["Content-Disposition"]
    texts = body_texts(open_docx(response.content))
    appendix = texts.index("Appendix: colleagues’ comments")
    assert appendix > next(index for index, text in enumerate(texts) if text.startswith("Question 4:"))
    name = prep.owner.get_full_name() or prep.owner.get_username()
    assert texts[appendix + 2].startswith(f"{name}, ")
    assert texts[appendix + 2].endswith(", on question 2: Ask about the CAD codes first.")
    assert texts[appendix + 3].endswith(", on Dana Whitfield (resolved): Invite her deputy.")


def test_an_edit_past_what_the_pdf_shows_gives_a_new_word_file(owner_client, prep, private_cache):
    """Issue 24, point 3: the PDF lays out an answer's first PDF_ANSWER_MAX_LINES lines, the Word file all of
    it; an edit after them leaves the PDF as it was but must not serve the old Word file (nor a 304)."""
    question = prep.worksheet.questions.get(key="who-attends")
    lines = [f"Person number {n}" for n in range(1, PDF_ANSWER_MAX_LINES + 51)]
    answer_save(prep=prep, question=question, text="\n".join(lines), base_version=0)
    url = reverse("prep_docx", args=[prep.pk])
    pdf_before = prep_pdf_source(prep, include_examples=True, include_extras=True).digest
    first = owner_client.get(url)
    assert first.status_code == 200 and "Person number 450" in paragraphs_text(first.content)

    edited = lines[:-1] + ["Person number 45X"]  # the same length: the PDF's "characters left out" holds
    assert answer_save(prep=prep, question=question, text="\n".join(edited), base_version=1).saved

    assert prep_pdf_source(prep, include_examples=True, include_extras=True).digest == pdf_before
    again = owner_client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    text = paragraphs_text(again.content)
    assert "Person number 45X" in text and "Person number 450" not in text


def paragraphs_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in open_docx(content).paragraphs)
