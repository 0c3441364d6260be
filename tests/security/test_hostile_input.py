"""Bad input gets a clear 4xx and changes nothing.

Every case is a request a browser, a script or an attacker could send, made with the CSRF check on (as in
production). Each asserts the status, the message the user or the script is shown, and that nothing stored
changed. The limits are settings: ANSWER_MAX_CHARS (50,000 characters, counted down on the page near the
end), DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB per request) and, for admin Markdown, MARKDOWN_MAX_CHARS (4,000)
and MARKDOWN_MAX_DEPTH (12 nested elements).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import reverse

from preps.models import MeetingPrep, Stakeholder
from preps.services import answer_save
from testsupport.clients import BrowserClient, stored_data
from testsupport.factories import prep_create, question_create, stakeholder_create, worksheet_create
from worksheets.models import Question

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}  # what the autosave script sends
FORM = "application/x-www-form-urlencoded"


@dataclass
class Target:
    """What the cases aim at: the owner's prep with two saved answers, and someone else's prep."""

    prep: MeetingPrep
    question: Question
    other_prep: MeetingPrep
    foreign_question: Question

    def autosave(self, prep_pk=None, question_key=None) -> str:
        return f"/preps/{prep_pk or self.prep.pk}/answers/{question_key or self.question.key}/"

    @property
    def fill(self) -> str:
        return reverse("prep_fill", args=[self.prep.pk])

    @property
    def edit(self) -> str:
        return reverse("prep_edit", args=[self.prep.pk])

    @property
    def pdf(self) -> str:
        return reverse("prep_pdf", args=[self.prep.pk])

    def fill_form(self, **changes) -> dict:
        """The no-JavaScript form as the page posts it: every box and its version, then ``changes``."""
        data = {}
        for answer in self.prep.answers.all():
            data[f"answer_{answer.question.key}"] = answer.text
            data[f"version_{answer.question.key}"] = answer.version
        for question in self.prep.worksheet.questions.exclude(answers__prep=self.prep):
            data[f"answer_{question.key}"] = ""
            data[f"version_{question.key}"] = 0
        return {**data, **changes}


@dataclass
class Case:
    id: str
    status: int
    message: str
    url: Callable[[Target], str]
    method: str = "post"
    data: Callable[[Target], object] = lambda t: {}
    content_type: str | None = None  # None: the test client's multipart form
    headers: dict = field(default_factory=lambda: dict(FETCH))
    csrf: str = "valid"  # "valid", "missing" or "wrong"
    setup: Callable[[Target], None] = lambda t: None


def autosave_data(text="Changed", version=1):
    return lambda t: {"text": text, "version": version}


def deep_example(t: Target):
    t.question.example = "<blockquote>" * 40 + "deep" + "</blockquote>" * 40
    t.question.save()


def long_example(t: Target):
    t.question.example = "Carmen " * 1000
    t.question.save()


CASES = [
    # --- sizes -------------------------------------------------------------------------------------------
    Case(
        "answer-over-the-character-limit",
        400,
        "50,000-character limit",
        lambda t: t.autosave(),
        data=autosave_data("x" * 50_001),
    ),
    Case(
        "answer-over-the-limit-no-javascript",
        400,
        "50,000-character limit",
        lambda t: t.fill,
        data=lambda t: t.fill_form(**{f"answer_{t.question.key}": "x" * 50_001}),
        headers={},
    ),
    Case(
        "request-body-over-2.5-MB",
        413,
        "too large to send (the limit is 2.5 MB)",
        lambda t: t.autosave(),
        data=lambda t: f"text={'y' * 2_600_000}&version=1",
        content_type=FORM,
    ),
    Case(
        "request-body-over-2.5-MB-no-javascript",
        413,
        "too large to send",
        lambda t: t.fill,
        data=lambda t: t.fill_form(**{f"answer_{t.question.key}": "y" * 2_600_000}),
        headers={},
    ),
    Case(
        "more-than-1000-fields",
        400,
        "far more fields than any page here has",
        lambda t: t.fill,
        data=lambda t: "&".join(f"f{i}=x" for i in range(1_100)),
        content_type=FORM,
        headers={},
    ),
    # --- encodings and content types ---------------------------------------------------------------------
    Case("nul-byte", 400, "null byte", lambda t: t.autosave(), data=autosave_data("before\x00after")),
    Case(
        "invalid-utf-8-percent-encoded",
        400,
        "not valid UTF-8",
        lambda t: t.autosave(),
        data=lambda t: "text=caf%E9%FF%FE&version=1",
        content_type=FORM,
    ),
    Case(
        "invalid-utf-8-raw-bytes",
        400,
        "not valid UTF-8",
        lambda t: t.autosave(),
        data=lambda t: b"text=caf\xe9\xff&version=1",
        content_type=FORM,
    ),
    Case(
        "invalid-utf-8-no-javascript",
        400,
        "not valid UTF-8",
        lambda t: t.fill,
        data=lambda t: f"answer_{t.question.key}=%C3%28&version_{t.question.key}=1",
        content_type=FORM,
        headers={},
    ),
    Case(
        "json-instead-of-a-form",
        415,
        "Send the answer as form data",
        lambda t: t.autosave(),
        data=lambda t: json.dumps({"text": "Changed", "version": 1}),
        content_type="application/json",
    ),
    Case(
        "text-plain-instead-of-a-form",
        415,
        "Send the answer as form data",
        lambda t: t.autosave(),
        data=lambda t: "text=Changed&version=1",
        content_type="text/plain",
    ),
    # --- fields --------------------------------------------------------------------------------------------
    Case(
        "text-missing",
        400,
        "text is missing",
        lambda t: t.autosave(),
        data=lambda t: {"version": 1},
    ),
    Case(
        "version-missing",
        400,
        "version is missing",
        lambda t: t.autosave(),
        data=lambda t: {"text": "Changed"},
    ),
    Case(
        "version-not-a-number", 400, "Bad version", lambda t: t.autosave(), data=autosave_data(version="1e3")
    ),
    Case(
        "version-negative",
        400,
        "greater than or equal to 0",
        lambda t: t.autosave(),
        data=autosave_data(version=-1),
    ),
    Case(
        "version-beyond-any-integer",
        400,
        "less than or equal to 2147483647",
        lambda t: t.autosave(),
        data=autosave_data(version="9" * 30),
    ),
    Case(
        "version-not-a-number-no-javascript",
        400,
        "unreadable answer version, so nothing was saved",
        lambda t: t.fill,
        data=lambda t: t.fill_form(
            **{f"answer_{t.question.key}": "Changed", f"version_{t.question.key}": "x"}
        ),
        headers={},
    ),
    Case(
        "meeting-title-with-nul-byte",
        400,
        "Null characters are not allowed",
        lambda t: t.edit,
        data=lambda t: {"meeting_title": "Kick\x00off"},
        headers={},
    ),
    Case(
        "meeting-title-too-long",
        400,
        "at most 200 characters",
        lambda t: t.edit,
        data=lambda t: {"meeting_title": "T" * 201},
        headers={},
    ),
    Case(
        "meeting-date-impossible",
        400,
        "Enter a valid date",
        lambda t: t.edit,
        data=lambda t: {"meeting_title": "Kickoff", "meeting_date": "2026-02-30"},
        headers={},
    ),
    Case(
        "pdf-switch-not-0-or-1",
        400,
        "must be 1 (include) or 0 (leave out)",
        lambda t: t.pdf + "?examples=yes%00",
        method="get",
        headers={},
    ),
    Case(
        "account-deletion-with-a-wrong-password",
        400,
        "That is not your password. Nothing was deleted.",
        lambda t: reverse("account_delete"),
        data=lambda t: {"password": "not my password"},
        headers={},
    ),
    Case(
        "account-name-with-a-line-break",
        400,
        "A name can hold letters, spaces, apostrophes",
        lambda t: reverse("account_name_save"),
        data=lambda t: {"first_name": "Eve\nBcc: everyone@example.org", "last_name": ""},
        headers={},
    ),
    Case(
        "account-name-with-a-link",
        400,
        "A name can hold letters, spaces, apostrophes",
        lambda t: reverse("account_name_save"),
        data=lambda t: {"first_name": "Security team: reset at https://evil.example/login", "last_name": ""},
        headers={},
    ),
    Case(
        "account-name-with-a-domain",
        400,
        "Put a space after a period in a name",
        lambda t: reverse("account_name_save"),
        data=lambda t: {"first_name": "evil.example", "last_name": ""},
        headers={},
    ),
    Case(
        "account-name-longer-than-150",
        400,
        "Ensure this value has at most 150 characters",
        lambda t: reverse("account_name_save"),
        data=lambda t: {"first_name": "A" * 151, "last_name": ""},
        headers={},
    ),
    # --- stale versions: 409 with the newer text, nothing overwritten ---------------------------------------
    Case(
        "stale-version",
        409,
        "changed in another window",
        lambda t: t.autosave(),
        data=autosave_data("From an old window", version=0),
    ),
    Case(
        "version-from-the-future",
        409,
        "changed in another window",
        lambda t: t.autosave(),
        data=autosave_data("Made-up version", version=7),
    ),
    Case(
        "stale-version-no-javascript",
        409,
        "changed in another window since you opened this page",
        lambda t: t.fill,
        data=lambda t: t.fill_form(
            **{f"answer_{t.question.key}": "From an old page", f"version_{t.question.key}": 0}
        ),
        headers={},
    ),
    Case(
        "version-on-a-never-answered-question",
        409,
        "changed in another window",
        lambda t: t.autosave(question_key=t.prep.worksheet.questions.get(position=3).key),
        data=autosave_data("From nowhere", version=3),
    ),
    Case(
        "version-on-a-never-answered-question-no-javascript",
        409,
        "changed in another window since you opened this page",
        lambda t: t.fill,
        data=lambda t: t.fill_form(
            **{
                f"answer_{t.prep.worksheet.questions.get(position=3).key}": "From an old page",
                f"version_{t.prep.worksheet.questions.get(position=3).key}": 4,
            }
        ),
        headers={},
    ),
    # --- ids -----------------------------------------------------------------------------------------------
    Case(
        "prep-id-unknown", 404, "Page not found", lambda t: t.autosave(prep_pk=987_654), data=autosave_data()
    ),
    Case(
        "prep-id-not-a-number",
        404,
        "Page not found",
        lambda t: t.autosave(prep_pk="abc"),
        data=autosave_data(),
    ),
    Case(
        "prep-id-beyond-any-integer",
        404,
        "Page not found",
        lambda t: t.autosave(prep_pk="9" * 30),
        data=autosave_data(),
    ),
    Case(
        "prep-of-another-user",
        404,
        "Page not found",
        lambda t: t.autosave(prep_pk=t.other_prep.pk),
        data=autosave_data(),
    ),
    Case(
        "question-id-unknown",
        404,
        "Page not found",
        lambda t: t.autosave(question_key="no-such-question"),
        data=autosave_data(),
    ),
    Case(
        "question-of-another-worksheet",
        404,
        "Page not found",
        lambda t: t.autosave(question_key=t.foreign_question.key),
        data=autosave_data(),
    ),
    Case(
        "pdf-of-unknown-prep", 404, "Page not found", lambda t: "/preps/987654/pdf/", method="get", headers={}
    ),
    # --- methods -------------------------------------------------------------------------------------------
    Case(
        "autosave-with-get",
        405,
        "does not accept GET requests (only POST)",
        lambda t: t.autosave(),
        method="get",
    ),
    Case(
        "autosave-with-put",
        405,
        "does not accept PUT requests (only POST)",
        lambda t: t.autosave(),
        method="put",
    ),
    Case(
        "copy-with-get",
        405,
        "does not accept GET requests (only POST)",
        lambda t: reverse("prep_copy", args=[t.prep.pk]),
        method="get",
        headers={},
    ),
    Case(
        "delete-with-delete",
        405,
        "does not accept DELETE requests (only GET, POST)",
        lambda t: reverse("prep_delete", args=[t.prep.pk]),
        method="delete",
        headers={},
    ),
    # --- CSRF ----------------------------------------------------------------------------------------------
    Case(
        "csrf-token-missing",
        403,
        "Reload the page",
        lambda t: t.autosave(),
        data=autosave_data(),
        csrf="missing",
    ),
    Case(
        "csrf-token-wrong", 403, "Reload the page", lambda t: t.autosave(), data=autosave_data(), csrf="wrong"
    ),
    Case(
        "csrf-token-missing-no-javascript",
        403,
        "the form you sent could not be verified",
        lambda t: t.fill,
        data=lambda t: t.fill_form(**{f"answer_{t.question.key}": "Changed"}),
        headers={},
        csrf="missing",
    ),
    Case(
        "csrf-token-missing-account-deletion",
        403,
        "the form you sent could not be verified",
        lambda t: reverse("account_delete"),
        data=lambda t: {"password": "correct horse battery staple"},
        headers={},
        csrf="missing",
    ),
    Case(
        "csrf-token-missing-account-name",
        403,
        "the form you sent could not be verified",
        lambda t: reverse("account_name_save"),
        data=lambda t: {"first_name": "Mallory", "last_name": ""},
        headers={},
        csrf="missing",
    ),
    # --- admin Markdown too complex to lay out: the PDF is refused with a message -------------------------
    Case(
        "pdf-with-deeply-nested-admin-markdown",
        422,
        "nests lists, quotes or tags more than 12 levels deep",
        lambda t: t.pdf,
        method="get",
        headers={},
        setup=deep_example,
    ),
    Case(
        "pdf-with-over-long-admin-markdown",
        422,
        "the limit is 4,000",
        lambda t: t.pdf,
        method="get",
        headers={},
        setup=long_example,
    ),
]


@pytest.fixture
def target(prep, outsider) -> Target:
    question = prep.worksheet.questions.get(position=1)
    answer_save(prep=prep, question=question, text="Keep me", base_version=0)
    answer_save(prep=prep, question=prep.worksheet.questions.get(position=2), text="Me too", base_version=0)
    other = worksheet_create(slug="other", title="Other")
    return Target(
        prep=prep,
        question=question,
        other_prep=prep_create(owner=outsider, worksheet=prep.worksheet, meeting_title="Oscar’s"),
        foreign_question=question_create(worksheet=other, key="elsewhere", position=1, prompt="Elsewhere?"),
    )


def send(client: BrowserClient, case: Case, target: Target):
    headers = dict(case.headers)
    if case.csrf == "valid":
        headers["X-CSRFToken"] = client.csrf_token
    elif case.csrf == "wrong":
        headers["X-CSRFToken"] = "x" * 64
    kwargs = {"headers": headers}
    if case.content_type:
        kwargs["content_type"] = case.content_type
    data = case.data(target)
    if case.method == "get":
        return client.get(case.url(target), **kwargs)
    return getattr(client, case.method)(case.url(target), data, **kwargs)


def test_there_are_at_least_30_cases():
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_a_clear_4xx_and_changes_nothing(owner, target, case):
    client = BrowserClient(owner)
    case.setup(target)
    before = stored_data()

    response = send(client, case, target)

    assert response.status_code == case.status
    if response["Content-Type"].startswith("application/json"):
        assert case.message in response.json()["message"]
    else:
        assert case.message in response.content.decode()
    assert "Traceback" not in response.content.decode(errors="replace")
    assert stored_data() == before


def test_a_conflict_tells_the_script_the_newer_text(owner, target):
    client = BrowserClient(owner)
    response = client.post(
        target.autosave(),
        {"text": "Old window", "version": 0},
        headers={**FETCH, "X-CSRFToken": client.csrf_token},
    )
    assert response.status_code == 409
    assert (response.json()["current"]["text"], response.json()["current_version"]) == ("Keep me", 1)


def test_a_box_missing_from_the_no_javascript_post_is_left_alone(owner, target):
    client = BrowserClient(owner)
    data = target.fill_form()
    del data[f"answer_{target.question.key}"]
    before = stored_data()
    response = client.post(target.fill, data, headers={"X-CSRFToken": client.csrf_token})
    assert response.status_code == 302
    assert stored_data() == before


def test_the_page_shows_the_limit_before_the_user_reaches_it(owner, target):
    page = BrowserClient(owner).get(target.fill).content.decode()
    assert f'maxlength="{settings.ANSWER_MAX_CHARS}"' in page


# --- the stakeholder roster (question 1's people): its no-JavaScript forms and question 4's suggestions -----

ROSTER_FIELDS = ("name", "role", "organisation", "kind", "invite")
ROSTER_DETAILS = ("expertise", "what_matters", "concerns", "influence", "stance")


def roster_rows() -> list:
    return list(Stakeholder.objects.order_by("pk").values())


def person_form(person, **changes) -> dict:
    data = {name: getattr(person, name) for name in ROSTER_FIELDS + ROSTER_DETAILS}
    return {**data, "version": person.version, **changes}


ROSTER_CASES = {
    # id: (status, message, url(prep, mine, theirs), data(mine))
    "unknown-person-id": (
        404,
        "",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, 2_000_000_000]),
        lambda mine: person_form(mine, concerns="Changed"),
    ),
    "another-preps-person": (
        404,
        "",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, theirs.pk]),
        lambda mine: person_form(mine, concerns="Changed"),
    ),
    "remove-another-preps-person": (
        404,
        "",
        lambda prep, mine, theirs: reverse("stakeholder_remove", args=[prep.pk, theirs.pk]),
        lambda mine: {},
    ),
    "influence-outside-the-list": (
        400,
        "Select a valid choice",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, mine.pk]),
        lambda mine: person_form(mine, influence="enormous"),
    ),
    "stance-outside-the-list": (
        400,
        "Select a valid choice",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, mine.pk]),
        lambda mine: person_form(mine, stance="hostile"),
    ),
    "kind-outside-the-list-on-add": (
        400,
        "Select a valid choice",
        lambda prep, mine, theirs: reverse("stakeholder_add", args=[prep.pk]),
        lambda mine: {"name": "New", "kind": "sheriff", "invite": "invite"},
    ),
    "oversized-per-person-text": (
        400,
        "at most 2000 characters",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, mine.pk]),
        lambda mine: person_form(mine, concerns="x" * 2001),
    ),
    "oversized-name": (
        400,
        "at most 200 characters",
        lambda prep, mine, theirs: reverse("stakeholder_add", args=[prep.pk]),
        lambda mine: {"name": "n" * 201, "kind": "police", "invite": "invite"},
    ),
    "person-version-not-a-number": (
        400,
        "no valid version of the person",
        lambda prep, mine, theirs: reverse("stakeholder_edit", args=[prep.pk, mine.pk]),
        lambda mine: person_form(mine, concerns="Changed", version="abc"),
    ),
}


@pytest.mark.parametrize("case_id", ROSTER_CASES)
def test_bad_roster_input_is_a_clear_4xx_and_changes_nothing(owner, target, case_id):
    status, message, url, data = ROSTER_CASES[case_id]
    mine = stakeholder_create(prep=target.prep, position=0, name="Mine", concerns="Kept")
    theirs = stakeholder_create(prep=target.other_prep, position=0, name="Theirs", concerns="Theirs")
    client = BrowserClient(owner)
    before = (stored_data(), roster_rows())

    response = client.post(
        url(target.prep, mine, theirs), data(mine), headers={"X-CSRFToken": client.csrf_token}
    )

    assert response.status_code == status
    assert message in response.content.decode()
    assert "Traceback" not in response.content.decode(errors="replace")
    assert (stored_data(), roster_rows()) == before


@pytest.mark.parametrize("query", ["x" * 1001, "police\x00"])
def test_a_bad_faq_suggestion_query_is_a_400(owner, target, query):
    client = BrowserClient(owner)
    response = client.get(reverse("faq_suggestions", args=[target.prep.pk]), {"q": query})
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"


# --- the meeting brief's autosave (the brief page's script) ------------------------------------------------


def brief_rows() -> dict:
    from briefs.models import AgendaItem, MeetingBrief

    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in (MeetingBrief, AgendaItem)
    }


def brief_case(prep, outsider) -> dict:
    """Each case: the data sent (with the brief's current version unless it names one) → status, message."""
    from briefs.services import brief_ensure

    item = brief_ensure(prep=prep).agenda.first()
    foreign = brief_ensure(prep=prep_create(owner=outsider, worksheet=prep.worksheet)).agenda.first()
    return {
        "purpose-over-the-limit": ({"purpose": "x" * 2001}, 400, "at most 2000 characters"),
        "place-over-the-limit": ({"place": "x" * 201}, 400, "at most 200 characters"),
        "time-not-a-time": ({"start_time": "25:99"}, 400, "Enter a valid time"),
        "minutes-over-the-limit": ({f"item-{item.pk}-minutes": "601"}, 400, "less than or equal to 600"),
        "title-blank": ({f"item-{item.pk}-title": " "}, 400, "This field is required"),
        "faq-not-an-id": ({"faq": ["x"]}, 400, "Choose FAQ entries from the list"),
        "faq-of-no-worksheet": ({"faq": ["987654"]}, 400, "not in this worksheet’s FAQ"),
        "version-not-a-number": (
            {"version": "1e3", "place": "Room 9"},
            400,
            "names no agenda item or brief version",
        ),
        "version-negative": (
            {"version": "-1", "place": "Room 9"},
            400,
            "names no agenda item or brief version",
        ),
        "version-huge": (
            {"version": "9" * 30, "place": "Room 9"},
            400,
            "names no agenda item or brief version",
        ),
        "item-unknown": ({"item-987654-title": "Gone"}, 404, "no longer on the brief"),
        "item-of-another-brief": ({f"item-{foreign.pk}-title": "Theirs"}, 404, "no longer on the brief"),
        "version-stale": ({"version": "0", "place": "Old window"}, 409, "changed in another window"),
    }


BRIEF_CASES = (
    "purpose-over-the-limit place-over-the-limit time-not-a-time minutes-over-the-limit title-blank "
    "faq-not-an-id faq-of-no-worksheet version-not-a-number version-negative version-huge item-unknown "
    "item-of-another-brief version-stale"
).split()


@pytest.mark.parametrize("name", BRIEF_CASES)
def test_bad_brief_saves_are_a_clear_4xx_and_change_nothing(owner, outsider, prep, name):
    data, status, message = brief_case(prep, outsider)[name]
    client = BrowserClient(owner)
    before = brief_rows()
    data = {"version": str(prep.brief.version), **data}
    url = reverse("brief_autosave", args=[prep.pk])
    response = client.post(url, data, headers={**FETCH, "X-CSRFToken": client.csrf_token})
    assert response.status_code == status
    assert message in response.json()["message"]
    assert brief_rows() == before


def test_a_brief_save_sent_as_json_is_refused(owner, prep):
    client = BrowserClient(owner)
    url = reverse("brief_autosave", args=[prep.pk])
    response = client.post(
        url,
        json.dumps({"version": 1}),
        content_type="application/json",
        headers={"X-CSRFToken": client.csrf_token},
    )
    assert response.status_code == 415
