"""What the fill page shows of sharing: the user's role, and the comments beside each question and person."""

from sharing.selectors import comments_for_prep, open_comment_counts
from sharing.views.accept import invitation_waiting

from ..selectors import PrepAccess

__all__ = ["fill_page_sharing", "invitation_waiting", "open_comment_counts"]


def fill_page_sharing(access: PrepAccess) -> dict:
    return {
        "can_edit": access.can_edit,
        "can_comment": access.can_comment,
        "is_owner": access.is_owner,
        "comments": comments_for_prep(access.prep),
    }
