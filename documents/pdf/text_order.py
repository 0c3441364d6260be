"""The PDF's text as tools read it (copy-paste, search, screen readers): words as typed, spaces kept.

WeasyPrint draws each line as glyphs and maps each glyph back to characters (the font's ToUnicode table).
Two things went wrong for a reader of that text, while the page looked right:

1. **Line ends.** A line ends without the space the line break replaced, so the last word of one line and
   the first word of the next ran together ("Safety" + "Stakeholders", "Question 1" + "Who needs") in the
   tagged text. While a line is laid out, ``_split_line_noting_its_end`` notes how it ends, and the last
   text drawn on it is followed, inside the line's own tagged content, by a blank space glyph:
   - a line that wrapped at a space, or a block's last line: a space;
   - a line break she typed (``<br>``): the same glyph marked with ``/ActualText`` "\n", so a reader gets a
     break, not a space ("Line one" / "Line two", "officers?" / "Our answer:");
   - a word wrapped inside itself (after a hyphen or a slash, or anywhere in a long address): nothing, so
     "memorandum-of-understanding" reads as one word.
   Nothing on the page changes.
2. **Spaces between inline elements.** WeasyPrint draws nothing for a text box that holds only a space
   ("Who may ask:</strong> <bdi>Zoë" has one between its two elements), so the tagged text ran the words
   together ("Who may ask:Zoë"). Such a space is drawn as a blank space glyph where it stands.
3. **Right-to-left glyphs that stand for several letters** (Arabic lam-alef and other ligatures, a letter
   with its vowel mark) were mapped to their letters in logical order inside a line that is stored in
   visual order (right-to-left text is drawn left to right, as PDF draws everything). Readers put a
   right-to-left line back in logical order by reversing it character by character, so those letters came
   back swapped and about a third of Arabic words broke. ``visual_order_clusters`` stores such a glyph's
   letters in visual order too, so the reversal gives the word as typed. (Each right-to-left block also
   carries its logical text as ``/ActualText`` in the structure tree: ``tagging.py``.)
"""

import unicodedata
from collections.abc import Iterator

import pydyf
from weasyprint import pdf as weasyprint_pdf
from weasyprint.draw import text as weasyprint_text
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as weasyprint_inline
from weasyprint.text.ffi import FROM_UNITS, ffi, harfbuzz, pango

try:
    harfbuzz.hb_font_get_nominal_glyph  # noqa: B018 - probing whether WeasyPrint declared it
except AttributeError:
    ffi.cdef("int hb_font_get_nominal_glyph (hb_font_t *, hb_codepoint_t unicode, hb_codepoint_t *glyph);")

_draw_first_line = weasyprint_text.draw_first_line
_split_inline_box = weasyprint_inline.split_inline_box
_build_fonts_dictionary = weasyprint_pdf.build_fonts_dictionary
LINE_END = "_prepmeet_ends_line"  # on a line's last text box: how the line ends (below)
WRAPPED_AT_SPACE, TYPED_BREAK, WRAPPED_IN_WORD, BLOCK_END = "space", "break", "word", "end"
RIGHT_TO_LEFT = {"R", "AL"}
ATTACHED = {"NSM"}  # a vowel or other mark drawn with its letter


def _draw_first_line_then_space(stream, textbox, text_overflow, block_ellipsis, matrix):
    emojis = _draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    if textbox.text and not textbox.text.strip():
        # A space between two inline elements: WeasyPrint draws nothing for it.
        _draw_space(stream, textbox, matrix, x=matrix.values[4])
        return emojis
    ending = getattr(textbox, LINE_END, None)
    if ending in (WRAPPED_AT_SPACE, BLOCK_END, TYPED_BREAK) and not textbox.text[-1].isspace():
        right_to_left = textbox.style["direction"] == "rtl"
        x = matrix.values[4] if right_to_left else matrix.values[4] + textbox.width
        typed = "\n" if ending == TYPED_BREAK else None
        _draw_space(stream, textbox, matrix, x=x, before=right_to_left, actual_text=typed)
    return emojis


