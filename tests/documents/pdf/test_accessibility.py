"""The PDF as assistive technology and a careful reader meet it: PDF/UA tagging, reading order, headings that
never end a page, clickable FAQ links, and hard text (10,000 characters, a 500-character URL, Arabic, Hebrew,
CJK, emoji) set in the shipped fonts with no missing glyph and nothing past the margins.

Page images go to artifacts/pdf/ (pdftoppm) for people to look at.
"""

import io
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from core.bidi import base_direction, script_language
from documents.sources import blank_pdf_source, prep_pdf_source
from preps.models import Answer
from testsupport.ci import RUNNING_IN_CI
from worksheets.models import FAQEntry

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "pdf"
PDF_STATIC = Path(settings.PDF_STATIC_DIR)

ARABIC = "نحتاج إلى مدير مركز 911 ورئيس الشرطة وممثل عن الإطفاء في الاجتماع الأول."
HEBREW = "אנחנו צריכים את מנהלת מוקד 911, את מפקד המשטרה ונציג של מכבי האש בפגישה הראשונה."
CHINESE = "我们需要911中心主任、警察局长和消防部门代表参加第一次会议。"
JAPANESE = "最初の会議には、911センターの所長と警察署長が必要です。"
KOREAN = "첫 회의에는 911 센터장, 경찰서장, 소방서 대표가 필요합니다."
EMOJI = "Ready 👍🏽 — call data 📞📊, police 🚓, EMS 🚑, fire 🚒, 911 ☎️, done ✅, ⚠️ careful, 🇺🇸 👩‍💻 ❤️"
LONG_URL = "https://data.example.gov/911/calls?" + "&".join(f"code{n:03d}=x" for n in range(60))
LONG_URL = (LONG_URL + "y" * 500)[:500]
UNBROKEN = "Z" * 500


def render(prep, examples=True, extras=True) -> bytes:
    return prep_pdf_source(prep, include_examples=examples, include_extras=extras).render()


def answer(prep, position, text):
    question = prep.worksheet.questions.get(position=position)
    Answer.objects.update_or_create(prep=prep, question=question, defaults={"text": text, "version": 1})


def ten_thousand_characters() -> str:
    sentence = "Dana’s center answered 212,000 calls; we pick the first call codes together. "
    text = ""
    paragraph = 0
    while len(text) < 10_000:
        paragraph += 1
        text += f"Paragraph {paragraph}. " + sentence * 6 + "\n\n"
    return text[:10_000].rstrip() + " END."


@pytest.fixture
def answered(prep):
    answer(
        prep, 1, "Dana Whitfield (911), Chief José Núñez, Deputy Chief Renée Okafor.\n- Dana\n- José\n- Renée"
    )
    answer(prep, 2, "Dana brings the call data; the chief brings the sergeants.")
    answer(prep, 4, "Will my officers be liable? — No: see the MOU draft.")
    return prep


@pytest.fixture
def hard_prep(prep):
    prep.meeting_title = "اجتماع أول — First meeting 第一次会议 👋"
    prep.save()
    answer(prep, 1, ten_thousand_characters())
    answer(prep, 2, f"Dashboard: {LONG_URL}\n\n{UNBROKEN}")
    answer(prep, 3, f"{ARABIC}\n\n{HEBREW}\n\n- {ARABIC}\n- {HEBREW}")
    answer(prep, 4, f"{CHINESE}\n\n{JAPANESE}\n\n{KOREAN}\n\n{EMOJI}")
    return prep


# --- Reading the PDF ----------------------------------------------------------------------------------------


def catalog(content: bytes):
    return PdfReader(io.BytesIO(content)).trailer["/Root"]


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def struct_elements(element, depth=0):
    """(depth, element) for every structure element, in tree (reading) order."""
    element = resolve(element)
    yield depth, element
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = resolve(kid)
        if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
            yield from struct_elements(kid, depth + 1)


