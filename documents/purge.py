"""What the caches hold of a meeting prep goes when the prep goes (with its account too: the cascade deletes
each prep, and ``apps.py`` connects ``on_prep_deleted`` to every prep's deletion).

The PDF and Word caches are keyed by a hash of the content, not by the prep, so each prep keeps an index of
the files rendered for it: a counter ``prep-documents:<id>`` (``incr`` is atomic in every cache backend, so
two renders at once never overwrite each other's entry) and one key per entry naming a cached file. The
index outlives the files it names; deleting the prep deletes the files, the index and the counter at once.
"""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

INDEX_PREFIX = "prep-documents"


def _index_seconds() -> int:
    return max(settings.PDF_CACHE_SECONDS, settings.PDF_FAILED_CACHE_SECONDS) + 60


def remember_prep_document(prep_id: int, cache_key: str) -> None:
    """Note that ``cache_key`` holds a file made of prep ``prep_id``, so deleting the prep deletes it."""
    counter, seconds = f"{INDEX_PREFIX}:{prep_id}", _index_seconds()
    cache.add(counter, 0, seconds)
    try:
        entry = cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.add(counter, 0, seconds)
        entry = cache.incr(counter)
    cache.set(f"{counter}:{entry}", cache_key, seconds)
    cache.touch(counter, seconds)  # the counter lives as long as its newest entry


def purge_prep_documents(prep_id: int) -> None:
    """Delete every cached file made of prep ``prep_id``, and its index."""
    counter = f"{INDEX_PREFIX}:{prep_id}"
    entries = [f"{counter}:{entry}" for entry in range(1, (cache.get(counter) or 0) + 1)]
    files = list(cache.get_many(entries).values()) if entries else []
    cache.delete_many([*files, *entries, counter])


def on_prep_deleted(sender, instance, **kwargs) -> None:
    """``post_delete`` of a prep: purge once the deletion commits (at once outside a transaction)."""
    transaction.on_commit(partial(purge_prep_documents, instance.pk), robust=True)