def _draw_space(stream, textbox, matrix, *, x: float, before: bool = False, actual_text=None) -> None:
    """A space glyph starting at ``x`` (ending there if ``before``: right-to-left text), in the line's font;
    with ``actual_text``, marked as standing for that text."""
    first_line, _ = textbox.pango_layout.get_first_line()
    run = first_line.runs[0]
    if run == ffi.NULL:
        return
    pango_font = run.data.item.analysis.font
    font, font_size = stream.add_font(pango_font)
    if font.bitmap or font.png or pango.pango_version() < 14802:
        return  # emoji fonts and old Pango (font size workaround): not worth a space
    glyph = ffi.new("hb_codepoint_t *")
    if not harfbuzz.hb_font_get_nominal_glyph(font.hb_font, ord(" "), glyph):
        return
    glyph_id = glyph[0]
    if glyph_id not in font.widths:
        pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
        font.widths[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    font.to_unicode.setdefault(glyph_id, " ")
    width = font.widths[glyph_id] * font_size / 1000
    if actual_text is not None:  # a marked span inside the line's own tagged content
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(actual_text)}))
    stream.set_text_matrix(1, 0, 0, -1, x - width if before else x, matrix.values[5])
    stream.set_font_size(font.hash, font_size)
    stream.show_text(f"<{glyph_id:04x}>")
    if actual_text is not None:
        stream.end_marked_content()


def _text_boxes(box) -> Iterator:
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _text_boxes(child)


def _resumes_after_space(line_box, resume_at: dict, line) -> bool:
    """Whether the next line starts after a space: the character before the point ``resume_at`` (a skip
    stack: child index by child index down to a byte offset in a text box) in the unsplit ``line_box``, or,
    when it starts a box, the end of the text on this line."""
    box, offset = line_box, 0
    while resume_at:
        ((index, resume_at),) = resume_at.items()
        if isinstance(box, boxes.TextBox):
            offset = index
            break
        box = box.children[index]
    if isinstance(box, boxes.TextBox) and offset:
        return box.text.encode()[:offset].decode(errors="ignore")[-1:].isspace()
    return "".join(text.text for text in _text_boxes(line))[-1:].isspace()


def _split_line_noting_its_end(context, box, *args, **kwargs):
    """WeasyPrint's ``split_inline_box``; for a whole line, notes on its last text box how the line ends,
    while the unsplit line still says what follows the break (its trailing space is stripped later)."""
    result = _split_inline_box(context, box, *args, **kwargs)
    line, resume_at, preserved_line_break = result[:3]
    if isinstance(box, boxes.LineBox) and line is not None:
        visible = [text for text in _text_boxes(line) if text.text.strip()]
        if visible:
            if preserved_line_break:
                ending = TYPED_BREAK
            elif resume_at is None:
                ending = BLOCK_END
            elif _resumes_after_space(box, resume_at, line):
                ending = WRAPPED_AT_SPACE
            else:
                ending = WRAPPED_IN_WORD
            setattr(visible[-1], LINE_END, ending)
    return result


def is_right_to_left_cluster(text: str) -> bool:
    """Several characters of one right-to-left glyph: letters (and marks) of Arabic, Hebrew and the like."""
    classes = [unicodedata.bidirectional(character) for character in text]
    return len(text) > 1 and bool(RIGHT_TO_LEFT & set(classes)) and set(classes) <= RIGHT_TO_LEFT | ATTACHED


def visual_order_clusters(fonts: dict) -> None:
    for font in fonts.values():
        for glyph_id, text in font.to_unicode.items():
            if is_right_to_left_cluster(text):
                font.to_unicode[glyph_id] = text[::-1]


def _build_fonts_dictionary_in_visual_order(pdf, fonts, *args, **kwargs):
    visual_order_clusters(fonts)
    return _build_fonts_dictionary(pdf, fonts, *args, **kwargs)


def install() -> None:
    """Install the wrappers (once). WeasyPrint calls these functions through its modules' globals, so its
    own recursion (``draw_inline_level`` calls itself) goes through them too."""
    if weasyprint_text.draw_first_line is _draw_first_line_then_space:
        return
    weasyprint_inline.split_inline_box = _split_line_noting_its_end
    weasyprint_text.draw_first_line = _draw_first_line_then_space
    weasyprint_pdf.build_fonts_dictionary = _build_fonts_dictionary_in_visual_order
