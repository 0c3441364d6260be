"""Agenda items: remove at once from the brief page, Undo puts the very item back in its place; moves and
item edits through the one save result."""

from django.urls import reverse

from briefs.models import AgendaItem
from briefs.services import agenda_item_move, agenda_item_update, brief_ensure


def titles(prep) -> list[str]:
    return list(
        AgendaItem.objects.filter(brief__prep=prep).order_by("position").values_list("title", flat=True)
    )


def test_remove_is_at_once_and_undo_puts_the_item_back_with_its_fields(owner_client, prep):
    brief = brief_ensure(prep=prep)
    items = list(brief.agenda.order_by("position"))
    second = items[1]
    AgendaItem.objects.filter(pk=second.pk).update(minutes=25, lead="Dana", note="Bring the call data")
    before = titles(prep)
    url = reverse("prep_brief", args=[prep.pk])
    response = owner_client.post(url, {"version": brief.version, "action": f"remove-{second.pk}"})
    assert response.status_code == 302 and response["Location"].endswith("#agenda")
    assert second.title not in titles(prep)

    page = owner_client.get(response["Location"]).content.decode()
    undo_url = reverse("agenda_item_undo", args=[prep.pk, second.pk])
    assert f"Removed “<bdi>{second.title}</bdi>” from the agenda." in page
    assert f'<form id="undo-agenda-{second.pk}" method="post" action="{undo_url}"' in page

    response = owner_client.post(undo_url)
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{second.pk}")
    assert titles(prep) == before
    back = AgendaItem.objects.get(pk=second.pk)
    assert (back.minutes, back.lead, back.note) == (25, "Dana", "Bring the call data")
    assert "Removed “" not in owner_client.get(url).content.decode()


def test_move_takes_a_position_and_moves_the_briefs_version_on(prep):
    brief = brief_ensure(prep=prep)
    first = brief.agenda.order_by("position").first()
    order = agenda_item_move(prep=prep, item_id=first.pk, to_position=99)
    assert order[-1].pk == first.pk and titles(prep)[-1] == first.title
    brief.refresh_from_db()
    assert brief.version == 2


def test_an_item_edit_on_an_old_version_is_not_saved_and_says_what_is_stored(prep, owner, owner_client):
    brief = brief_ensure(prep=prep)
    item = brief.agenda.order_by("position").first()
    saved = agenda_item_update(
        prep=prep, base_version=brief.version, item_id=item.pk, author=owner, title="New"
    )
    assert saved.saved and saved.version == brief.version + 1
    stale = agenda_item_update(prep=prep, base_version=brief.version, item_id=item.pk, title="Old window")
    assert not stale.saved and stale.current[f"item-{item.pk}-title"] == "New"
    assert AgendaItem.objects.get(pk=item.pk).title == "New"

    url = reverse("agenda_item_edit", args=[prep.pk, item.pk])
    response = owner_client.post(url, {"version": brief.version, "title": "From an old page"})
    assert response.status_code == 409
    assert "was changed" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "New"
