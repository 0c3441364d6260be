"""The PDF's text as tools read it (copy-paste, search, screen readers): words as typed, spaces kept.

WeasyPrint draws each line as glyphs and maps each glyph back to characters (the font's ToUnicode table).
Two things went wrong for a reader of that text, while the page looked right:

1. **Line ends.** A line ends without the space the line break replaced, so the last word of one line and
   the first word of the next ran together ("Safety" + "Stakeholders", "Question 1" + "Who needs") in the
   tagged text. ``mark_line_ends`` draws a space glyph (blank) after the last text of each line, inside the
   line's own tagged content, so every reader gets the space; nothing on the page changes.
2. **Right-to-left glyphs that stand for several letters** (Arabic lam-alef and other ligatures, a letter
   with its vowel mark) were mapped to their letters in logical order inside a line that is stored in
   visual order (right-to-left text is drawn left to right, as PDF draws everything). Readers put a
   right-to-left line back in logical order by reversing it character by character, so those letters came
   back swapped and about a third of Arabic words broke. ``visual_order_clusters`` stores such a glyph's
   letters in visual order too, so the reversal gives the word as typed. (Each right-to-left block also
   carries its logical text as ``/ActualText`` in the structure tree: ``tagging.py``.)
"""

import unicodedata

from weasyprint import draw as weasyprint_draw
from weasyprint import pdf as weasyprint_pdf
from weasyprint.draw import text as weasyprint_text
from weasyprint.formatting_structure import boxes
from weasyprint.text.ffi import FROM_UNITS, ffi, harfbuzz, pango

try:
    harfbuzz.hb_font_get_nominal_glyph  # noqa: B018 - probing whether WeasyPrint declared it
except AttributeError:
    ffi.cdef("int hb_font_get_nominal_glyph (hb_font_t *, hb_codepoint_t unicode, hb_codepoint_t *glyph);")

_draw_first_line = weasyprint_text.draw_first_line
_draw_inline_level = weasyprint_draw.draw_inline_level
_build_fonts_dictionary = weasyprint_pdf.build_fonts_dictionary
LINE_END = "_prepmeet_ends_line"
RIGHT_TO_LEFT = {"R", "AL"}
ATTACHED = {"NSM"}  # a vowel or other mark drawn with its letter


def _draw_first_line_then_space(stream, textbox, text_overflow, block_ellipsis, matrix):
    emojis = _draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
    if getattr(textbox, LINE_END, False) and textbox.text.strip() and not textbox.text[-1].isspace():
        _draw_space(stream, textbox, matrix)
    return emojis


def _draw_space(stream, textbox, matrix) -> None:
    """A space glyph just past the end of the line (left of it for right-to-left text), in the line's font."""
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
    right_to_left = textbox.style["direction"] == "rtl"
    x = matrix.values[4] - width if right_to_left else matrix.values[4] + textbox.width
    stream.set_text_matrix(1, 0, 0, -1, x, matrix.values[5])
    stream.set_font_size(font.hash, font_size)
    stream.show_text(f"<{glyph_id:04x}>")


def _last_text_box(line):
    box = line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
        box = box.children[-1]
    return box if isinstance(box, boxes.TextBox) else None


def _draw_inline_level_marking_line_ends(stream, page, box, *args, **kwargs):
    if isinstance(box, boxes.LineBox):
        last = _last_text_box(box)
        if last is not None:
            setattr(last, LINE_END, True)
    return _draw_inline_level(stream, page, box, *args, **kwargs)


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
    weasyprint_draw.draw_inline_level = _draw_inline_level_marking_line_ends
    weasyprint_text.draw_first_line = _draw_first_line_then_space
    weasyprint_pdf.build_fonts_dictionary = _build_fonts_dictionary_in_visual_order
