"""Text in scripts no shipped font covers: a notice on the page, never a .notdef glyph.

PDF/UA-1 (ISO 14289-1, 7.21.8) forbids any text-showing operator to reference the ``.notdef`` glyph. veraPDF
is not available offline, so ``notdef_uses`` reads the PDF the way a checker does: each font's encoding (the
Identity-H mapping, or the CMap WeasyPrint writes for a font with missing glyphs) and CID-to-GID map, then
every string shown by ``Tj``, ``TJ``, ``'`` and ``"`` in the pages and their form XObjects, and reports the
codes that land on glyph 0. The typed text must still reach a reader: ``/ActualText`` on the notice's
structure element (screen readers) and on its marked content (pdftotext, copy-paste).
"""

import io
import re
import shutil
import subprocess
import unicodedata
from xml.etree.ElementTree import Element, SubElement

import pytest
from django.conf import settings
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject, NameObject, TextStringObject

from documents.docx.notes import notes_docx
from documents.pdf import coverage
from documents.sources import prep_pdf_source
from preps.selectors import prep_with_content
from testsupport.ci import RUNNING_IN_CI
from testsupport.factories import answer_create, stakeholder_create

ETHIOPIC = "ሰላም ለሁሉም፣ የፖሊስ አዛዡ በስብሰባው ላይ ይገኛል።"  # Amharic: "hello all, the police chief attends"
KHMER = "ប្រធាននគរបាល"  # "chief of police", with Khmer's subscript consonants and vowel signs
TIBETAN = "བཀྲ་ཤིས་བདེ་ལེགས།"
CHEROKEE = "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ"
DEVANAGARI = "पुलिस प्रमुख"
CSS = '<link rel="stylesheet" href="worksheet.css">'


# --- Reading a PDF as a PDF/UA checker does ----------------------------------------------------------------


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def glyph_of(font) -> callable:
    """The function from a character code shown in ``font`` to the glyph id it draws."""
    font = resolve(font)
    assert font["/Subtype"] == "/Type0", f"{font['/BaseFont']}: a {font['/Subtype']} font, not checked here"
    encoding = resolve(font["/Encoding"])
    cids: dict[int, int] | None = None
    if isinstance(encoding, NameObject):
        assert encoding == "/Identity-H", encoding
    else:
        cmap = encoding.get_data().decode("latin-1")
        cids = {}
        for block in re.findall(r"begincidchar(.*?)endcidchar", cmap, re.DOTALL):
            cids |= {int(code, 16): int(cid) for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)", block)}
        for block in re.findall(r"begincidrange(.*?)endcidrange", cmap, re.DOTALL):
            for low, high, first in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", block):
                cids |= {
                    code: int(first) + code - int(low, 16) for code in range(int(low, 16), int(high, 16) + 1)
                }
    descendant = resolve(resolve(font["/DescendantFonts"])[0])
    to_gid = resolve(descendant.get("/CIDToGIDMap", NameObject("/Identity")))
    gids = None if isinstance(to_gid, NameObject) else to_gid.get_data()

    def glyph(code: int) -> int:
        cid = code if cids is None else cids.get(code, 0)  # a code outside the CMap draws CID 0
        return cid if gids is None else int.from_bytes(gids[2 * cid : 2 * cid + 2], "big")

    return glyph


def raw(string) -> bytes:
    """A string operand's bytes (pypdf decodes some into text; its original bytes are what the font reads)."""
    return string.original_bytes if isinstance(string, TextStringObject) else bytes(string)


def shown_strings(operands, operator) -> list[bytes]:
    if operator in (b"Tj", b"'"):
        return [raw(operands[-1])]
    if operator == b'"':
        return [raw(operands[2])]
    if operator == b"TJ":
        return [raw(item) for item in operands[0] if not isinstance(item, (int, float))]
    return []


def notdef_uses(content: bytes) -> list[tuple[str, str]]:
    """(font, code in hex) of every glyph 0 shown, in every page and form XObject."""
    reader = PdfReader(io.BytesIO(content))
    found: list[tuple[str, str]] = []

    def check(stream, resources) -> None:
        resources = resolve(resources) or {}
        fonts = {name: glyph_of(font) for name, font in resolve(resources.get("/Font", {})).items()}
        glyph, name = None, None
        for operands, operator in ContentStream(stream, reader).operations:
            if operator == b"Tf":
                name = operands[0]
                glyph = fonts[name]
            for string in shown_strings(operands, operator):
                for index in range(0, len(string) - 1, 2):  # Type0 fonts with Identity-H: two-byte codes
                    code = int.from_bytes(string[index : index + 2], "big")
                    if glyph(code) == 0:
                        found.append((str(name), f"{code:04x}"))
        for xobject in resolve(resources.get("/XObject", {})).values():
            xobject = resolve(xobject)
            if xobject.get("/Subtype") == "/Form":
                check(xobject, xobject.get("/Resources", resources))

    for page in reader.pages:
        check(page.get_contents(), page["/Resources"])
    return found


