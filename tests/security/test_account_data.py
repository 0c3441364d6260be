"""A user's data is theirs: export it all (JSON), delete it all; and a whole-database backup loses nothing."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from preps.models import Answer, MeetingPrep
from preps.services import answer_save, prep_duplicate
from testsupport.clients import BrowserClient
from testsupport.factories import PASSWORD, prep_create

TRICKY_TEXT = (
    "Chief José Núñez — “feels left out”\n- 911 director ☎\n\n<script>alert(1)</script> 東京 🚑\ttab"
)


def answered(prep, texts):
    for question, text in zip(prep.worksheet.questions.order_by("position"), texts, strict=False):
        answer_save(prep=prep, question=question, text=text, base_version=0)
    return prep


@pytest.fixture
def two_users_preps(prep, outsider):
    answered(prep, [TRICKY_TEXT, "Second answer"])
    second = prep_duplicate(prep=prep)
    others = answered(
        prep_create(owner=outsider, worksheet=prep.worksheet, meeting_title="Oscar’s secret meeting"),
        ["Oscar’s private notes"],
    )
    return prep, second, others


# --- export -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_has_every_prep_and_answer_of_the_user_and_nothing_else(owner, two_users_preps):
    prep, second, _ = two_users_preps
    response = BrowserClient(owner).get(reverse("account_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="prepmeet-olivia-')
    assert response["Cache-Control"] == "private, no-store"
    export = json.loads(response.content)
    assert export["user"]["username"] == "olivia"
    assert [p["meeting_title"] for p in export["meeting_preps"]] == [prep.meeting_title, second.meeting_title]
    first = export["meeting_preps"][0]
    assert [(a["question_position"], a["text"]) for a in first["answers"]] == [
        (1, TRICKY_TEXT),
        (2, "Second answer"),
    ]
    assert first["worksheet"]["slug"] == prep.worksheet.slug
    assert first["program_name"] == "CARE Team" and first["jurisdiction"] == "Springfield"
    assert "Oscar" not in response.content.decode()


@pytest.mark.django_db
def test_export_needs_login(client):
    response = client.get(reverse("account_export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- deletion -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_the_account_asks_for_the_password_first(owner, two_users_preps):
    client = BrowserClient(owner)
    page = client.get(reverse("account_delete"))
    assert page.status_code == 200
    assert 'type="password"' in page.text

    response = client.post(
        reverse("account_delete"), {"password": "guess"}, headers={"X-CSRFToken": client.csrf_token}
    )
    assert response.status_code == 400
    assert "That is not your password. Nothing was deleted." in response.text
    assert get_user_model().objects.filter(pk=owner.pk).exists()
    assert MeetingPrep.objects.filter(owner=owner).count() == 2


@pytest.mark.django_db
def test_deleting_the_account_deletes_the_user_and_everything_in_it(owner, outsider, two_users_preps):
    _, _, others = two_users_preps
    client = BrowserClient(owner)
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD}, headers={"X-CSRFToken": client.csrf_token}
    )

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    assert not MeetingPrep.objects.filter(owner_id=owner.pk).exists()
    assert list(Answer.objects.values_list("prep_id", flat=True).distinct()) == [others.pk]  # Oscar's stay
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
    assert "all its meeting preps are deleted" in client.get(reverse("home")).text


@pytest.mark.django_db
def test_the_account_page_links_to_export_and_deletion(owner, two_users_preps):
    page = BrowserClient(owner).get(reverse("account")).text
    assert reverse("account_export") in page and reverse("account_delete") in page
    assert "You have 2 meeting preps" in page
    nav = BrowserClient(owner).get(reverse("dashboard")).text
    assert f'href="{reverse("account")}"' in nav


# --- the whole database: dumpdata, then loaddata into an empty database -------------------------------------


def to_milliseconds(value):
    """Django's JSON format writes times to the millisecond (as JavaScript reads them): compare them so."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def natural(obj_id, model):
    if model is ContentType:
        ct = ContentType.objects.get(pk=obj_id)
        return (ct.app_label, ct.model)
    if model is Permission:
        perm = Permission.objects.select_related("content_type").get(pk=obj_id)
        return (perm.codename, perm.content_type.app_label, perm.content_type.model)
    return obj_id


def everything() -> dict:
    """Every row of every table (many-to-many tables too), with content types and permissions by name.

    Content types and permissions are rebuilt by ``migrate`` in any empty database, with their own ids: the
    backup names them instead (``--natural-foreign``), so here they are compared by name too.
    """
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model in (ContentType, Permission):
            continue
        relations = {
            f.attname: f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in (ContentType, Permission)
        }
        table = []
        for values in model.objects.order_by("pk").values():
            # A cache key, not data: the triggers give it a new value as loaddata writes the content.
            values.pop("content_version", None)
            if model._meta.auto_created:
                # A many-to-many row's own id is not in the backup (it stores the related ids): loaddata
                # numbers it afresh, from wherever the table's sequence stands after earlier tests.
                values.pop("id")
            table.append(
                {
                    key: natural(value, relations[key]) if key in relations else to_milliseconds(value)
                    for key, value in values.items()
                }
            )
        if model._meta.auto_created:
            table.sort(key=repr)
        rows[model._meta.label] = table
    return rows


@pytest.mark.django_db(transaction=True)
def test_dumpdata_then_loaddata_into_an_empty_database_loses_nothing(
    tmp_path, owner, staff, two_users_preps, client
):
    group = Group.objects.create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="change_question"))
    owner.groups.add(group)
    owner.user_permissions.add(Permission.objects.get(codename="view_faqentry"))
    client.post(reverse("login"), {"username": "nobody", "password": "wrong"})  # an axes record
    client.force_login(owner)  # a session
    admin = BrowserClient(staff)
    admin.post(  # an admin log entry
        reverse("admin:worksheets_faqentry_changelist"),
        {"action": "delete_selected", "_selected_action": []},
        headers={"X-CSRFToken": admin.csrf_token},
    )
    before = everything()
    assert before["preps.Answer"] and before["sessions.Session"] and before["axes.AccessAttempt"]

    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        f"--output={backup}",
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not get_user_model().objects.exists() and not Answer.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    assert everything() == before
