"""What other apps may listen to. preps never imports them: documents builds on preps, not the reverse."""

from django.dispatch import Signal

# Sent inside a write's transaction after it changed what a prep's documents show: ``prep_id``, or
# ``outcome_id`` from the outcomes app (its rows know their outcome, not the prep). documents/prerender.py
# listens, to make the PDFs again once the edits settle. A prep's own ``save`` sends ``post_save`` instead.
prep_changed = Signal()

# Sent inside ``prep_duplicate``'s transaction once the copy holds the prep's rows: ``source`` and ``copy``.
# The apps that keep more per prep (briefs: the brief and its agenda) copy their part.
prep_duplicated = Signal()
