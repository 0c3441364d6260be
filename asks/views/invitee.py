"""The invited person's side, without an account: the e-mailed link ``/ask/<token>/`` moves the token to the
session at once and sends them to ``/ask/``, so no later request, log line, Referer or browser history carries
it (``core.logs`` cuts it out of that first request's path). The link's answer sends ``Referrer-Policy:
no-referrer``; the page, whose address holds no token, ``same-origin`` (no other site is ever told it, and the
browser still sends the Origin its form's CSRF check needs: under ``no-referrer`` Chromium posts ``Origin:
null`` and the form would be refused). Every answer sends ``Cache-Control: no-store``. They see the meeting as
its brief shows it and their own questions only."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.http import client_ip, no_referrer

from .. import selectors, services
from ..services import QUESTIONS_PER_SEND, LinkRefused, SubmissionRefused

SESSION_TOKEN = "_ask_token"


@require_GET
@never_cache
def ask_open(request, token: str):
    request.session[SESSION_TOKEN] = token[:200]
    return no_referrer(redirect("ask_page"))


@require_http_methods(["GET", "POST"])
@never_cache
def ask_page(request):
    try:
        link = services.link_for_token(request.session.get(SESSION_TOKEN, ""))
    except LinkRefused as refused:
        return no_referrer(
            render(request, "asks/closed.html", {"refused": refused.message}, status=refused.status)
        )
    context = _page_context(link)
    status = 200
    if request.method == "POST":
        texts = [request.POST.get(f"question_{n}", "") for n in range(1, QUESTIONS_PER_SEND + 1)]
        try:
            sent = services.questions_submit(
                link=link,
                texts=texts,
                may_name_me=request.POST.get("may_name_me") == "yes",
                honeypot=request.POST.get("website", ""),
                started=request.POST.get("started", ""),
                address=client_ip(request),
            )
        except SubmissionRefused as refused:
            context = {**context, "error": refused.message, "texts": texts}
            status = refused.status
        else:
            request.session["_ask_sent"] = len(sent)
            return _same_origin(redirect("ask_page"))
    context["just_sent"] = request.session.pop("_ask_sent", 0)
    context["started"] = services.form_started_stamp()
    return _same_origin(render(request, "asks/answer.html", context, status=status))


def _page_context(link) -> dict:
    prep = link.request.prep
    brief = getattr(prep, "brief", None)
    return {
        "link": link,
        "prep": prep,
        "director": link.request.created_by or prep.owner,
        "brief": brief,
        "time_zone": prep.work_group.time_zone,
        "mine": selectors.questions_of_link(link),
        "boxes": range(1, QUESTIONS_PER_SEND + 1),
        "texts": [],
    }


def _same_origin(response):
    response["Referrer-Policy"] = "same-origin"
    return response