def needs(tool: str):
    if not shutil.which(tool):
        if RUNNING_IN_CI:
            pytest.fail(f"{tool} (poppler-utils) is missing; CI must run this test")
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def struct_text(content: bytes, tmp_path) -> list[tuple[int, str, str]]:
    """The structure tree with its text, from poppler's ``pdfinfo -struct-text``: (depth, type, text)."""
    needs("pdfinfo")
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    output = subprocess.run(
        ["pdfinfo", "-struct-text", path], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    rows = []
    for line in output.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        stripped = line.strip()
        if stripped.startswith('"'):
            rows.append((depth, "text", stripped[1:-1]))
        elif stripped:
            rows.append((depth, stripped.split(" ")[0], ""))
    return rows


def tree_text(rows) -> str:
    return " ".join(" ".join(text for _, kind, text in rows if kind == "text").split())


def headings(rows) -> list[tuple[str, str]]:
    """(H1/H2/H3, its text) in reading order."""
    found = []
    for index, (depth, kind, _) in enumerate(rows):
        if re.fullmatch(r"H[1-6]", kind):
            words = []
            for below_depth, _, text in rows[index + 1 :]:
                if below_depth <= depth:
                    break
                words.append(text)
            found.append((kind, " ".join(" ".join(words).split())))
    return found


def page_images(content: bytes, stem: str) -> list[Path]:
    needs("pdftoppm")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    pdf_path = ARTIFACTS / f"{stem}.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "70", pdf_path, ARTIFACTS / stem], check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


# --- PDF/UA basics ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_ua_identification_title_language_and_marking(answered):
    content = render(answered)
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]

    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # viewers show the title, not the file name
    assert (
        reader.metadata.title
        == f"{answered.meeting_title} — Preparing to Meet with Public Safety Stakeholders"
    )
    xmp = resolve(root["/Metadata"]).get_data().decode()
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1</pdfuaid:part>', xmp)
    assert "First public safety work group" in xmp  # dc:title
    assert "/StructTreeRoot" in root
    assert all(page.get("/Tabs") == "/S" for page in reader.pages)  # tab order follows the structure


@pytest.mark.django_db
def test_structure_tree_has_one_document_with_sections_in_reading_order(answered, tmp_path):
    content = render(answered)
    root = resolve(catalog(content)["/StructTreeRoot"])
    (_, document), *elements = list(struct_elements(root["/K"][0]))
    assert document["/S"] == "/Document"
    kinds = [element["/S"] for _, element in elements]

    # Elements split over pages are merged: one main part, one section per question.
    assert kinds.count("/Part") == 1
    part = next(element for _, element in elements if element["/S"] == "/Part")
    question_sections = [resolve(kid) for kid in part["/K"]]
    assert [section["/S"] for section in question_sections] == ["/Sect"] * 4

    rows = struct_text(content, tmp_path)
    outline = headings(rows)
    assert outline[0] == ("H1", "Preparing to Meet with Public Safety Stakeholders")
    assert [text for kind, text in outline if kind == "H2"][:4] == [
        "Question 1 Who needs to be at the meeting?",
        "Question 2 What expertise will each person bring to program planning?",
        "Question 3 What is important to the other stakeholders?",
        "Question 4 What questions might stakeholders have for me?",
    ]
    assert ("H3", "Carmen’s example") in outline and ("H3", "My answers") in outline
    # No level is skipped on the way down.
    levels = [int(kind[1]) for kind, _ in outline]
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))

    # The text reads in the order it was written: question, Carmen's example, the answer, next question.
    text = tree_text(rows)
    order = [
        "Who needs to be at the meeting?",
        "Carmen’s example Typically, programs include leadership",
        "My answers Dana Whitfield (911), Chief José Núñez",
        "What expertise will each person bring",
        "Dana brings the call data",
        "What is important to the other stakeholders?",
        "What questions might stakeholders have for me?",
        "Will my officers be liable?",
        "Tips for successful collaboration",
        "Frequently Asked Questions",
        "Designed by Sara Israelsen-Hartley",
    ]
    positions = [text.find(piece) for piece in order]
    assert -1 not in positions, [piece for piece in order if piece not in text]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_no_heading_inside_a_heading_and_no_empty_elements(answered):
    root = resolve(catalog(render(answered))["/StructTreeRoot"])
    for _, element in struct_elements(root["/K"][0]):
        kids = [resolve(kid) for kid in element.get("/K", [])]
        assert kids, f"empty {element['/S']}"
        if re.fullmatch(r"/H[1-6]", element["/S"]):
            inner = [kind for _, sub in struct_elements(element) for kind in [sub["/S"]]][1:]
            assert not [kind for kind in inner if re.fullmatch(r"/H[1-6]", kind)]


