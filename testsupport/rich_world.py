"""The permission matrix's world (testsupport/permission_matrix.py), filled as a director's would be: every
question answered over several saves (history), people with every field and comments about them, question 4's
expected questions, a brief with an agenda, the meeting's outcome with overdue and due commitments, and the
next meeting of the work group."""

import datetime

from django.utils import timezone

from briefs.services import agenda_item_add, brief_ensure, brief_update
from outcomes.series import series_next_create
from outcomes.services import outcome_row_add
from preps.models import Answer, MeetingPrep
from preps.services import answer_save
from sharing.services import comment_add, comment_resolve, invitation_send

from .factories import expected_question_create, stakeholder_create
from .permission_matrix import world_build

PEOPLE = [
    {
        "name": "Dana Whitfield",
        "role": "Director, Emergency Communications",
        "organisation": "Springfield 911",
        "kind": "911",
        "expertise": "Call data by type and hour.\nKnows which calls the CARE team could take.",
        "what_matters": "Call-taker workload; clear protocols.",
        "concerns": "Who decides which calls go to CARE?",
        "influence": "high",
        "stance": "skeptical",
    },
    {
        "name": "Chief Ana Núñez",
        "role": "Chief of Police",
        "organisation": "Springfield Police Department",
        "kind": "police",
        "what_matters": "Officer safety; fewer repeat calls.",
        "concerns": "Liability if a call escalates.",
        "influence": "high",
        "stance": "neutral",
    },
    {
        "name": "Council member Zoë Okafor",
        "role": "Chair, Public Safety Committee",
        "organisation": "Springfield City Council",
        "kind": "city",
        "influence": "medium",
        "stance": "champion",
    },
]


def world_build_rich() -> dict:
    world = world_build()
    prep = MeetingPrep.objects.get(pk=world["paths"]["prep"])
    owner, commenter = world["users"]["owner"], world["users"]["commenter"]
    prep.meeting_date = timezone.localdate() + datetime.timedelta(days=3)
    prep.save(update_fields=["meeting_date"])
    for question in prep.worksheet.questions.order_by("position"):
        for n in (1, 2):  # two saves: the history page lists revisions
            version = Answer.objects.filter(prep=prep, question=question).values_list("version", flat=True)
            answer_save(
                prep=prep,
                question=question,
                text=f"Quokkaanswer {question.position}, draft {n}.\nA second line — with “curly quotes”.",
                base_version=version.first() or 0,
                author=owner,
            )
    people = [stakeholder_create(prep=prep, **person) for person in PEOPLE]
    for person in people[:2]:
        comment_add(
            prep=prep, author=commenter, text=f"Ask {person.name} about call data.", stakeholder_id=person.pk
        )
    resolved = comment_add(
        prep=prep, author=commenter, text="Add the fire chief?", question_key="who-attends"
    )
    comment_resolve(prep=prep, comment_id=resolved.pk, by=owner)
    faq = list(prep.worksheet.faq_entries.order_by("position")[:2])
    expected_question_create(
        prep=prep,
        text="Who is liable if a call escalates?",
        askers=people[1:2],
        faq_entries=faq,
        answer="The city's insurance covers CARE staff as it covers other city employees.",
    )
    expected_question_create(prep=prep, text="How will 911 transfer a call?", askers=people[:1])
    brief = brief_ensure(prep=prep)
    brief_update(
        prep=prep,
        base_version=brief.version,
        place="City Hall, room 301",
        purpose="Agree on a pilot.",
        desired_outcome="A date for a joint protocol review.",
        primer="CARE sends two responders.",
    )
    agenda_item_add(prep=prep, title="Call data review", minutes=20, lead="Dana")
    today = timezone.localdate()
    for kind, changes in [
        ("decision", {"text": "Pilot starts in March."}),
        (
            "commitment",
            {
                "what": "Send the call data.",
                "owner_person": str(people[0].pk),
                "due": str(today - datetime.timedelta(days=2)),
            },
        ),
        (
            "commitment",
            {
                "what": "Draft the protocol for call transfers between 911 and CARE.",
                "owner_name": "Deputy Director Olivia Martínez",
                "due": str(today + datetime.timedelta(days=2)),
            },
        ),
        ("open-question", {"text": "Who trains call-takers?"}),
    ]:
        outcome_row_add(prep=prep, kind_name=kind, changes=changes)
    series_next_create(
        prep=prep, meeting_date=today + datetime.timedelta(days=30), meeting_title="Second meeting"
    )
    invitation_send(
        prep=prep, email="coach@example.org", role="editor", invited_by=owner, link_base="http://testserver"
    )
    return world
