"""The meeting brief: its defaults, what it leaves out, its page's forms, and its two files."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from briefs.models import AgendaItem, MeetingBrief
from briefs.suggestions import SUGGESTED_AGENDA
from preps.models import Stakeholder
from preps.services import prep_delete, prep_duplicate
from testsupport.factories import answer_create, expected_question_create, stakeholder_create
from worksheets.models import FAQEntry

pytestmark = pytest.mark.django_db

STRATEGY = "Brieftest strategy: the union is skeptical and the chief feels left out."
MATTERS = "Brieftest matters: Chief Alvarez wants fewer repeat calls before the budget vote."
CONCERNS = "Brieftest concerns: liability if a responder is hurt."


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    return " ".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def brief_files(client, prep) -> tuple[str, str]:
    pdf = client.get(reverse("prep_brief_pdf", args=[prep.pk]))
    word = client.get(reverse("prep_brief_docx", args=[prep.pk]))
    assert pdf.status_code == word.status_code == 200
    return pdf_text(pdf.content), docx_text(word.content)


@pytest.fixture
def faq(worksheet):
    return list(FAQEntry.objects.filter(worksheet=worksheet, is_published=True).order_by("position"))


@pytest.fixture
def full_prep(prep, faq):
    """A prep with private notes everywhere: question 3, a person's notes and ratings, a linked FAQ entry."""
    answer_create(prep=prep, question=prep.worksheet.questions.get(key="what-matters"), text=STRATEGY)
    chief = stakeholder_create(
        prep=prep,
        name="Chief Ana Alvarez",
        role="Chief of Police",
        organisation="Springfield PD",
        what_matters=MATTERS,
        concerns=CONCERNS,
        influence=Stakeholder.Influence.HIGH,
        stance=Stakeholder.Stance.SKEPTICAL,
    )
    stakeholder_create(prep=prep, name="Later Larry", invite=Stakeholder.Invite.LATER)
    expected_question_create(
        prep=prep,
        text="Who is liable if something goes wrong?",
        askers=[chief],
        faq_entries=[faq[1]],
        answer="Brieftest my answer: the city's insurance covers it.",
    )
    return prep


def test_a_brief_downloads_with_its_defaults_before_any_edit(owner_client, full_prep, faq):
    pdf, word = brief_files(owner_client, full_prep)

    for text in (pdf, word):
        assert [item.title for item in SUGGESTED_AGENDA if item.title in text] == [
            item.title for item in SUGGESTED_AGENDA
        ]
        assert "Chief Ana Alvarez" in text and "Chief of Police, Springfield PD" in text
        assert "Later Larry" not in text  # not invited to this meeting
        assert faq[1].question in text and faq[0].question not in text  # the linked entry only
        assert "Who is liable if something goes wrong?" in text
    assert not MeetingBrief.objects.exists()  # reading never writes


def test_private_notes_stay_out_of_the_brief_until_each_block_is_included(owner_client, full_prep):
    private = (STRATEGY, MATTERS, CONCERNS, "Skeptical", "Brieftest my answer")
    for text in brief_files(owner_client, full_prep):
        assert [word for word in private if word in text] == []

    page = owner_client.get(reverse("prep_brief", args=[full_prep.pk])).content.decode()
    assert "Not in the brief" in page and "stance and influence ratings" in page.lower()
    version = MeetingBrief.objects.get().version
    response = owner_client.post(
        reverse("prep_brief", args=[full_prep.pk]),
        {
            "action": "blocks",
            "version": version,
            "include_question3": "on",
            "include_person_notes": "on",
            "include_ratings": "on",
            "include_expected_answers": "on",
        },
    )
    assert response.status_code == 302
    for text in brief_files(owner_client, full_prep):
        assert [word for word in private if word not in text] == []


def test_the_notes_keep_everything(owner_client, full_prep):
    notes_pdf = pdf_text(owner_client.get(reverse("prep_pdf", args=[full_prep.pk])).content)
    notes_word = docx_text(owner_client.get(reverse("prep_docx", args=[full_prep.pk])).content)
    assert STRATEGY in notes_pdf and MATTERS in notes_pdf
    assert STRATEGY in notes_word