@pytest.mark.django_db
def test_page_footers_are_artifacts_and_all_other_content_is_in_the_tree(answered, tmp_path):
    content = render(answered)
    reader = PdfReader(io.BytesIO(content))
    root = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    in_tree = {id(element) for _, element in struct_elements(root["/K"][0])}
    numbers = resolve(root["/ParentTree"])["/Nums"]
    for index in range(0, len(numbers), 2):
        entry = resolve(numbers[index + 1])
        for reference in entry if isinstance(entry, list) else [entry]:
            element = resolve(reference)
            if isinstance(element, dict):  # null: marked content that became an artifact
                assert id(element) in in_tree, f"content tagged outside the tree: {element}"
    for page in reader.pages:
        stream = page.get_contents().get_data()
        assert b"/Artifact\n<</Type /Pagination/Subtype /Footer>>\nBDC" in stream
    assert "Page 1 of" not in tree_text(struct_text(content, tmp_path))
    assert "Page 1 of" in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_faq_links_are_clickable_in_the_pdf(answered, tmp_path):
    entry = FAQEntry.objects.get(question="Are programs like this safe?")
    entry.answer = "Yes. See the [Durham report](https://example.org/durham-report) for the figures."
    entry.sources = "- [Durham, North Carolina](https://example.org/durham)"
    entry.save()
    content = render(answered)
    reader = PdfReader(io.BytesIO(content))

    links = {}
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = resolve(annotation)
            if annotation["/Subtype"] == "/Link" and "/A" in annotation:  # not "(see Tips, page N)"
                links[annotation["/A"]["/URI"]] = annotation
    # With the seed's own source addresses (fixtures/worksheet.json) beside them.
    assert {"https://example.org/durham-report", "https://example.org/durham"} <= set(links)
    # Each link is a Link structure element that owns its annotation, so assistive technology reaches it.
    root = resolve(reader.trailer["/Root"]["/StructTreeRoot"])
    link_elements = [element for _, element in struct_elements(root["/K"][0]) if element["/S"] == "/Link"]
    owned = {
        id(resolve(resolve(kid)["/Obj"]))
        for element in link_elements
        for kid in element["/K"]
        if isinstance(resolve(kid), dict) and resolve(kid).get("/Type") == "/OBJR"
    }
    assert {id(annotation) for annotation in links.values()} <= owned
    assert all("/StructParent" in annotation for annotation in links.values())
    # On paper, the source's address is printed after its name, outside the link (no link in a link).
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Source: Durham, North Carolina (https://example.org/durham)." in text
    assert all(
        resolve(kid).get("/S") != "/Link"
        for element in link_elements
        for kid in element["/K"]
        if isinstance(resolve(kid), dict)
    )
    page_images(content, "faq-links")


# --- Layout a design team signs off -------------------------------------------------------------------------


def heading_texts(prep) -> set[str]:
    worksheet = prep.worksheet
    texts = {"Carmen’s example", "My answers", "Questions I can answer", "Sources"}
    texts |= {question.prompt for question in worksheet.questions.all()}
    texts |= {group.title for group in worksheet.tip_groups.all()}
    texts |= {entry.question for entry in worksheet.faq_entries.all()}
    texts |= {worksheet.tips_heading, worksheet.faq_heading}
    return {text for text in texts if text}


def page_lines(content: bytes) -> list[list[str]]:
    """Each page's lines of text, footer left out."""
    needs("pdftotext")
    pages = []
    reader_pages = len(PdfReader(io.BytesIO(content)).pages)
    for number in range(1, reader_pages + 1):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), "-layout", "-", "-"],
            input=content,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode(errors="replace")
        pages.append(
            [" ".join(line.split()) for line in text.splitlines() if line.strip() and "Page " not in line]
        )
    return pages


@pytest.mark.django_db
def test_no_heading_is_left_alone_at_the_bottom_of_a_page(answered, worksheet):
    long_answer = "\n\n".join(
        f"Point {n}: " + "we agree on the call codes and the hand-offs. " * 8 for n in range(30)
    )
    answer(answered, 2, long_answer)
    documents = {
        "answered": render(answered),
        "answers-only": render(answered, examples=False, extras=False),
        "blank": blank_pdf_source(worksheet).render(),
    }
    headings_ = heading_texts(answered)
    prompts = [question.prompt for question in worksheet.questions.all()]
    answered_prompts = {item.question.prompt for item in answered.answers.select_related("question")}
    for name, content in documents.items():
        page_images(content, f"layout-{name}")
        for page, lines in enumerate(page_lines(content), start=1):
            last = lines[-1] if lines else ""
            orphaned = [heading for heading in headings_ if last.endswith(heading)]
            if orphaned and set(orphaned) <= {"My answers", "Questions I can answer"}:
                # An unanswered question's label has its ruled lines (drawn, not text) below it on the page.
                on_page = [prompt for line in lines for prompt in prompts if line.endswith(prompt)]
                if on_page and (name == "blank" or on_page[-1] not in answered_prompts):
                    continue
            assert not orphaned, f"{name}, page {page} ends with the heading {orphaned}"


