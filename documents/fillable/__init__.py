"""The fillable PDF (issue 16): the preparation notes with a form field per answer and per roster note, to
fill offline, and the import that reads a filled copy back into the prep.

``fields.py`` names the fields and signs the file's reference; ``context.py`` lays the document out (a kind
in ``documents/kinds.py``); ``guard.py`` is the one guarded path for an upload (size, type, parsing in a
bounded child process: ``reader.py``); ``plan.py`` turns the file's values into what would change;
``services.py`` saves what she picked through ``preps.services``; ``views.py`` serves it all.
"""
