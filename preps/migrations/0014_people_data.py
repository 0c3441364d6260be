"""Every roster entry to a person of its work group. Until now "Prepare the next meeting" copied each person
onto the next meeting's roster; those copies become one person, each meeting keeping its own notes.

The rule: a work group's meetings are walked in the order they were made (a next meeting is always made
after the one it comes from), each roster in its order. An entry joins the group's person with the same
name and organisation - compared without case and with runs of spaces as one - who has no entry on that
meeting yet; otherwise it starts a new person. So two people of the same name and agency on one roster stay
two people, and a person left off one meeting is still found at the next. A person's name, title, agency and
kind are their latest entry's; e-mail and phone start empty.

Nothing else changes: the entries keep every field and version (only ``person_id`` is new)."""

from django.db import migrations

BATCH = 500


def identity_key(name: str, organisation: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), " ".join(organisation.split()).casefold())


def entries_to_people(apps, schema_editor):
    Stakeholder = apps.get_model("preps", "Stakeholder")
    Person = apps.get_model("preps", "Person")
    WorkGroup = apps.get_model("preps", "WorkGroup")
    alias = schema_editor.connection.alias

    for group in WorkGroup.objects.using(alias).order_by("pk").iterator(chunk_size=BATCH):
        entries = (
            Stakeholder.objects.using(alias)
            .filter(prep__work_group=group, person__isnull=True)
            .order_by("prep_id", "position", "pk")
        )
        people: dict[tuple[str, str], list] = {}  # key -> the group's people of that name and agency
        used: dict[int, set[int]] = {}  # meeting -> ids of the people already on its roster
        for entry in entries.iterator(chunk_size=BATCH):
            on_this_roster = used.setdefault(entry.prep_id, set())
            same = people.setdefault(identity_key(entry.name, entry.organisation), [])
            person = next((p for p in same if p.pk not in on_this_roster), None)
            if person is None:
                person = Person(work_group=group)
                same.append(person)
            person.name, person.title = entry.name, entry.role
            person.agency, person.kind = entry.organisation, entry.kind
            person.save(using=alias)
            on_this_roster.add(person.pk)
            # update() leaves updated_at alone: the entry's "last edited" stays what it was.
            Stakeholder.objects.using(alias).filter(pk=entry.pk).update(person=person)


def people_out(apps, schema_editor):
    """Back to before: the column and the tables go with 0013's reversal."""


class Migration(migrations.Migration):
    dependencies = [("preps", "0013_people")]

    operations = [migrations.RunPython(entries_to_people, people_out)]