# --- Hard text ----------------------------------------------------------------------------------------------


def embedded_fonts(reader: PdfReader) -> dict[str, dict]:
    fonts = {}
    for page in reader.pages:
        for font in resolve(page["/Resources"]).get("/Font", {}).values():
            font = resolve(font)
            fonts[str(font["/BaseFont"])] = font
    return fonts


def text_positions(content: bytes) -> list[tuple[float, float, float, float, str]]:
    """Every word's box on every page, from ``pdftotext -bbox``: (x_min, y_min, x_max, y_max, word)."""
    needs("pdftotext")
    html = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode(errors="replace")  # poppler writes an emoji in the <title> as surrogates
    return [
        (float(x1), float(y1), float(x2), float(y2), word)
        for x1, y1, x2, y2, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html
        )
    ]


@pytest.mark.django_db
def test_hard_text_is_whole_in_shipped_fonts_with_no_missing_glyph_and_inside_the_margins(hard_prep):
    content = render(hard_prep, examples=False, extras=False)
    images = page_images(content, "hard-text")
    reader = PdfReader(io.BytesIO(content))

    # Only the fonts shipped in static/ (the renderer's Fontconfig knows no other), and none of them had to
    # draw a missing-glyph box: WeasyPrint gives a font with missing glyphs its own encoding (mapping them to
    # .notdef) instead of Identity-H.
    fonts = embedded_fonts(reader)
    # (Prep-*: a face loaded by the style sheet; Noto-*: the same files, registered up front as the fallback.)
    assert all(re.fullmatch(r"/[A-Z]{6}\+(Prep|Noto)-[A-Za-z0-9-]+,?", name) for name in fonts), sorted(fonts)
    missing = [name for name, font in fonts.items() if font["/Encoding"] != "/Identity-H"]
    assert not missing, f"fonts with missing glyphs: {missing}"
    used = {re.sub(r"^/[A-Z]{6}\+|-Bold|,$", "", name).replace("Noto-Emoji", "Prep-Emoji") for name in fonts}
    assert {"Prep-Sans", "Prep-Arabic", "Prep-Hebrew", "Prep-CJK", "Prep-Emoji"} <= used

    # Every word is there, in order (10,000 characters, the 500-character URL and word, each script).
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    flat = re.sub(r"\s+", "", text)
    for piece in (CHINESE, JAPANESE, KOREAN, "END.", "Paragraph 1.", LONG_URL, UNBROKEN):
        assert re.sub(r"\s+", "", unicodedata.normalize("NFKC", piece)) in flat, piece[:30]
    # Right-to-left words: tests/documents/pdf/test_extracted_text.py (pypdf breaks ligatures its own way, see
    # there).

    # Nothing past the margins: every word's box lies inside the page's text area (0.8 in = 57.6 pt sides).
    width = float(reader.pages[0].mediabox.width)
    for x_min, _, x_max, _, word in text_positions(content):
        assert x_min >= 57.6 - 1 and x_max <= width - 57.6 + 1, (x_min, x_max, word[:40])

    # Right-to-left answers are set right to left: their lines end at the right margin.
    rtl_words = [
        (x_max, word) for _, _, x_max, _, word in text_positions(content) if re.search("[א-ת]", word)
    ]
    assert rtl_words and max(x_max for x_max, _ in rtl_words) > width - 57.6 - 200
    assert all(image.stat().st_size > 4_000 for image in images)


@pytest.mark.django_db
def test_answers_in_other_scripts_are_read_in_their_language(hard_prep):
    root = resolve(catalog(render(hard_prep, examples=False, extras=False))["/StructTreeRoot"])
    languages = [str(element["/Lang"]) for _, element in struct_elements(root["/K"][0]) if "/Lang" in element]
    # The meeting title (Arabic first), answer 3's paragraphs and list items, answer 4's paragraphs.
    assert languages == ["ar", "ar", "he", "ar", "he", "zh", "ja", "ko"]


@pytest.mark.parametrize(
    ("text", "direction", "language"),
    [
        ("Chief Núñez", "ltr", ""),
        (ARABIC, "rtl", "ar"),
        (HEBREW, "rtl", "he"),
        ("911 " + HEBREW, "rtl", "he"),  # digits have no direction: the first letter decides
        ("“" + ARABIC + "” said Dana", "rtl", "ar"),
        (CHINESE, "ltr", "zh"),
        (JAPANESE, "ltr", "ja"),
        (KOREAN, "ltr", "ko"),
        ("Emoji first 👍 then text", "ltr", ""),
        ("", "ltr", ""),
    ],
)
def test_direction_and_language_from_the_first_letter(text, direction, language):
    assert base_direction(text) == direction
    assert script_language(text) == language


