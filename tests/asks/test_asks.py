"""Asking the invited people for their questions: the ask and its e-mails, the invitee page (valid, expired,
withdrawn, unknown links; honeypot, too fast, oversized, rate limits), accepting, the digest, the export."""

import io
import json
import re
from datetime import timedelta

import docx
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from asks import services
from asks.models import RequestLink, SentQuestion
from asks.selectors import sent_questions_export
from core.logs import safe_path
from preps.models import ExpectedQuestion
from testsupport import factories

SAFETY = "Are programs like this safe for the responders?"


@pytest.fixture(autouse=True)
def _no_wait(settings, private_cache):
    settings.ASKS_MIN_FILL_SECONDS = 0


@pytest.fixture
def people(prep):
    group = prep.work_group
    return [
        factories.stakeholder_create(
            prep=prep,
            name=name,
            person=factories.person_create(work_group=group, name=name, email=email),
        )
        for name, email in (("Pat Chief", "pat@example.org"), ("Lee Medic", "lee@example.org"), ("Noa", ""))
    ]


@pytest.fixture
def links(prep, owner, people):
    mail.outbox.clear()
    return services.request_send(
        prep=prep,
        author=owner,
        message="What worries you?",
        closes_on=services.group_today(prep) + timedelta(days=5),
        stakeholder_ids=[p.pk for p in people],
        link_base="http://testserver",
    )


def token_of(message) -> str:
    return re.search(r"/ask/([^/\s]+)/", message.body).group(1)


def open_link(client, token):
    response = client.get(f"/ask/{token}/")
    assert response.status_code == 302 and response["Location"] == "/ask/"
    assert response["Referrer-Policy"] == "no-referrer"
    return client.get("/ask/")


def form(**overrides):
    return {
        "question_1": SAFETY,
        "question_2": "",
        "question_3": "",
        "may_name_me": "yes",
        "website": "",
        "started": services.form_started_stamp(),
        **overrides,
    }


def test_ask_mails_each_invited_person_with_an_address(prep, links, settings):
    assert [link.stakeholder.name for link in links] == ["Pat Chief", "Lee Medic"]  # Noa has no address
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    assert message.to == ["pat@example.org"] and message.from_email == settings.DEFAULT_FROM_EMAIL
    assert prep.meeting_title in message.subject and "What worries you?" in message.body
    assert message.alternatives and "/ask/" in message.alternatives[0][0]
    token = token_of(message)
    assert token not in "".join(RequestLink.objects.values_list("token_hash", flat=True))


def test_ask_refuses_a_past_closing_date_and_nobody(prep, owner, people):
    with pytest.raises(services.ValidationError):
        services.request_send(
            prep=prep,
            author=owner,
            message="",
            closes_on=services.group_today(prep) - timedelta(days=1),
            stakeholder_ids=[people[0].pk],
            link_base="",
        )
    with pytest.raises(services.ValidationError):
        services.request_send(
            prep=prep,
            author=owner,
            message="",
            closes_on=services.group_today(prep),
            stakeholder_ids=[people[2].pk],
            link_base="",
        )


def test_invitee_sends_questions_and_comes_back(client, prep, links):
    page = open_link(client, token_of(mail.outbox[0]))
    assert page.status_code == 200 and prep.meeting_title in page.content.decode()
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "same-origin"
    response = client.post("/ask/", form(question_2="Who pays for it?"))
    assert response.status_code == 302
    response = client.post("/ask/", form(question_1="And the nights?"))
    page = client.get("/ask/").content.decode()
    assert SAFETY in page and "And the nights?" in page
    assert SentQuestion.objects.filter(link=links[0]).count() == 3
    # The second person sees only their own.
    other = open_link(client.__class__(), token_of(mail.outbox[1])).content.decode()
    assert SAFETY not in other


@pytest.mark.parametrize(
    "overrides, status",
    [
        ({"website": "http://spam"}, 400),
        ({"started": "forged"}, 400),
        ({"question_1": "x" * 1001}, 413),
        ({"question_1": "  "}, 400),
        ({"question_1": "bad \x00 char"}, 400),
    ],
)
def test_invitee_bad_input_gets_a_clear_4xx(client, links, overrides, status):
    open_link(client, token_of(mail.outbox[0]))
    response = client.post("/ask/", form(**overrides))
    assert response.status_code == status
    assert 'id="ask-error"' in response.content.decode()
    assert not SentQuestion.objects.exists()


