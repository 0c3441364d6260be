"""Which fonts Chromium drew a text with, and whether they have a glyph for each of its characters.

Chromium tells (DevTools' "Rendered fonts", ``CSS.getPlatformFontsForNode``) the family and PostScript name of
each font it used for an element's text, and whether it was a web font (``isCustomFont``); a character no font
has is drawn as the missing-glyph box (.notdef) of one of them, so the list alone cannot show a missing glyph.
The character maps can: a web font is one of the files under ``static/pdf/fonts/noto``, and a system font is
found the way Chromium found it, through the machine's Fontconfig (the library, which Debian's Chromium
depends on; the ``fc-*`` tools may not be installed).
"""

import ctypes
import ctypes.util
import functools
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from fontTools.ttLib import TTFont, TTLibError

# What static/css/site.css's @font-face rules load.
SHIPPED_FONTS = Path(settings.PDF_STATIC_DIR) / "fonts" / "noto"
# The one font a browser "without system fonts" is given: Chromium's own window needs a font, or it aborts
# (Skia: "Not implemented"), and Latin text needs one (the page ships no Latin web font: every system has
# one). Noto Sans has Latin, Greek and Cyrillic, and no Arabic, Hebrew, CJK or emoji.
LATIN_ONLY_FONT = SHIPPED_FONTS / "NotoSans-Regular.ttf"


def drawn_characters(text: str) -> set[str]:
    """The characters of a text that need a glyph of their own: not spaces, joiners, variation selectors or
    combining marks (which a font may draw as part of the character before)."""
    return {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cf", "Mn", "Me")}


def postscript_name(path: Path, number: int = 0) -> str | None:
    try:
        font = TTFont(path, lazy=True, fontNumber=number)
    except (TTLibError, OSError):
        return None
    return font["name"].getDebugName(6)


def character_map(path: Path | str, number: int = 0) -> set[int]:
    return set(TTFont(path, lazy=True, fontNumber=number).getBestCmap())


@functools.cache
def files_by_postscript_name(directory: Path) -> dict[str, Path]:
    return {
        name: path
        for path in sorted(directory.glob("*.[ot]tf"))
        if (name := postscript_name(path)) is not None
    }


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.cache
def _fontconfig():
    lib = ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so.1")
    lib.FcPatternCreate.restype = ctypes.c_void_p
    lib.FcPatternAddString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    lib.FcObjectSetCreate.restype = ctypes.c_void_p
    lib.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.FcObjectSetDestroy.argtypes = [ctypes.c_void_p]
    lib.FcFontList.restype = ctypes.POINTER(_FcFontSet)
    lib.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FcFontSet)]
    lib.FcPatternGetString.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_char_p),
    ]
    lib.FcPatternGetInteger.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
    ]
    return lib


@functools.cache
def system_font_files(element: str, value: str) -> tuple[tuple[str, int], ...]:
    """The (file, face index) of every font the machine's Fontconfig lists whose ``element``
    (``postscriptname``, ``family``) is ``value``: an exact match, unlike ``fc-match``, which always answers
    with some font."""
    fc = _fontconfig()
    pattern = fc.FcPatternCreate()
    objects = fc.FcObjectSetCreate()
    try:
        fc.FcPatternAddString(pattern, element.encode(), value.encode())
        fc.FcObjectSetAdd(objects, b"file")
        fc.FcObjectSetAdd(objects, b"index")
        found = fc.FcFontList(None, pattern, objects)
    finally:
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)
    if not found:
        return ()
    try:
        files = []
        for i in range(found.contents.nfont):
            font = found.contents.fonts[i]
            file, index = ctypes.c_char_p(), ctypes.c_int(0)
            if fc.FcPatternGetString(font, b"file", 0, ctypes.byref(file)) == 0:  # FcResultMatch
                fc.FcPatternGetInteger(font, b"index", 0, ctypes.byref(index))
                files.append((file.value.decode(), index.value))
        return tuple(sorted(files))
    finally:
        fc.FcFontSetDestroy(found)


@functools.cache
def _system_font_characters(postscript: str, family: str) -> frozenset[int]:
    files = system_font_files("postscriptname", postscript) or system_font_files("family", family)
    assert files, (
        f"Chromium drew with {family!r} ({postscript}), which the machine's Fontconfig does not list"
    )
    return frozenset().union(*(character_map(path, index) for path, index in files))


def font_characters(font: dict, system_fonts: Path | None = None) -> set[int]:
    """The characters a font Chromium used (an entry of ``CSS.getPlatformFontsForNode``) has a glyph for.

    A web font is looked up among the shipped files; a system font in ``system_fonts`` (the fonts directory a
    browser was given) or else through the machine's Fontconfig.
    """
    name = font["postScriptName"]
    if font["isCustomFont"] or system_fonts is not None:
        files = files_by_postscript_name(SHIPPED_FONTS if font["isCustomFont"] else system_fonts)
        assert name in files, f"Chromium drew with {font}, which is not one of {sorted(files)}"
        return character_map(files[name])
    return set(_system_font_characters(name, font["familyName"]))


def fontconfig_with_only(fonts_dir: Path, cache_dir: Path) -> str:
    """A Fontconfig configuration that knows the fonts in ``fonts_dir`` and nothing else: no system font
    directory, no aliases (the PDF renderer starts from an empty one too, ``worksheets/pdf/fonts.py``)."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(fonts_dir))}</dir>\n"
        f"  <cachedir>{escape(str(cache_dir))}</cachedir>\n</fontconfig>\n"
    )


def fonts_used_in_answer_box(page, position: int) -> dict[str, dict]:
    """The fonts Chromium drew an answer box's text with (DevTools' "Rendered fonts"), by family name, once
    the web fonts its text needs have loaded.

    A textarea's text lives in its user-agent shadow tree, which the DevTools protocol can pierce.
    """
    page.locator(f"#question-{position} textarea[name^=answer_]").evaluate(
        """async box => {
            const style = getComputedStyle(box);
            await document.fonts.load(
                `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, box.value);
            await document.fonts.ready;
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }"""
    )
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]

        def find(node, inside=False):
            attributes = dict(
                zip(node.get("attributes", [])[::2], node.get("attributes", [])[1::2], strict=True)
            )
            inside = inside or attributes.get("id") == f"question-{position}"
            if inside and node.get("nodeName") == "TEXTAREA":
                return node
            for child in node.get("children", []) + node.get("shadowRoots", []):
                if found := find(child, inside):
                    return found
            return None

        textarea = find(root)
        editor = textarea["shadowRoots"][0]["children"][0]  # the box's inner editable element
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": editor["nodeId"]})["fonts"]
    finally:
        session.detach()
    return {font["familyName"]: font for font in fonts}


def characters_without_glyph(text: str, used: dict[str, dict], system_fonts: Path | None = None) -> set[str]:
    """The characters of ``text`` that none of the fonts Chromium used has: drawn as missing-glyph boxes."""
    covered = set().union(*(font_characters(font, system_fonts) for font in used.values()))
    return {c for c in drawn_characters(text) if ord(c) not in covered}
