"""The brief page saves like the fill page: its script posts the changed fields and the brief's version
(200 with the new version, 409 with the stored values and who changed them), and without JavaScript the page
is one form, so every button also keeps what was typed elsewhere on the page."""

import pytest
from django.test import Client
from django.urls import reverse

from briefs.models import MeetingBrief
from briefs.services import brief_ensure
from testsupport.factories import share_create, user_create

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}


def autosave(client, prep, **data):
    return client.post(reverse("brief_autosave", args=[prep.pk]), data, headers=FETCH)


def test_a_field_saves_with_the_new_version(owner_client, prep, worksheet):
    brief = brief_ensure(prep=prep)
    item = brief.agenda.first()
    faq = worksheet.faq_entries.filter(is_published=True).first()
    response = autosave(
        owner_client,
        prep,
        version=brief.version,
        purpose="Agree on a pilot",
        include_ratings="on",
        faq=[faq.pk],
        **{f"item-{item.pk}-lead": "Dana"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "saved" and response.json()["version"] == brief.version + 1
    brief.refresh_from_db()
    item.refresh_from_db()
    assert (brief.purpose, brief.include_ratings, brief.faq_chosen, item.lead) == (
        "Agree on a pilot",
        True,
        True,
        "Dana",
    )
    assert list(brief.faq_entries.all()) == [faq]
    assert brief.updated_by == prep.owner


def test_a_conflict_gives_the_stored_values_their_version_and_who(owner_client, prep):
    brief = brief_ensure(prep=prep)
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="editor")
    client = Client()
    client.force_login(cora)
    assert (
        autosave(
            client, prep, version=brief.version, purpose="Cora’s purpose", start_time="09:30"
        ).status_code
        == 200
    )

    response = autosave(owner_client, prep, version=brief.version, purpose="Mine", start_time="10:00", faq="")
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict" and body["current_version"] == brief.version + 1
    assert body["current"] == {"purpose": "Cora’s purpose", "start_time": "09:30", "faq": []}
    assert "by Cora Diaz" in body["message"]
    stored = MeetingBrief.objects.get(pk=brief.pk)
    assert stored.purpose == "Cora’s purpose"
    assert (body["changed_by"], body["changed_at"]) == ("Cora Diaz", stored.updated_at.isoformat())


def test_without_javascript_every_button_keeps_what_was_typed(owner_client, prep):
    brief = brief_ensure(prep=prep)
    first, second = brief.agenda.order_by("position")[:2]
    url = reverse("prep_brief", args=[prep.pk])
    page = owner_client.get(url).content.decode()
    assert page.count("<form") == page.count('id="brief-form"') + page.count('action="/accounts/logout/"')

    response = owner_client.post(
        url,
        {
            "version": brief.version,
            "purpose": "Typed before moving",
            "include_ratings": ["", "on"],
            "faq": [""],
            "title": "Budget questions",
            "action": f"down-{first.pk}",
        },
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert (brief.purpose, brief.include_ratings, brief.faq_chosen) == ("Typed before moving", True, True)
    titles = list(brief.agenda.order_by("position").values_list("title", flat=True))
    assert titles[:2] == [second.title, first.title] and titles[-1] == "Budget questions"


def test_a_post_that_leaves_a_part_out_leaves_that_part_alone(owner_client, prep):
    brief = brief_ensure(prep=prep)
    autosave(owner_client, prep, version=brief.version, purpose="Keep me", include_ratings="on")
    response = owner_client.post(
        reverse("prep_brief", args=[prep.pk]),
        {"version": brief.version + 1, "place": "Room 9", "action": "details"},
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert (brief.purpose, brief.place, brief.include_ratings) == ("Keep me", "Room 9", True)


def test_a_refused_button_still_shows_the_version_its_saved_fields_made(owner_client, prep):
    brief = brief_ensure(prep=prep)
    url = reverse("prep_brief", args=[prep.pk])
    response = owner_client.post(
        url, {"version": brief.version, "purpose": "Kept", "action": "add", "title": ""}
    )
    assert response.status_code == 400
    brief.refresh_from_db()
    assert brief.purpose == "Kept"
    assert f'name="version" value="{brief.version}"' in response.content.decode()
