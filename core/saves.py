"""One save protocol for every versioned thing a page saves by itself (an answer, a person on the roster, an
expected question, an outcome row, the meeting brief): a service returns a ``SaveResult`` and the view turns
it into the reply the browser's saver reads with ``save_reply``.

    200 {"status": "saved", "version": n, "saved_at": "...", ...extra}
    409 {"status": "conflict", "message": "... changed by Cora Diaz ...", "current": {field: value},
         "current_version": n, "changed_by": "Cora Diaz" | null, "changed_at": "..." | null}
    4xx {"status": "invalid", "message": "..."}                              (core.refusals.json_refusal)
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.http import JsonResponse

from .users import display_name


@dataclass(frozen=True)
class SaveResult:
    """What a save on a version did: ``saved``, or not because another save came first (its version moved
    on). ``current`` holds the stored values of the fields sent, as the page's fields hold them (text, a list
    of ids for ticked boxes); ``editor`` made the stored version (None when unknown)."""

    saved: bool
    version: int
    current: Mapping[str, Any] = field(default_factory=dict)
    saved_at: datetime | None = None
    editor: Any = None
    row: Any = None  # the saved or stored record, for what a view adds to the reply
    progress_changed: bool = False  # a field that counts as an answer went between blank and words


def changed_by(editor, user) -> str:
    """Who made the other change, for a conflict's message: the colleague by name, or "in another window"
    when it was the user themself (or nobody known)."""
    if editor is not None and editor.pk != user.pk:
        return f"by {display_name(editor)}"
    return "in another window"


def conflict_message(thing: str, editor, user) -> str:
    """What a 409 says to the page's script, which shows it above the choice of texts."""
    return f"{thing} was changed {changed_by(editor, user)} after you started typing here."


def editor_name(editor, user) -> str | None:
    """The colleague who made the stored version, by name; None when it was the user themself or unknown."""
    if editor is not None and editor.pk != user.pk:
        return display_name(editor)
    return None


def save_reply(
    result: SaveResult,
    *,
    thing: str,
    user,
    current: Mapping[str, Any] | None = None,
    editor: Any = None,
    extra: Mapping[str, Any] | None = None,
) -> JsonResponse:
    """The saver's reply: 200 with the new version (and ``extra``), or 409 with the stored values
    (``current``, else the result's), who stored them (``editor``, else the result's) and when (the stored
    row's ``updated_at``)."""
    if not result.saved:
        editor = editor or result.editor
        when = result.saved_at or getattr(result.row, "updated_at", None)
        body = {
            "status": "conflict",
            "message": conflict_message(thing, editor, user),
            "current": dict(result.current if current is None else current),
            "current_version": result.version,
            "changed_by": editor_name(editor, user),
            "changed_at": when.isoformat() if when else None,
        }
        return JsonResponse(body, status=409)
    body = {"status": "saved", "version": result.version}
    if result.saved_at is not None:
        body["saved_at"] = result.saved_at.isoformat()
    return JsonResponse(body | dict(extra or {}))