def brief_page(client, prep):
    response = client.get(reverse("prep_brief", args=[prep.pk]))
    assert response.status_code == 200
    return MeetingBrief.objects.get(prep=prep)


def post(client, prep, **data):
    return client.post(reverse("prep_brief", args=[prep.pk]), data)


def test_turning_a_chosen_faq_entry_off_takes_it_out(owner_client, full_prep, faq):
    brief = brief_page(owner_client, full_prep)
    assert (
        post(owner_client, full_prep, action="faq", version=brief.version, faq=[faq[2].pk]).status_code == 302
    )
    for text in brief_files(owner_client, full_prep):
        assert faq[2].question in text and faq[1].question not in text


def test_moving_an_item_changes_the_order_in_both_files(owner_client, full_prep):
    brief = brief_page(owner_client, full_prep)
    first, second = brief.agenda.order_by("position")[:2]
    response = post(owner_client, full_prep, action="down", version=brief.version, item=first.pk)
    assert response.status_code == 302 and f"moved={first.pk}" in response["Location"]
    assert list(brief.agenda.order_by("position").values_list("pk", flat=True))[:2] == [second.pk, first.pk]
    for text in brief_files(owner_client, full_prep):
        assert text.index(second.title) < text.index(first.title)
    # The page puts the focus back on the pressed button (no script needed).
    page = owner_client.get(response["Location"]).content.decode()
    assert page.count("autofocus") == 1


def test_details_and_agenda_edits_reach_the_brief(owner_client, full_prep):
    brief = brief_page(owner_client, full_prep)
    response = post(
        owner_client,
        full_prep,
        action="details",
        version=brief.version,
        start_time="09:30",
        place="City Hall, room 204",
        purpose="Agree how 911 calls could reach the team.",
        desired_outcome="A work group that meets monthly.",
        primer="- Two responders per van\n- 7 days a week",
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    response = post(
        owner_client,
        full_prep,
        action="add",
        version=brief.version,
        title="Tour the van",
        minutes="15",
        lead="Dana Whitfield",
        note="",
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Tour the van")
    brief.refresh_from_db()
    edit = reverse("agenda_item_edit", args=[full_prep.pk, item.pk])
    assert owner_client.get(edit).status_code == 200
    response = owner_client.post(
        edit,
        {
            "title": "Tour the new van",
            "minutes": "10",
            "lead": "Dana Whitfield",
            "note": "",
            "version": brief.version,
        },
    )
    assert response.status_code == 302
    pdf, word = brief_files(owner_client, full_prep)
    for text in (pdf, word):
        assert "City Hall, room 204" in text and "9:30 a.m." in text
        assert "A work group that meets monthly." in text and "Two responders per van" in text
        assert "Tour the new van" in text and "Lead: Dana Whitfield" in text
    assert "10:30 a.m." in pdf  # 9:30 plus the suggested 10 + 10 + 15 + 20 + 5 minutes


def test_a_stale_form_is_a_409_that_changes_nothing(owner_client, full_prep):
    brief = brief_page(owner_client, full_prep)
    item = brief.agenda.order_by("position").first()
    assert (
        post(owner_client, full_prep, action="remove", version=brief.version, item=item.pk).status_code == 302
    )
    before = list(AgendaItem.objects.values_list("pk", "position"))
    response = post(owner_client, full_prep, action="details", version=brief.version, place="Stale place")
    assert response.status_code == 409
    assert "changed in another window" in response.content.decode()
    assert "Stale place" in response.content.decode()  # her text is kept in the box
    response = post(
        owner_client, full_prep, action="down", version=brief.version, item=AgendaItem.objects.first().pk
    )
    assert response.status_code == 409
    assert list(AgendaItem.objects.values_list("pk", "position")) == before
    assert MeetingBrief.objects.get().place == ""


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"action": "explode"}, 400),
        ({}, 400),
        ({"action": "down", "item": "x", "version": "1"}, 400),
        ({"action": "down", "item": "1", "version": "-1"}, 400),
        ({"action": "down", "item": "987654", "version": "{version}"}, 404),
        ({"action": "add", "title": "", "version": "{version}"}, 400),
        ({"action": "add", "title": "Long", "minutes": "601", "version": "{version}"}, 400),
        ({"action": "add", "title": "x" * 201, "version": "{version}"}, 400),
        ({"action": "details", "place": "x" * 201, "version": "{version}"}, 400),
        ({"action": "details", "start_time": "25:99", "version": "{version}"}, 400),
        ({"action": "details", "version": "99999999999"}, 400),
        ({"action": "faq", "faq": ["987654"], "version": "{version}"}, 400),
        ({"action": "faq", "faq": ["x"], "version": "{version}"}, 400),
    ],
)
def test_bad_input_is_a_4xx_that_changes_nothing(owner_client, full_prep, data, status):
    brief = brief_page(owner_client, full_prep)
    before = (MeetingBrief.objects.values().get(), list(AgendaItem.objects.values()))
    data = {k: v.format(version=brief.version) if isinstance(v, str) else v for k, v in data.items()}
    assert post(owner_client, full_prep, **data).status_code == status
    assert (MeetingBrief.objects.values().get(), list(AgendaItem.objects.values())) == before


