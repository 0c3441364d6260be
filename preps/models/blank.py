"""The one definition of an unanswered text lives in ``core/blank.py`` (services of every app check required
fields with it, through ``core.text.text_value``); preps keeps its names here."""

from core.blank import BLANK_CHARACTERS, INVISIBLE, WHITE_SPACE, TrimBlank, is_blank

__all__ = ["BLANK_CHARACTERS", "INVISIBLE", "WHITE_SPACE", "TrimBlank", "is_blank"]
