"""The endpoint the fill page's script posts each answer to, a second or two after the user stops typing.

Answers are JSON so the script can show the user exactly what happened: saved (with the new version and the
progress), a conflict with newer text from another window (409, with that text), or a clear refusal (4xx).
A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` never gets here: Django stops it while the CSRF check reads the
form, and ``core.refusals.bad_request`` answers 413 with a message.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.views.decorators.http import require_POST

from core.ids import parse_version
from core.refusals import json_refusal
from core.saves import save_reply

from ..forms import AnswerAutosaveForm
from ..models import is_blank
from ..selectors import (
    answer_last_editor,
    answer_target_for_writer,
    prep_answered_count,
)
from ..services import answer_save

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@login_required
@require_POST
def answer_autosave(request, pk, question_key):
    target = answer_target_for_writer(request.user, pk, question_key)
    if request.content_type not in FORM_CONTENT_TYPES:
        return json_refusal("Send the answer as form data (application/x-www-form-urlencoded).", status=415)
    fields = _plain_fields(request.POST)
    if fields is None:  # something the form refuses, or may: its messages
        form = AnswerAutosaveForm(request.POST)
        if not form.is_valid():
            messages = (error for errors in form.errors.values() for error in errors)
            return json_refusal(" ".join(messages), status=400)
        fields = form.cleaned_data["text"], form.cleaned_data["version"]

    text, base_version = fields
    try:
        result = answer_save(
            prep=target.prep,
            question=target.question,
            text=text,
            base_version=base_version,
            author=request.user,
            stored=target.stored,
        )
    except ValidationError as error:  # a character no document can hold (core.text.typed_text)
        return json_refusal(" ".join(error.messages), status=400)
    extra = {}
    if result.saved and is_blank(text) != is_blank(target.stored.text):  # only then can the progress change
        extra["answered_count"] = prep_answered_count(target.prep)
    editor = None if result.saved else answer_last_editor(result.row)
    return save_reply(result, thing="This answer", user=request.user, editor=editor, extra=extra)


def _plain_fields(post) -> tuple[str, int] | None:
    """The text and version of a save that ``AnswerAutosaveForm`` would accept as they are (the text within
    the limit without a null byte, the version plain ASCII digits in range), read without building the form:
    nearly every save. None for anything else, which the form checks and words the refusal of. The service
    puts the text through ``typed_text`` either way."""
    text = post.get("text")
    version = parse_version(post.get("version"))
    if text is None or version is None or len(text) > settings.ANSWER_MAX_CHARS or "\x00" in text:
        return None
    return text, version