def test_another_preps_agenda_item_is_a_404(owner_client, full_prep, owner, worksheet):
    from testsupport.factories import prep_create

    other = prep_create(owner=owner, worksheet=worksheet, meeting_title="Other")
    brief_page(owner_client, other)
    brief = brief_page(owner_client, full_prep)
    foreign = AgendaItem.objects.filter(brief__prep=other).first()
    assert owner_client.get(reverse("agenda_item_edit", args=[full_prep.pk, foreign.pk])).status_code == 404
    assert (
        post(owner_client, full_prep, action="remove", version=brief.version, item=foreign.pk).status_code
        == 404
    )
    assert AgendaItem.objects.filter(pk=foreign.pk).exists()


def test_duplicate_export_and_delete_carry_the_brief(owner_client, full_prep, faq):
    brief = brief_page(owner_client, full_prep)
    post(owner_client, full_prep, action="faq", version=brief.version, faq=[faq[3].pk])
    post(owner_client, full_prep, action="details", version=brief.version + 1, place="Room 9")

    copy = prep_duplicate(prep=full_prep)
    copied = MeetingBrief.objects.get(prep=copy)
    assert copied.place == "Room 9" and list(copied.faq_entries.all()) == [faq[3]]
    assert list(copied.agenda.values_list("title", flat=True)) == list(
        brief.agenda.values_list("title", flat=True)
    )
    assert MeetingBrief.objects.get(prep=full_prep).agenda.count() == copied.agenda.count()

    export = owner_client.get(reverse("account_export")).json()
    briefs = {p["meeting_title"]: p["meeting_brief"] for p in export["meeting_preps"]}
    assert briefs[full_prep.meeting_title]["place"] == "Room 9"
    assert [i["title"] for i in briefs[full_prep.meeting_title]["agenda"]][0] == SUGGESTED_AGENDA[0].title
    assert briefs[full_prep.meeting_title]["faq_entries"] == [faq[3].question]

    prep_delete(prep=full_prep)
    prep_delete(prep=copy)
    assert not MeetingBrief.objects.exists() and not AgendaItem.objects.exists()


def test_file_names_say_the_meeting_the_document_and_the_date(owner_client, full_prep):
    import datetime

    full_prep.meeting_date = datetime.date(2026, 12, 3)
    full_prep.save()
    pdf = owner_client.get(reverse("prep_brief_pdf", args=[full_prep.pk]))
    word = owner_client.get(reverse("prep_brief_docx", args=[full_prep.pk]))
    assert "meeting-prep-first-public-safety-work-group-2026-12-03-brief.pdf" in pdf["Content-Disposition"]
    assert "meeting-prep-first-public-safety-work-group-2026-12-03-brief.docx" in word["Content-Disposition"]


@pytest.mark.parametrize("name", ["prep_brief_pdf", "prep_brief_docx", "prep_docx"])
def test_downloads_are_cached_by_content_with_an_etag_and_a_304(owner_client, full_prep, private_cache, name):
    url = reverse(name, args=[full_prep.pk])
    first = owner_client.get(url)
    again = owner_client.get(url)
    assert first["ETag"] == again["ETag"] and first.content == again.content
    assert first["Cache-Control"] == "private, no-cache"
    header = "X-PDF-Cache" if name.endswith("pdf") else "X-Docx-Cache"
    assert (first[header], again[header]) == ("miss", "hit")
    assert owner_client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    answer_create(
        prep=full_prep, question=full_prep.worksheet.questions.get(key="expertise"), text="New words"
    )
    stakeholder_create(prep=full_prep, name="Newcomer Nia")
    changed = owner_client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_brief_pdf_is_tagged_with_a_title_and_language(owner_client, full_prep):
    reader = PdfReader(io.BytesIO(owner_client.get(reverse("prep_brief_pdf", args=[full_prep.pk])).content))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == f"{full_prep.meeting_title} — Meeting brief"
    assert root["/Lang"] == "en" and root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root


