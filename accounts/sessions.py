"""A deleted account's sessions go with it: every browser it was signed in on, whatever they held (an import
in progress, a half-finished form), in the database and in the cache in front of it (``cached_db``).

Django keeps no index from a user to her sessions, so the deletion reads the session table once and decodes
each row: linear in the number of stored sessions, paid only when an account is deleted.
"""

from functools import partial
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction


def user_sessions_delete(user_id: int) -> int:
    """Delete every stored session signed in as ``user_id``; how many there were."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    decoder = store_class()
    rows = store_class.get_model_class().objects.values_list("session_key", "session_data")
    keys = [key for key, data in rows.iterator(chunk_size=2000) if _user_of(decoder, data) == str(user_id)]
    for key in keys:
        store_class().delete(key)  # the row and, with cached_db, its cached copy
    return len(keys)


def _user_of(decoder, session_data: str) -> str | None:
    return decoder.decode(session_data).get(SESSION_KEY)


def on_user_deleted(sender, instance, **kwargs) -> None:
    """``post_delete`` of a user: delete her sessions once the deletion commits."""
    transaction.on_commit(partial(user_sessions_delete, instance.pk), robust=True)
