"""What the browser may keep: a signed-in user's pages are never stored, and logging out clears storage.

``private_pages`` sends ``Cache-Control: private, no-store`` on every response to a signed-in user (the fill
page, the dashboard, the account pages: a shared city computer must not show them from its cache); a view
that chose its own caching (the PDF: ``private, no-cache`` with
an ETag) keeps it. The logout response also carries ``Clear-Site-Data: "storage"``, which empties the
browser's copy of unsaved answers (``js/logout.js`` does the same where the header is not honoured).
"""

from django.urls import reverse

PRIVATE = "private, no-store"


def private_pages(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in and "Cache-Control" not in response:
            response["Cache-Control"] = PRIVATE
        if request.method == "POST" and request.path == reverse("logout"):
            response["Clear-Site-Data"] = '"storage"'
            response["Cache-Control"] = PRIVATE
        return response

    return middleware