def test_the_fill_page_and_the_dashboard_offer_both_documents_and_say_who_each_is_for(owner_client, prep):
    fill = owner_client.get(prep.get_absolute_url()).content.decode()
    dashboard = owner_client.get(reverse("dashboard")).content.decode()
    for page in (fill, dashboard):
        for name in ("prep_pdf", "prep_docx", "prep_brief_pdf", "prep_brief_docx", "prep_brief"):
            assert reverse(name, args=[prep.pk]) in page, name
        assert "to hand out" in page.lower()
    assert "To hand out to everyone at the meeting" in fill


def test_brief_pages_as_images_for_people_to_look_at(owner_client, full_prep, faq, tmp_path):
    """Writes artifacts/pdf/brief-*.png (pdftoppm): a brief with every part filled, hard text included."""
    import shutil
    import subprocess

    from testsupport.artifacts import PDF_PAGES

    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (poppler-utils)")
    stakeholder_create(
        prep=full_prep, name="José Núñez", role="Director, 911 — “CAD” 🚑", organisation="مركز 911"
    )
    brief = brief_page(owner_client, full_prep)
    post(
        owner_client,
        full_prep,
        action="details",
        version=brief.version,
        start_time="09:30",
        place="City Hall, 204",
        purpose="Agree how some 911 calls could reach the team.",
        desired_outcome="A work group that meets monthly.",
        primer="Springfield CARE sends two unarmed responders.\n\n- 7 days a week\n- Mental-health calls",
    )
    response = owner_client.get(reverse("prep_brief_pdf", args=[full_prep.pk]))
    path = tmp_path / "brief.pdf"
    path.write_bytes(response.content)
    PDF_PAGES.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", path, PDF_PAGES / "brief"], check=True, timeout=120)
    assert sorted(PDF_PAGES.glob("brief-*.png"))


def test_the_word_brief_matches_the_pdf_headings_lists_links_and_text(owner_client, full_prep, faq):
    from briefs.selectors import brief_for_prep
    from documents.brief import brief_document
    from documents.docx.brief import brief_docx
    from preps.selectors import prep_with_content

    FAQEntry.objects.filter(pk=faq[1].pk).update(
        sources="- [LEAP liability report](https://example.org/leap)"
    )
    stakeholder_create(
        prep=full_prep, name="José Núñez", role="Director, 911 — “CAD” 🚑", organisation="مركز 911"
    )
    brief = brief_page(owner_client, full_prep)
    post(
        owner_client,
        full_prep,
        action="details",
        version=brief.version,
        primer="Intro.\n\n- One van\n- مرحبا",
    )
    content = brief_for_prep(prep_with_content(full_prep))
    word = docx.Document(io.BytesIO(brief_docx(content).content))
    pdf_bytes = owner_client.get(reverse("prep_brief_pdf", args=[full_prep.pk])).content
    pdf = pdf_text(pdf_bytes)

    expected = brief_document(content).headings
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [(f"Heading {level}", text) for level, text in expected]
    position = 0
    for _, text in expected:  # the PDF has them, in the same order
        position = pdf.find(" ".join(text.split()), position)
        assert position >= 0, text
    outline = [item.title for item in PdfReader(io.BytesIO(pdf_bytes)).outline if not isinstance(item, list)]
    assert outline == [expected[0][1]]  # bookmarks: the title, its sections nested under it

    numbered = [p.text for p in word.paragraphs if p.style.name == "List Number"]
    assert [text.split(" · ")[0] for text in numbered] == [item.title for item in SUGGESTED_AGENDA]
    bullets = [p.text for p in word.paragraphs if p.style.name.startswith("List Bullet")]
    assert "José Núñez — Director, 911 — “CAD” 🚑, مركز 911" in bullets and "مرحبا" in bullets
    assert "Who is liable if something goes wrong?" in bullets[0]
    links = [link.address for p in word.paragraphs for link in p.hyperlinks]
    assert links == ["https://example.org/leap"]
    assert "LEAP liability report" in pdf and "https://example.org/leap" in pdf
    assert word.core_properties.title == f"{full_prep.meeting_title} — Meeting brief"
    assert word.core_properties.language == "en-US"
    for text in ("José Núñez", "“CAD” 🚑", "Intro.", "One van"):
        assert text in pdf and text in docx_text(brief_docx(content).content)


