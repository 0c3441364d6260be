"""What sharing adds to preps' pages (``core.contributions``, registered in ``apps.py``): the comments beside
each question and person, whether she may comment, the dashboard's open comments, a waiting invitation."""

from preps.selectors import PrepAccess

from .selectors import comments_about_entries, comments_for_prep, open_comment_counts, prep_is_shared
from .views.accept import invitation_waiting


def prep_page(*, request, access: PrepAccess) -> dict:
    comments = comments_for_prep(access.prep)
    # The owner of a meeting prep no one else sees gets no comment boxes: there is no one to read them.
    show_comment_boxes = access.can_comment and (
        not access.is_owner or bool(comments.all_groups) or prep_is_shared(access.prep)
    )
    return {
        "can_comment": show_comment_boxes,
        "comments": comments,
        "sharing_templates": {
            "comments": "sharing/_comments.html",
            "comment_forms": "sharing/_comment_forms.html",
            "person_comments": "sharing/_person_comments.html",
        },
    }


def dashboard_page(*, request, preps) -> dict:
    return {
        "open_comments": open_comment_counts(prep.pk for prep in preps),
        "invitation_waiting": invitation_waiting(request),
    }


def person_page(*, request, page) -> dict:
    """A person's page: colleagues' comments about them at each meeting the reader may open."""
    comments = comments_about_entries([entry.pk for entry in page.entries])
    return {"person_comments": {"template": "sharing/_person_page_comments.html", "by_entry": comments}}
