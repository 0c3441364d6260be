"""The PDF's text as other tools read it: pypdf and poppler (pdftotext, pdfinfo).

Words as typed, in order, right to left included; spaces at line ends; labels as written; list items with
their LBody; an unanswered question says so; the FAQ's sources as citations; "see Tips, page N"; lines to
write on dark enough to see; a title that does not leave one word alone on its last line.
"""

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from documents.sources import blank_pdf_source, prep_pdf_source
from testsupport.ci import RUNNING_IN_CI
from testsupport.factories import answer_create
from worksheets.models import FAQEntry

ARABIC = "نحتاج إلى مدير مركز 911 ورئيس الشرطة وممثل عن الإطفاء في الاجتماع الأول."
HEBREW = "אנחנו צריכים את מנהלת מוקד 911, את מפקד המשטרה ונציג של מכבי האש בפגישה הראשונה."
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), " ")
CSS = Path(settings.PDF_STATIC_DIR) / "worksheet.css"


def needs(tool: str) -> None:
    if not shutil.which(tool):
        if RUNNING_IN_CI:
            pytest.fail(f"{tool} (poppler-utils) is missing; CI must run this test")
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def render(prep, examples=True, extras=True) -> bytes:
    return prep_pdf_source(prep, include_examples=examples, include_extras=extras).render()


def poppler(tool: str, content: bytes, *args: str) -> str:
    needs(tool)
    if tool == "pdfinfo":  # pdfinfo reads a file, not stdin
        path = Path(settings.BASE_DIR) / "artifacts" / "pdf" / "text-test.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        command = [tool, *args, str(path)]
    else:
        command = [tool, "-enc", "UTF-8", *args, "-", "-"]
    result = subprocess.run(command, input=content, capture_output=True, check=True, timeout=60)
    return result.stdout.decode(errors="replace")


def struct_text(content: bytes) -> str:
    """The tagged text in reading order, as poppler reads the structure tree (``pdfinfo -struct-text``)."""
    quoted = re.findall(r'^\s*"(.*)"$', poppler("pdfinfo", content, "-struct-text"), re.MULTILINE)
    return "".join(quoted)


def pdftotext_words(content: bytes) -> list[str]:
    text = unicodedata.normalize("NFKC", poppler("pdftotext", content).translate(BIDI_CONTROLS))
    return re.findall(r"\w+", text)


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def struct_elements(element):
    element = resolve(element)
    yield element
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = resolve(kid)
        if isinstance(kid, dict) and "/S" in kid:
            yield from struct_elements(kid)


