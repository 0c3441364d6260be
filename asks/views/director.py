"""The director's side: ask the invited people, remind, withdraw or renew a link, and accept or set aside
what they sent. Owner and editors only (``prep_for_writer``); plain forms, no JavaScript needed."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.http import link_base, no_referrer
from preps.selectors import prep_for_writer

from .. import selectors, services
from ..services import MAX_OPEN_DAYS, group_today


def _back(prep) -> str:
    return reverse("prep_fill", args=[prep.pk]) + "#questions-sent-in"


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, pk: int):
    prep = prep_for_writer(request.user, pk)
    people = selectors.invited_with_email(prep)
    today = group_today(prep)
    form = {"message": "", "closes_on": "", "chosen": {person.pk for person in people}}
    error, status = "", 200
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("person") if v.isdigit()}
        form = {"message": request.POST.get("message", ""), "closes_on": request.POST.get("closes_on", "")}
        form["chosen"] = chosen
        try:
            closes_on = date.fromisoformat(form["closes_on"])
        except ValueError:
            error, status = "Give the closing date as a date (year-month-day).", 400
        else:
            try:
                links = services.request_send(
                    prep=prep,
                    author=request.user,
                    message=form["message"],
                    closes_on=closes_on,
                    stakeholder_ids=chosen,
                    link_base=link_base(request),
                )
            except ValidationError as refused:
                error, status = refused.messages[0], 400
            else:
                messages.success(request, f"Asked {len(links)} {'person' if len(links) == 1 else 'people'}.")
                return redirect(_back(prep))
    context = {
        "prep": prep,
        "people": people,
        "form": form,
        "error": error,
        "today": today,
        "latest": today.fromordinal(today.toordinal() + MAX_OPEN_DAYS),
        "links": selectors.links_for_prep(prep),
    }
    return render(request, "asks/ask.html", context, status=status)


def _link_action(request, pk: int, link_id: int, action) -> object:
    prep = prep_for_writer(request.user, pk)
    link = selectors.link_for_prep(prep, link_id)
    try:
        return action(prep, link)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
        return redirect(reverse("ask", args=[prep.pk]))


@login_required
@require_POST
def link_remind(request, pk: int, link_id: int):
    def remind(prep, link):
        services.link_remind(link=link, author=request.user, link_base=link_base(request))
        messages.success(request, f"Reminder sent to {link.stakeholder.name}.")
        return redirect(reverse("ask", args=[prep.pk]))

    return _link_action(request, pk, link_id, remind)


@login_required
@require_POST
def link_withdraw(request, pk: int, link_id: int):
    def withdraw(prep, link):
        services.link_withdraw(link=link)
        messages.success(request, f"The link of {link.stakeholder.name} is withdrawn.")
        return redirect(reverse("ask", args=[prep.pk]))

    return _link_action(request, pk, link_id, withdraw)


@login_required
@require_POST
@never_cache
def link_renew(request, pk: int, link_id: int):
    def renew(prep, link):
        token = services.link_renew(link=link)
        context = {"prep": prep, "link": link, "url": services.link_url(link_base(request), token)}
        return no_referrer(render(request, "asks/link_copy.html", context))

    return _link_action(request, pk, link_id, renew)


@login_required
@require_POST
def question_accept(request, pk: int, question_id: int):
    prep = prep_for_writer(request.user, pk)
    question = selectors.sent_question_for_prep(prep, question_id)
    # Each sent question's choices have a name of their own: radios in forms placed later group by name.
    faq = request.POST.get(f"faq_{question.pk}", "")
    try:
        services.sent_question_accept(
            sent_question=question, faq_entry_id=int(faq) if faq.isdigit() else None, author=request.user
        )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, "Added to the questions you expect.")
    return redirect(_back(prep))


@login_required
@require_POST
def question_set_aside(request, pk: int, question_id: int):
    prep = prep_for_writer(request.user, pk)
    try:
        services.sent_question_set_aside(sent_question=selectors.sent_question_for_prep(prep, question_id))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, "Set aside.")
    return redirect(_back(prep))