def struct_elements(content: bytes) -> list:
    root = resolve(PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"])
    found, stack = [], [root["/K"][0]]
    while stack:
        element = resolve(stack.pop())
        if isinstance(element, dict) and "/S" in element:
            found.append(element)
            kids = element.get("/K", [])
            stack.extend(reversed(kids) if isinstance(kids, list) else [kids])
    return found


def actual_texts(content: bytes) -> list[str]:
    return [str(element["/ActualText"]) for element in struct_elements(content) if "/ActualText" in element]


def page_text(content: bytes) -> str:
    return " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def pdftotext(content: bytes) -> str:
    if not shutil.which("pdftotext"):
        if RUNNING_IN_CI:
            pytest.fail("pdftotext (poppler-utils) is missing; CI must run this test")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True, timeout=60
    )
    return " ".join(result.stdout.decode().split())


def render(prep) -> bytes:
    return prep_pdf_source(prep, include_examples=False, include_extras=False).render()


def html_pdf(body: str) -> bytes:
    from documents.pdf.render import html_to_pdf  # WeasyPrint is slow to import

    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>{CSS}</head><body>{body}'
    )
    return html_to_pdf(html + "</body></html>", pdf_variant="pdf/ua-1")


def save_artifact(content: bytes, name: str) -> None:
    path = settings.BASE_DIR / "artifacts" / "pdf" / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


# --- The answer's PDF ---------------------------------------------------------------------------------------


@pytest.fixture
def uncovered_prep(prep):
    answer_create(
        prep=prep,
        question=1,
        text=f"We need the council member. In Amharic: {ETHIOPIC} Then the chief.\n\n"
        f"- {KHMER}\n- {TIBETAN}\n- Cherokee Nation liaison ({CHEROKEE})",
    )
    return prep


@pytest.mark.django_db
def test_an_answer_in_uncovered_scripts_shows_no_notdef_glyph(uncovered_prep):
    content = render(uncovered_prep)
    save_artifact(content, "uncovered-scripts")
    assert notdef_uses(content) == []
    text = page_text(content)
    for script in ("Ethiopic", "Khmer", "Tibetan", "Cherokee"):
        assert f"[{script} text this PDF cannot show]" in text
    # The text around the runs is untouched, the run's own punctuation went with it.
    assert "In Amharic: [Ethiopic text this PDF cannot show] Then the chief." in text
    assert "Cherokee Nation liaison ([Cherokee text this PDF cannot show])" in text


@pytest.mark.django_db
def test_the_typed_text_reaches_screen_readers_and_text_extraction(uncovered_prep):
    content = render(uncovered_prep)
    # The structure: each notice's Span carries the run as typed.
    assert actual_texts(content) == [ETHIOPIC, KHMER, TIBETAN, CHEROKEE]
    # The page's marked content too: pdftotext (poppler) reads the typed text instead of the notice.
    extracted = unicodedata.normalize("NFC", pdftotext(content))
    for piece in (ETHIOPIC, KHMER, TIBETAN, CHEROKEE):
        assert piece in extracted
    assert "cannot show" not in extracted


@pytest.mark.django_db
def test_the_notdef_check_finds_the_missing_glyphs_without_the_notice(uncovered_prep, monkeypatch):
    """The check can fail: with the replacement switched off (as before the fix) it finds glyph 0."""
    from documents.pdf import render as renderer

    monkeypatch.setattr(renderer, "mark_uncovered", lambda root: 0)
    content = render(uncovered_prep)
    uses = notdef_uses(content)
    assert len(uses) >= len(re.sub(r"[\s፣።་།()]", "", ETHIOPIC + KHMER + TIBETAN + CHEROKEE)) // 2
    assert not actual_texts(content)


@pytest.mark.django_db
def test_meeting_details_running_title_and_roster_are_covered_too(prep):
    prep.meeting_title = f"Meeting {DEVANAGARI}"
    prep.jurisdiction = ETHIOPIC
    prep.save()
    stakeholder_create(
        prep=prep, name=CHEROKEE, role=f"Liaison {KHMER}", kind="city", influence="high", stance="champion"
    )
    content = render(prep)
    save_artifact(content, "uncovered-scripts-roster")
    # The meeting title is also the running title in every page's footer; the name is in the power map too.
    assert notdef_uses(content) == []
    text = page_text(content)
    assert "Meeting [Devanagari text this PDF cannot show]" in text
    assert "[Cherokee text this PDF cannot show]" in text  # the roster table
    assert "1 [Cherokee text]" in text  # the power map's narrow cell
    assert {DEVANAGARI, ETHIOPIC, CHEROKEE, KHMER} <= set(actual_texts(content))


def test_a_right_to_left_block_reads_the_typed_text_not_the_notice():
    arabic = "رئيس الشرطة"
    content = html_pdf(f'<p dir="rtl" lang="ar">{arabic} {ETHIOPIC}</p>')
    assert notdef_uses(content) == []
    paragraph = [element for element in struct_elements(content) if element["/S"] == "/P"]
    assert str(paragraph[0]["/ActualText"]) == f"{arabic} {ETHIOPIC}"