def tree(content: bytes) -> list:
    """Every structure element, read with pypdf."""
    root = resolve(PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"])
    return list(struct_elements(root["/K"][0]))


def in_order(words: list[str], found: list[str]) -> bool:
    """``words`` appear in ``found`` one after another (other words may come between)."""
    position = 0
    for word in words:
        try:
            position = found.index(word, position) + 1
        except ValueError:
            return False
    return True


@pytest.fixture
def rtl_prep(prep):
    answer_create(prep=prep, question=3, text=f"{ARABIC}\n\n{HEBREW}\n\n- {ARABIC}\n- {HEBREW}")
    return prep


# --- 1. Right to left ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_arabic_and_hebrew_words_come_back_as_typed_with_pdftotext(rtl_prep):
    found = pdftotext_words(render(rtl_prep, examples=False, extras=False))
    for piece in (ARABIC, HEBREW):
        words = re.findall(r"\w+", unicodedata.normalize("NFKC", piece))
        # Every word whole (ligatures such as lam-alef used to come back with their letters swapped)...
        assert not [word for word in words if word not in found], piece
        # ...and each right-to-left stretch in the order it was typed (the "911" between them is a
        # left-to-right island that poppler may put on either side).
        for stretch in piece.split("911"):
            assert in_order(re.findall(r"\w+", unicodedata.normalize("NFKC", stretch)), found), stretch


@pytest.mark.django_db
def test_right_to_left_blocks_carry_their_text_as_typed_in_the_structure(rtl_prep):
    """What a screen reader reads from the tags (``/ActualText``, read here with pypdf): the logical text."""
    actual = [str(element["/ActualText"]) for element in tree(render(rtl_prep)) if "/ActualText" in element]
    assert actual == [ARABIC, HEBREW, ARABIC, HEBREW]


# --- 2. Words and labels as written -------------------------------------------------------------------------


@pytest.mark.django_db
def test_tagged_text_keeps_the_spaces_at_line_ends_and_the_labels_as_written(prep, worksheet):
    answer_create(prep=prep, question=1, text="We need Dana. " * 40)
    content = render(prep)
    tagged = " ".join(struct_text(content).split())
    # The introduction runs over six lines: read from the tags, it is the admin's text word for word.
    introduction = worksheet.introduction.replace("'", "’")
    assert introduction in tagged
    assert "Preparing to Meet with Public Safety Stakeholders" in tagged
    assert "Question 1 Who needs to be at the meeting?" in tagged
    assert "Innovations in 911 Response" in tagged and "Carmen’s example" in tagged
    assert "We need Dana. " * 39 in tagged
    # Upper case and letter-spacing belong to the look, not the text: none of it reaches pypdf either.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
    for label in ("Innovations in 911 Response", "Question 1", "Carmen’s example", "My answers"):
        assert label in text
    assert "INNOVATIONS" not in text and "Q UESTION" not in text
    assert not re.search(r"text-transform:\s*uppercase|letter-spacing:\s*[\d.]", CSS.read_text())


# --- 3. Tags ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_list_item_has_a_label_and_a_body(prep):
    items = [element for element in tree(render(prep)) if element["/S"] == "/LI"]
    assert len(items) >= 7  # the seven tips at least
    for item in items:
        kinds = [resolve(kid)["/S"] for kid in item["/K"] if isinstance(resolve(kid), dict)]
        assert kinds == ["/Lbl", "/LBody"], kinds


@pytest.mark.django_db
def test_an_unanswered_question_says_so_to_a_screen_reader(prep, worksheet):
    tagged = " ".join(struct_text(render(prep)).split())
    assert tagged.count("My answers Not answered yet: lines to write on by hand.") == 3
    assert "Questions I can answer Not answered yet" in tagged
    blank = " ".join(struct_text(blank_pdf_source(worksheet).render()).split())
    assert blank.count("Write your answers on the lines below.") == 4


# --- 5. Where the tips are; sources as citations ------------------------------------------------------------


def page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_carmens_example_says_on_which_page_the_tips_are(prep, worksheet):
    for content in (render(prep), blank_pdf_source(worksheet).render()):
        pages = page_texts(content)
        tips_page = next(n for n, text in enumerate(pages, 1) if "Tips for successful collaboration" in text)
        assert f"key decisions (see Tips, page {tips_page})." in " ".join(pages)
    without_tips = " ".join(page_texts(render(prep, extras=False)))
    assert "if they influence key decisions. Since" in without_tips and "see Tips" not in without_tips
    assert "sidebar" not in without_tips and "interactive PDF" not in without_tips


@pytest.mark.django_db
def test_faq_sources_read_as_citations_with_or_without_an_address(prep):
    text = " ".join(page_texts(render(prep)))
    # A source without an address names the program or study it means, never a bare place name.
    assert (
        "Sources: Durham, North Carolina — Community Safety Department, HEART program; Denver, Colorado — "
        "Support Team Assisted Response (STAR) program; Eugene, Oregon — CAHOOTS" in text
    )
    assert "Source: LEAP Community Response Liability Report (https://lawenforcementaction" in text
    FAQEntry.objects.filter(question="Are programs like this safe?").update(
        sources="- [Durham, North Carolina](https://example.org/durham)\n- Denver, Colorado"
    )
    text = " ".join(page_texts(render(prep)))
    assert "Sources: Durham, North Carolina (https://example.org/durham); Denver, Colorado." in text


# --- 6. Lines to write on; the title ------------------------------------------------------------------------


def contrast_on_white(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_lines_to_write_on_have_3_to_1_contrast():
    css = CSS.read_text()
    for selector in (r"\.meeting-blank \.detail-line", r"\.ruled-line"):
        colour = re.search(selector + r" \{[^}]*border-bottom: [\d.]+pt solid #([0-9a-f]{6})", css)
        assert colour and contrast_on_white(colour[1]) >= 3, selector


@pytest.mark.django_db
def test_the_title_leaves_no_word_alone_on_its_last_line(worksheet):
    lines = poppler("pdftotext", blank_pdf_source(worksheet).render(), "-layout", "-f", "1", "-l", "1")
    title_lines = [" ".join(line.split()) for line in lines.splitlines()[:6] if line.strip()][1:3]
    assert " ".join(title_lines) == "Preparing to Meet with Public Safety Stakeholders"
    assert all(len(line.split()) >= 2 for line in title_lines), title_lines
