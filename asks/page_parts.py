"""What asks adds to the fill page (``core.contributions``, registered in ``apps.py``): "Questions sent in"
under question 4, for the prep's team only."""

from preps.selectors import PrepAccess

from .selectors import links_for_prep, sent_question_rows


def prep_page(*, request, access: PrepAccess) -> dict:
    return {
        "asks_template": "asks/_questions_sent_in.html",
        # The accept forms, outside the fill page's own form (forms do not nest): the partial's buttons and
        # choices name them with form="...".
        "asks_forms_template": "asks/_questions_sent_in_forms.html",
        "asks_links": links_for_prep(access.prep),
        "asks_rows": sent_question_rows(access.prep),
    }