def test_invitee_too_fast_is_refused(client, links, settings):
    settings.ASKS_MIN_FILL_SECONDS = 60
    open_link(client, token_of(mail.outbox[0]))
    assert client.post("/ask/", form()).status_code == 400
    assert not SentQuestion.objects.exists()


def test_invitee_rate_limit_is_a_429_page(client, links, settings):
    settings.ASKS_SUBMIT_LIMITS = {"link": (2, timedelta(hours=1)), "address": (30, timedelta(hours=1))}
    open_link(client, token_of(mail.outbox[0]))
    assert [client.post("/ask/", form()).status_code for _ in range(3)] == [302, 302, 429]
    assert SentQuestion.objects.count() == 2


@pytest.mark.parametrize("case", ["unknown", "withdrawn", "closed"])
def test_dead_links_answer_a_clear_page_and_accept_nothing(client, prep, links, case):
    token = token_of(mail.outbox[0])
    if case == "unknown":
        token = token[:-2] + "zz"
    elif case == "withdrawn":
        services.link_withdraw(link=links[0])
    else:
        request = links[0].request
        request.closes_on = services.group_today(prep) - timedelta(days=1)
        request.save()
    page = open_link(client, token)
    assert page.status_code == (404 if case == "unknown" else 410)
    assert "This link takes no questions" in page.content.decode()
    assert prep.meeting_title not in page.content.decode()
    assert client.post("/ask/", form()).status_code == page.status_code
    assert not SentQuestion.objects.exists()


def test_the_token_never_reaches_the_log():
    assert safe_path("/ask/abcDEF123-_/") == "/ask/<token>/"
    assert safe_path("/ask/") == "/ask/"


def test_reminder_once_with_a_fresh_link(prep, owner, links):
    old = token_of(mail.outbox[0])
    mail.outbox.clear()
    services.link_remind(link=links[0], author=owner, link_base="http://testserver")
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Reminder")
    assert services.link_for_token(token_of(mail.outbox[0])) == links[0]
    with pytest.raises(services.LinkRefused):
        services.link_for_token(old)
    with pytest.raises(services.ValidationError):
        services.link_remind(link=links[0], author=owner, link_base="http://testserver")


def test_director_sees_questions_with_faq_suggestions_and_accepts_one(owner_client, prep, owner, links):
    link = links[0]
    started = services.form_started_stamp()
    services.questions_submit(
        link=link, texts=[SAFETY], may_name_me=True, honeypot="", started=started, address="1"
    )
    page = owner_client.get(f"/preps/{prep.pk}/").content.decode()
    assert "Questions sent in" in page and SAFETY in page
    assert "Are programs like this safe?" in page  # the FAQ entry suggested for it
    sent = SentQuestion.objects.get()
    faq = re.search(rf'name="faq_{sent.pk}" value="(\d+)" id="sq-{sent.pk}-faq-\d+" checked', page).group(1)
    response = owner_client.post(f"/preps/{prep.pk}/ask/questions/{sent.pk}/accept/", {f"faq_{sent.pk}": faq})
    assert response.status_code == 302
    expected = ExpectedQuestion.objects.get(prep=prep)
    assert expected.text == SAFETY and list(expected.askers.all()) == [link.stakeholder]
    assert [e.pk for e in expected.faq_entries.all()] == [int(faq)] and expected.answer
    sent.refresh_from_db()
    assert sent.status == "accepted" and sent.accepted_as == expected
    # Twice, or set aside once accepted, or with another worksheet's FAQ entry: a message, nothing changes.
    for path, data in (("accept", {}), ("set-aside", {}), ("accept", {f"faq_{sent.pk}": "999999"})):
        response = owner_client.post(f"/preps/{prep.pk}/ask/questions/{sent.pk}/{path}/", data, follow=True)
        assert response.status_code == 200 and "already among your expected questions" in response.text
    assert ExpectedQuestion.objects.filter(prep=prep).count() == 1