def font_cmap(path: Path) -> set[int]:
    return set(TTFont(path, lazy=True).getBestCmap())


def test_shipped_fonts_cover_the_scripts_the_readme_promises():
    fonts = PDF_STATIC / "fonts" / "noto"
    stack = [
        fonts / "NotoSans-Regular.ttf",
        fonts / "NotoEmoji-Regular.ttf",
        PDF_STATIC / "fonts" / "NotoSansSymbols-Regular.ttf",
        PDF_STATIC / "fonts" / "NotoSansSymbols2-Regular.ttf",
        fonts / "NotoSansArabic-Regular.ttf",
        fonts / "NotoSansHebrew-Regular.ttf",
        fonts / "NotoSansCJKsc-Regular-subset.otf",
    ]
    covered = set().union(*(font_cmap(path) for path in stack))
    samples = ARABIC + HEBREW + CHINESE + JAPANESE + KOREAN + EMOJI + "ÀÉÎÕÜçñßøœ ĀŁŐŽ ΑΒΓαβγ АБВабв →✓☐€©"
    missing = {
        character for character in samples if not character.isspace() and ord(character) not in covered
    }
    assert not missing, sorted(missing)


def test_unicode_ranges_list_only_characters_the_fonts_have():
    """WeasyPrint takes a unicode-range as the font's character set: a character claimed but absent would be
    drawn as a missing glyph instead of falling through to the next font."""
    css = (PDF_STATIC / "worksheet.css").read_text()
    faces = re.findall(r'@font-face \{[^}]*?src: url\("([^"]+)"\)[^}]*?unicode-range: ([^;]+);', css)
    assert len(faces) >= 6
    for url, ranges in faces:
        cmap = font_cmap((PDF_STATIC / url).resolve())
        claimed = set()
        for start, end in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", ranges):
            claimed |= set(range(int(start, 16), int(end or start, 16) + 1))
        absent = claimed - cmap
        if "CJK" in url:  # the CJK subset's Han blocks are sparse by design; nothing else has them either
            absent = {code for code in absent if not (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF)}
        assert not absent, f"{url}: {sorted(hex(code) for code in absent)[:10]}"


RENDER_WITHOUT_SYSTEM_FONTS = textwrap.dedent(
    """
    import os, sys
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prepmeet.settings")
    django.setup()
    from documents.pdf.render import html_to_pdf
    html = sys.stdin.read()
    sys.stdout.buffer.write(html_to_pdf(html, pdf_variant="pdf/ua-1"))
    """
)


BARE_HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title>'
    "<style>@font-face { font-family: X; src: url(missing.ttf); } body { font-family: X; }</style>"
    "</head><body><p>No usable font-face at all.</p></body></html>"
)
FONTS_HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fonts</title>'
    '<link rel="stylesheet" href="worksheet.css"></head><body>'
    f"<p>Latin — “quotes” € → ✓</p><p dir=rtl>{ARABIC}</p><p dir=rtl>{HEBREW}</p>"
    f"<p>{CHINESE} {JAPANESE} {KOREAN}</p><p>{EMOJI}</p></body></html>"
)


@pytest.mark.parametrize(("html", "least_fonts"), [(FONTS_HTML, 5), (BARE_HTML, 1)], ids=["fonts", "bare"])
def test_rendering_needs_no_system_font(tmp_path, html, least_fonts):
    """With a Fontconfig that knows no font at all (a server without DejaVu or any other), the PDF still has
    every glyph: the renderer uses only the fonts under static/. A document none of whose fonts load still
    renders, in Noto Sans (with no font at all, Pango would crash the process: hence the subprocess)."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>')
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FONTCONFIG_FILE": str(empty),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(settings.BASE_DIR),
        "DEBUG": "true",
    }
    result = subprocess.run(
        [sys.executable, "-c", RENDER_WITHOUT_SYSTEM_FONTS],
        input=html.encode(),
        capture_output=True,
        env=environment,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    fonts = embedded_fonts(PdfReader(io.BytesIO(result.stdout)))
    assert len(fonts) >= least_fonts
    assert all(font["/Encoding"] == "/Identity-H" for font in fonts.values()), sorted(fonts)
