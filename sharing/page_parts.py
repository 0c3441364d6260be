"""What sharing adds to preps' pages (``core.contributions``, registered in ``apps.py``): the comments beside
each question and person, whether she may comment, the dashboard's open comments, a waiting invitation."""

from collections import defaultdict

from django.urls import reverse

from preps.removals import RemovalNotice, removals_pending
from preps.selectors import PrepAccess

from .selectors import comments_about_entries, comments_for_prep, open_comment_counts, prep_is_shared
from .services import COMMENT_REMOVAL
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
        "comments_removed": comment_removal_notices(request.user, access),
        "comment_moderator": access.is_owner,
        "sharing_templates": {
            "comments": "sharing/_comments.html",
            "comment_forms": "sharing/_comment_forms.html",
            "person_comments": "sharing/_person_comments.html",
        },
    }


def comment_removal_notices(user, access: PrepAccess) -> dict:
    """ "Removed “…”. Undo" for the comments this person removed here a moment ago, beside the question they
    were on (``by_question``, by question id); those about a person beside question 1, where such comments
    are written (``about_people``); ``all`` for their Undo forms. One query."""
    by_question: dict[int, list[RemovalNotice]] = defaultdict(list)
    about_people: list[RemovalNotice] = []
    notices: list[RemovalNotice] = []
    if not access.can_comment:
        return {"by_question": by_question, "about_people": about_people, "all": notices}
    prep = access.prep
    for record in removals_pending(user, prep, kinds=[COMMENT_REMOVAL]):
        notice = RemovalNotice(
            key=f"undo-{record.kind}-{record.row_id}",
            label=record.label,
            undo_url=reverse("comment_undo", args=[prep.pk, record.row_id]),
        )
        notices.append(notice)
        fields = record.snapshot["rows"][0]["fields"]  # core.ordered.row_remove: the comment comes first
        if fields.get("question") is not None:
            by_question[fields["question"]].append(notice)
        else:
            about_people.append(notice)
    return {"by_question": by_question, "about_people": about_people, "all": notices}


def dashboard_page(*, request, preps) -> dict:
    return {
        "open_comments": open_comment_counts(prep.pk for prep in preps),
        "invitation_waiting": invitation_waiting(request),
    }


def person_page(*, request, page) -> dict:
    """A person's page: colleagues' comments about them at each meeting the reader may open."""
    comments = comments_about_entries([entry.pk for entry in page.entries])
    return {"person_comments": {"template": "sharing/_person_page_comments.html", "by_entry": comments}}
