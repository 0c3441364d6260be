"""The one rule for typed text (``core.text``): Word's line and page breaks become newlines, the other
characters XML cannot hold are refused, or left out of a document (issue 24, point 4)."""

import pytest
from django.core.exceptions import ValidationError

from core.text import printable_text, typed_text

REFUSED = ["\x1b[31m", "\x07", "\x01", "\ufffe", "\uffff", "\x00", "\ud800"]


def refused_text(character: str) -> str:
    return f"Before{character}after"


def test_line_and_page_breaks_become_newlines_and_the_rest_is_refused():
    assert typed_text("one\x0btwo\x0cthree\r\nfour\tfive", label="It") == "one\ntwo\nthree\r\nfour\tfive"
    for character in REFUSED:
        with pytest.raises(ValidationError, match="cannot be saved"):
            typed_text(refused_text(character), label="It")
    assert printable_text("a\x0bb\x1bc\ufffed\x00e") == "a\nbcde"
