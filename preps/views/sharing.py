"""What the fill page shows of sharing: the user's role, and the comments beside each question and person."""

from sharing.selectors import comments_for_prep, open_comment_counts, prep_is_shared
from sharing.views.accept import invitation_waiting

from ..selectors import PrepAccess

__all__ = ["fill_page_sharing", "invitation_waiting", "open_comment_counts"]


def fill_page_sharing(access: PrepAccess) -> dict:
    comments = comments_for_prep(access.prep)
    # The owner of a meeting prep no one else sees gets no comment boxes: there is no one to read them.
    show_comment_boxes = access.can_comment and (
        not access.is_owner or bool(comments.all_groups) or prep_is_shared(access.prep)
    )
    return {
        "can_edit": access.can_edit,
        "can_comment": show_comment_boxes,
        "is_owner": access.is_owner,
        "comments": comments,
    }
