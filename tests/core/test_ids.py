"""The one parser for ids and versions from a request (``core.ids``): ASCII digits within the column's range,
nothing else (issue 24, point 9)."""

import pytest

from core.ids import ROW_ID_MAX, VERSION_MAX, parse_id, parse_version

NOT_NUMBERS = ["²", "abc", "", " 7", "+7", "-1", "1_000", "٧", "7.0", "0x1f", "9" * 20]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_the_one_parser_reads_ascii_digits_only(text):
    assert parse_id(text) is None and parse_version(text) is None


def test_the_one_parser_keeps_to_what_a_column_holds():
    assert (parse_id("0"), parse_id("007"), parse_id(str(ROW_ID_MAX))) == (0, 7, ROW_ID_MAX)
    assert parse_id(str(ROW_ID_MAX + 1)) is None
    assert (parse_version(str(VERSION_MAX)), parse_version(str(VERSION_MAX + 1))) == (VERSION_MAX, None)
    assert (parse_id(12), parse_id(-1), parse_id(True), parse_id(None)) == (12, None, None, None)