@pytest.mark.parametrize("name", ["prep_brief", "prep_brief_pdf", "prep_brief_docx"])
def test_the_brief_costs_the_same_queries_for_4_people_as_for_40(
    owner_client, full_prep, faq, private_cache, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from testsupport.factories import roster_fill

    url = reverse(name, args=[full_prep.pk])
    brief_page(owner_client, full_prep)
    counts = []
    for more in (2, 36):
        roster_fill(full_prep, more)
        for person in full_prep.stakeholders.all():
            expected_question_create(
                prep=full_prep, text=f"Asked by {person.name}", askers=[person], faq_entries=faq[:2]
            )
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_right_to_left_names_and_items_read_right_to_left_in_word(owner_client, full_prep):
    from docx.oxml.ns import qn

    stakeholder_create(prep=full_prep, name="سارة الخطيب", role="مديرة")
    brief = brief_page(owner_client, full_prep)
    post(
        owner_client,
        full_prep,
        action="add",
        version=brief.version,
        title="ترحيب",
        minutes="5",
        lead="",
        note="",
    )
    word = docx.Document(
        io.BytesIO(owner_client.get(reverse("prep_brief_docx", args=[full_prep.pk])).content)
    )
    rtl = [
        p.text for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
    ]
    assert any(text.startswith("سارة الخطيب") for text in rtl) and any(t.startswith("ترحيب") for t in rtl)
    assert not any(text.startswith("Chief Ana Alvarez") for text in rtl)
    pdf = pdf_text(owner_client.get(reverse("prep_brief_pdf", args=[full_prep.pk])).content)
    assert "ترحيب" in pdf or "بيحرت" in pdf


def test_hostile_text_in_the_brief_stays_text(owner_client, full_prep):
    hostile = '<img src="http://127.0.0.1:9/x"> <b>not bold</b> {{ prep.owner.password }}'
    brief = brief_page(owner_client, full_prep)
    post(
        owner_client, full_prep, action="details", version=brief.version, primer=hostile, place="</style><x>"
    )
    page = owner_client.get(reverse("prep_brief", args=[full_prep.pk])).content.decode()
    assert '<img src="http://127.0.0.1:9/x">' not in page
    for text in brief_files(owner_client, full_prep):
        assert "<b>not bold</b>" in text and "{{ prep.owner.password }}" in text and "</style><x>" in text


def test_deleting_the_account_deletes_its_briefs(owner_client, full_prep, owner):
    from accounts.services import account_delete

    brief_page(owner_client, full_prep)
    account_delete(user=owner)
    assert not MeetingBrief.objects.exists() and not AgendaItem.objects.exists()


def test_a_stale_agenda_item_edit_keeps_her_text_and_saves_on_the_second_try(owner_client, full_prep):
    brief = brief_page(owner_client, full_prep)
    item = brief.agenda.order_by("position").first()
    stale = brief.version
    post(owner_client, full_prep, action="details", version=stale, place="Room 9")
    edit = reverse("agenda_item_edit", args=[full_prep.pk, item.pk])
    data = {"title": "Coffee and introductions", "minutes": "10", "lead": "", "note": "", "version": stale}
    response = owner_client.post(edit, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed in another window" in page and "Coffee and introductions" in page
    assert AgendaItem.objects.get(pk=item.pk).title == item.title
    data["version"] = stale + 1  # what the re-shown form now carries
    assert f'value="{stale + 1}"' in page
    assert owner_client.post(edit, data).status_code == 302
    assert AgendaItem.objects.get(pk=item.pk).title == "Coffee and introductions"
