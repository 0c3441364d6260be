"""Undoing a removal from the roster: what was removed waits in the user's own session (server-side, shared by
every app server through the session store) for ``UNDO_SECONDS``, so the fill page can offer "Undo" and the
restore puts the real row back (``services.stakeholder_restore``). Logging out forgets it."""

import time

from .services import RemovedStakeholder

UNDO_SECONDS = 15 * 60
UNDO_KEPT = 10  # per prep: the most recent removals


def _key(prep_pk: int) -> str:
    return f"roster-removed-{prep_pk}"


def _fresh(entries: list[dict]) -> list[dict]:
    now = time.time()
    return [entry for entry in entries if now - entry.get("at", 0) < UNDO_SECONDS]


def remember_removed(session, prep_pk: int, removed: RemovedStakeholder) -> None:
    entries = _fresh(session.get(_key(prep_pk), []))
    entries = [entry for entry in entries if entry["removed"]["pk"] != removed.pk]
    entries.append({"at": time.time(), "removed": removed.as_data()})
    session[_key(prep_pk)] = entries[-UNDO_KEPT:]


def removed_people(session, prep_pk: int) -> list[RemovedStakeholder]:
    """The removals of this prep that can still be undone, most recent first."""
    return [
        RemovedStakeholder.from_data(entry["removed"])
        for entry in reversed(_fresh(session.get(_key(prep_pk), [])))
    ]


def take_removed(session, prep_pk: int, person_pk: int) -> RemovedStakeholder | None:
    """The removal of ``person_pk`` to undo, taken out of the session (an undo happens once); None if there is
    none (already undone, too old, or never removed here)."""
    entries = _fresh(session.get(_key(prep_pk), []))
    found = next((entry for entry in entries if entry["removed"]["pk"] == person_pk), None)
    if found is None:
        return None
    session[_key(prep_pk)] = [entry for entry in entries if entry is not found]
    return RemovedStakeholder.from_data(found["removed"])