def test_a_notice_broken_over_two_lines_gives_its_text_once():
    content = html_pdf(f'<p style="width: 120pt">Before {ETHIOPIC} after</p>')
    assert notdef_uses(content) == []
    spans = [element for element in struct_elements(content) if "/ActualText" in element]
    assert len(spans) >= 2  # the notice wrapped
    assert [str(span["/ActualText"]) for span in spans] == [ETHIOPIC] + [""] * (len(spans) - 1)


def test_every_character_the_fonts_have_prints_as_itself():
    """The coverage is the fonts' cmaps: a sample of 1 in 40 of those characters prints with no glyph 0 and
    no notice (a character the renderer could not reach would print as .notdef here)."""
    covered = coverage.covered_code_points()
    sample = "".join(
        chr(code)
        for code in sorted(covered)[::40]
        if unicodedata.category(chr(code))[0] not in "CZM" and not coverage.IGNORABLE.match(chr(code))
    )
    assert len(sample) > 500
    content = html_pdf(f"<p>{sample}</p>")
    assert notdef_uses(content) == []
    assert "cannot show" not in page_text(content)


# --- Which text is uncovered --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chief Núñez — “yes” → ✓ 👍🏽 مرحبا שלום 会议 회의", ""),
        (f"In Amharic: {ETHIOPIC} Then", "In Amharic: [Ethiopic text this PDF cannot show] Then"),
        (f"{KHMER}, {TIBETAN}", "[Khmer and Tibetan text this PDF cannot show]"),
        (f"({CHEROKEE})", "([Cherokee text this PDF cannot show])"),
        (f"{DEVANAGARI} police", "[Devanagari text this PDF cannot show] police"),
        ("a\u200bb\u200dc\ufe0f d\u00ade\n\tf", ""),  # never drawn: no notice
        ("private \ue000 use", "private [characters this PDF cannot show] use"),
        ("\U0001d11e clef", "[characters this PDF cannot show] clef"),
        ("ሰ\u0301 and ሰ", "[Ethiopic text this PDF cannot show] and [Ethiopic text this PDF cannot show]"),
    ],
)
def test_uncovered_runs_become_one_notice_each(text, expected):
    assert coverage.replaced(text) == (expected or text)


def test_the_coverage_is_read_once_while_the_fonts_are_unchanged(monkeypatch):
    first = coverage.covered_code_points()
    monkeypatch.setattr(coverage, "TTFont", None)  # reading a font again would fail
    assert coverage.covered_code_points() is first
    assert ord("a") in first and ord("ሰ") not in first


def test_mark_uncovered_keeps_the_typed_text_in_the_tree():
    root = Element("body")
    paragraph = SubElement(root, "p")
    paragraph.text = f"One {ETHIOPIC} two "
    bold = SubElement(paragraph, "b")
    bold.text = "bold"
    bold.tail = f" {KHMER}"
    svg_text = SubElement(SubElement(root, f"{coverage.SVG}svg"), f"{coverage.SVG}text")
    svg_text.text = CHEROKEE
    root.set("data-running-title", TIBETAN)

    assert coverage.mark_uncovered(root) == 3
    assert "".join(paragraph.itertext()) == (
        "One [Ethiopic text this PDF cannot show] two bold [Khmer text this PDF cannot show]"
    )
    assert coverage.original_text(paragraph) == f"One {ETHIOPIC} two bold {KHMER}"
    assert svg_text.text == "[Cherokee text]" and len(svg_text) == 0
    assert root.get("data-running-title") == "[Tibetan text this PDF cannot show]"


@pytest.mark.django_db
def test_the_word_export_keeps_the_text_as_typed(uncovered_prep):
    """Word substitutes a font it has for each script: the .docx holds the text itself, no notice."""
    import docx

    document = docx.Document(io.BytesIO(notes_docx(prep_with_content(uncovered_prep)).content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert ETHIOPIC in text and CHEROKEE in text and "cannot show" not in text


@pytest.mark.django_db
def test_the_meeting_brief_is_covered_too(prep):
    """The notice is made for every PDF the renderer draws, the brief she hands out included."""
    from documents.sources import brief_pdf_source

    prep.meeting_title = f"{ETHIOPIC} work group"
    prep.save()
    stakeholder_create(prep=prep, name=CHEROKEE, role="Liaison", kind="city")
    content = brief_pdf_source(prep).render()
    assert notdef_uses(content) == []
    assert "[Ethiopic text this PDF cannot show] work group" in page_text(content)
    assert ETHIOPIC in actual_texts(content)


def test_many_short_runs_in_one_text_make_one_notice():
    """A notice is longer than what it replaces: "ሰ a ሰ a ..." must not multiply the text to lay out."""
    text = "Start " + "ሰ a " * 12_000 + "end"
    assert coverage.replaced(text) == "Start [Ethiopic and Latin text this PDF cannot show] a end"
    few = "ሰ a " * coverage.MAX_NOTICES_PER_TEXT
    assert (
        coverage.replaced(few).count("[Ethiopic text this PDF cannot show]") == coverage.MAX_NOTICES_PER_TEXT
    )
