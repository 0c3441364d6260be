"""The PDF's fonts: the files shipped under ``static/pdf/`` and nothing else.

WeasyPrint's default font configuration is the system's Fontconfig setup plus the style sheet's ``@font-face``
fonts. A character none of the style sheet's fonts has then falls back to whatever the server has installed
(DejaVu on one machine, nothing on a slim container): the same answer would print differently, or as empty
boxes, depending on where it was rendered. ``shipped_fonts_only()`` starts from an empty Fontconfig
configuration instead, so the only fonts are the ones ``static/pdf/worksheet.css`` loads with ``@font-face``.
The scripts they cover: docs/features.md; text in any other script is replaced by a notice before
layout (``coverage.py``, which reads the same files' character sets), so no glyph is ever missing.
"""

import os

from weasyprint.text.ffi import ffi, fontconfig, pangoft2
from weasyprint.text.fonts import FontConfiguration

from .coverage import font_files
from .fetcher import static_root

# WeasyPrint's C declarations lack this one Fontconfig call; cffi lets a declaration be added to its FFI.
try:
    fontconfig.FcConfigCreate  # noqa: B018 - probing whether it is declared
except AttributeError:
    ffi.cdef("FcConfig * FcConfigCreate (void);")


class ShippedFontsOnly(FontConfiguration):
    """A ``FontConfiguration`` whose Fontconfig knows no system font: the shipped files, then the
    ``@font-face`` ones.

    The shipped files are registered up front under their own names, so there is always a font: a document
    whose ``@font-face`` rules all fail (a hostile one, or a missing file) still gets Noto Sans. With no font
    at all, Pango hands WeasyPrint a null font and the process dies.
    """

    def __init__(self):
        super().__init__()
        self._made_in = os.getpid()
        config = fontconfig.FcConfigCreate()
        for path in font_files():
            fontconfig.FcConfigAppFontAddFile(config, str(path).encode())
        font_map = ffi.cast("PangoFcFontMap *", self.font_map)
        # The font map takes its own reference to the configuration and drops the system one.
        pangoft2.pango_fc_font_map_set_config(font_map, config)
        fontconfig.FcConfigDestroy(config)
        self._config = config
        if not fontconfig.FcConfigGetFonts(config, fontconfig.FcSetApplication):
            raise RuntimeError(f"no font could be loaded from {static_root()}")

    def __del__(self):
        # WeasyPrint removes the folder of @font-face copies with its configuration. A forked render child
        # (isolated.py) frees the configurations of the parent's other threads, which it did not inherit:
        # their folders are the parent's, still in use, and stay. (The child's own copies go with its scratch
        # folder.)
        if getattr(self, "_made_in", None) == os.getpid():
            super().__del__()


def shipped_fonts_only() -> FontConfiguration:
    return ShippedFontsOnly()
