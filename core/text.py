"""Text as people type or paste it: one rule for every text field, and a cleaner for the documents.

Every text a service stores goes through ``typed_text``:

- Word's manual line break (U+000B, what a Shift+Enter line break pastes as) and its page break (U+000C, form
  feed) become the line break ("\\n") they stand for.
- Any other character that XML 1.0, and so a Word file, cannot hold is refused with a message that names it:
  the C0 control characters other than tab, line feed and carriage return (NUL and ESC among them), the
  noncharacters U+FFFE and U+FFFF, and lone surrogates. No one types them, and a document could not show
  them, so the text is refused rather than stored differently from what she sees.

``printable_text`` applies the same rule without refusing (the refused characters are dropped): the Word
writers run every text through it, for text stored before the rule existed.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from .blank import is_blank

LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _described(character: str) -> str:
    if character == "\x00":
        return "a NUL character"
    return f"an invisible control character (U+{ord(character):04X})"


def typed_text(value: str, *, label: str) -> str:
    """``value`` with Word's line and page breaks as newlines; ValidationError if it holds a character no
    document can hold. ``label`` names the field in the message ("The answer")."""
    # str.replace: the same as translate(LINE_BREAKS), without a table lookup per character (~0.15 ms for a
    # 400-word answer, twice an autosave); it returns the text itself when there is nothing to replace.
    text = value.replace("\x0b", "\n").replace("\x0c", "\n")
    found = UNSTORABLE.search(text)
    if found:
        raise ValidationError(
            f"{label} holds {_described(found.group())} that cannot be saved. It often comes with text "
            "pasted from another program: retype the part you pasted.",
            code="unstorable_character",
        )
    return text


def text_value(
    value, *, label: str, limit: int, required: bool = False, required_message: str = "", strip: bool = False
) -> str:
    """One rule for the text every save service takes for a row's field (a person's, an expected question's,
    an outcome row's): text, not a list or nothing; at most ``limit`` characters; nothing a document cannot
    hold (``typed_text``); words when ``required`` (``required_message``, else "<label> cannot be empty.");
    stripped when ``strip`` (a name). ValidationError, with a message a person understands, otherwise."""
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", code="invalid")
    if len(value) > limit:
        raise ValidationError(f"{label} is too long: at most {limit} characters.", code="max_length")
    value = typed_text(value, label=label)
    if required and is_blank(value):
        raise ValidationError(required_message or f"{label} cannot be empty.", code="required")
    return value.strip() if strip else value


def choice_value(value, *, label: str, choices) -> str:
    """One of ``choices`` (a model field's (value, label) pairs), or ValidationError naming them."""
    allowed = [choice for choice, _label in choices]
    if value not in allowed:
        names = ", ".join(repr(choice) for choice in allowed if choice)
        unset = " (or not rated)" if "" in allowed else ""
        raise ValidationError(f"{label} must be one of: {names}{unset}.", code="invalid_choice")
    return value


def printable_text(value: str) -> str:
    """``value`` as a document can hold it: the same line breaks, the unstorable characters left out."""
    return UNSTORABLE.sub("", value.translate(LINE_BREAKS))


class TypedTextField(forms.CharField):
    """A form's text field under the same rule (``typed_text``), after Django's own checks."""

    def __init__(self, *args, label_in_message: str = "This text", **kwargs):
        super().__init__(*args, **kwargs)
        self.label_in_message = label_in_message

    def clean(self, value):
        return typed_text(super().clean(value), label=self.label_in_message)


class TypedTextModel:
    """A model mixin: ``full_clean()`` (services, and model forms) puts every free-text field through
    ``typed_text``, each error under its field."""

    def clean_fields(self, exclude=None):
        errors = {}
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if field.name in (exclude or ()) or field.choices or not isinstance(value, str):
                continue
            try:
                setattr(self, field.attname, typed_text(value, label=str(field.verbose_name).capitalize()))
            except ValidationError as error:
                errors[field.name] = error.error_list
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