def test_director_ask_page_and_withdraw(owner_client, prep, people):
    page = owner_client.get(f"/preps/{prep.pk}/ask/").content.decode()
    assert "pat@example.org" in page and "Noa" not in page
    closes = (services.group_today(prep) + timedelta(days=3)).isoformat()
    response = owner_client.post(
        f"/preps/{prep.pk}/ask/", {"message": "Hi", "closes_on": closes, "person": [people[0].pk]}
    )
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert owner_client.post(f"/preps/{prep.pk}/ask/", {"closes_on": "soon"}).status_code == 400
    link = RequestLink.objects.get()
    owner_client.post(f"/preps/{prep.pk}/ask/links/{link.pk}/withdraw/")
    link.refresh_from_db()
    assert link.withdrawn_at is not None
    response = owner_client.post(f"/preps/{prep.pk}/ask/links/{link.pk}/renew/")
    assert response.status_code == 302  # a withdrawn link is not renewed


def test_outsider_gets_404(client, outsider, prep, links):
    client.force_login(outsider)
    assert client.get(f"/preps/{prep.pk}/ask/").status_code == 404
    assert client.post(f"/preps/{prep.pk}/ask/links/{links[0].pk}/withdraw/").status_code == 404


def test_digest_sends_one_mail_for_many_questions(worksheet, people):
    director = factories.user_create("dana", email_verified=True)
    prep = factories.prep_create(owner=director, worksheet=worksheet)
    names = [factories.stakeholder_create(prep=prep, name=p.name, person=p.person) for p in people]
    links = services.request_send(
        prep=prep,
        author=director,
        message="",
        closes_on=services.group_today(prep),
        stakeholder_ids=[p.pk for p in names],
        link_base="",
    )
    for link in links:
        services.questions_submit(
            link=link,
            texts=["One?", "Two?"],
            may_name_me=False,
            honeypot="",
            started=services.form_started_stamp(),
            address="2",
        )
    mail.outbox.clear()
    call_command("send_question_digests")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [director.email] and "4 new questions" in mail.outbox[0].subject
    assert "One?" not in mail.outbox[0].body  # counts only: the questions stay on the site
    call_command("send_question_digests")
    assert len(mail.outbox) == 1


def test_export_and_deletion_cover_sent_questions(owner_client, owner, prep, links):
    services.questions_submit(
        link=links[0],
        texts=[SAFETY],
        may_name_me=True,
        honeypot="",
        started=services.form_started_stamp(),
        address="3",
    )
    export = json.loads(owner_client.get("/account/export/").content)
    (sent,) = export["meeting_preps"][0]["questions_sent_in"]
    assert sent["text"] == SAFETY and sent["asked"] == "Pat Chief" and sent["may_name_me"] is True
    owner.delete()  # the account's deletion: its preps go, and with them every link and sent question
    assert not SentQuestion.objects.exists() and not RequestLink.objects.exists()
    assert sent_questions_export(preps=[]) == {}


def test_notes_pdf_and_word_list_what_was_sent_in(owner_client, prep, links):
    services.questions_submit(
        link=links[0],
        texts=[SAFETY],
        may_name_me=False,
        honeypot="",
        started=services.form_started_stamp(),
        address="4",
    )
    pdf = owner_client.get(f"/preps/{prep.pk}/pdf/")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Questions sent in" in text and "responders" in text and "Pat Chief" in text
    word = owner_client.get(f"/preps/{prep.pk}/docx/")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
    assert "Questions sent in" in paragraphs
    assert any(SAFETY in p and "Pat Chief (not to be named)" in p for p in paragraphs)


def test_questions_sent_in_read_the_same_queries_for_one_or_many(owner_client, prep, links):
    def fill_page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(f"/preps/{prep.pk}/").status_code == 200
        return len(queries)

    def send(link, count):
        services.questions_submit(
            link=link,
            texts=[f"{SAFETY} {n}" for n in range(count)],
            may_name_me=True,
            honeypot="",
            started=services.form_started_stamp(),
            address="5",
        )

    send(links[0], 1)
    fill_page_queries()  # the worksheet's content, read once into this process's cache
    one = fill_page_queries()
    send(links[0], 3)
    send(links[1], 3)
    assert fill_page_queries() == one
