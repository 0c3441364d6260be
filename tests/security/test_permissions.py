"""Who may open what: every URL pattern of the project, for each role: an anonymous visitor, another user
(``other``), the owner's colleagues (viewer, commenter, editor: sharing), a colleague whose access
was revoked, the owner, and staff.

The patterns are read from the URLconf itself (the admin's, the accounts', ours): a new URL without a row in
MATRIX fails ``test_every_url_pattern_is_in_the_matrix``. For each pattern and role the test checks the status
(and where a redirect goes), and that the response - page, JSON, or PDF text - holds no other user's words.

The owner and another user each have a meeting prep full of their own marker words; URLs that name a prep
name the owner's. Colleagues may see the owner's words, never the other user's. Staff are superusers who own
nothing: the admin shows content, never anyone's prep.
"""

import io
from dataclasses import dataclass, field

import docx
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.http import urlsafe_base64_encode
from pypdf import PdfReader

from briefs.services import brief_ensure
from outcomes.services import outcome_row_add
from preps.models import AnswerRevision, MeetingPrep
from preps.services import answer_save
from sharing.services import comment_add, invitation_send
from testsupport.factories import (
    expected_question_create,
    prep_create,
    seed_worksheet,
    share_create,
    stakeholder_create,
    user_create,
)
from worksheets.models import FAQEntry, Question, TipGroup

pytestmark = pytest.mark.django_db

COLLEAGUES = ("viewer", "commenter", "editor")
SIGNED_IN = ("other", *COLLEAGUES, "revoked", "owner", "staff")
ROLES = ("anonymous", *SIGNED_IN)
OWNER_WORDS = ("Quokkatitle", "Quokkaprogram", "Quokkacity", "Quokkaanswer")
OTHER_WORDS = ("Wombattitle", "Wombatprogram", "Wombatcity", "Wombatanswer")
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@dataclass(frozen=True)
class Expect:
    """A status, and for a redirect where it must lead."""

    status: int
    location: str = ""


OK = Expect(200)
TO_LOGIN = Expect(302, LOGIN)
TO_ADMIN_LOGIN = Expect(302, ADMIN_LOGIN)
NOT_FOUND = Expect(404)


@dataclass(frozen=True)
class Row:
    path: str  # with {placeholders} filled from the World below
    expect: dict  # role -> Expect
    method: str = "get"
    data: dict = field(default_factory=dict)
    owner_sees_own_words: bool = False  # a positive control: the owner's words are in the owner's response


def public(every=OK, **overrides):
    return {**dict.fromkeys(ROLES, every), **overrides}


def signed_in(every=OK, **overrides):
    """``every`` for each signed-in user, ``overrides`` by role."""
    return {"anonymous": TO_LOGIN, **dict.fromkeys(SIGNED_IN, every), **overrides}


FORBIDDEN = Expect(403)


def _one_prep(owner, allowed: tuple[str, ...]):
    """A URL of the owner's prep: ``owner``'s answer for the owner and the colleagues in ``allowed``, 403 for
    the other colleagues, and 404 for anyone without access (another user, a revoked colleague, staff)."""
    colleagues = {role: owner if role in allowed else FORBIDDEN for role in COLLEAGUES}
    outsiders = dict.fromkeys(("other", "revoked", "staff"), NOT_FOUND)
    return {"anonymous": TO_LOGIN, **outsiders, **colleagues, "owner": owner}


def readers(owner=OK):
    """Read access: every colleague (the fill page read-only, the documents)."""
    return _one_prep(owner, COLLEAGUES)


def commenters(owner=OK):
    return _one_prep(owner, ("commenter", "editor"))


def writers(owner=OK):
    """Write access: the owner and editors."""
    return _one_prep(owner, ("editor",))


def owners_only(owner=OK):
    """Sharing, copying, deleting, the next meeting: the owner alone; colleagues 403."""
    return _one_prep(owner, ())


def admin(staff=OK):
    return {**dict.fromkeys(ROLES, TO_ADMIN_LOGIN), "staff": staff}


def admin_model(model: str, pk: str, *, add=OK, change=OK, delete=OK):
    """The six URLs the admin makes for each registered model."""
    return {
        f"admin/{model}/": Row(f"/admin/{model}/", admin()),
        f"admin/{model}/add/": Row(f"/admin/{model}/add/", admin(add)),
        f"admin/{model}/<path:object_id>/history/": Row(f"/admin/{model}/{{{pk}}}/history/", admin()),
        f"admin/{model}/<path:object_id>/delete/": Row(f"/admin/{model}/{{{pk}}}/delete/", admin(delete)),
        f"admin/{model}/<path:object_id>/change/": Row(f"/admin/{model}/{{{pk}}}/change/", admin(change)),
        # The old-style address redirects to .../change/.
        f"admin/{model}/<path:object_id>/": Row(f"/admin/{model}/{{{pk}}}/", admin(Expect(302))),
    }


# route (as the URLconf spells it) -> how to request it and what each role gets
MATRIX = {
    # --- public pages -----------------------------------------------------------------------------------
    "": Row("/", public()),
    "faq/": Row("/faq/", public()),
    # The health probes (core/health.py): names only, nothing of anyone's.
    "healthz": Row("/healthz", public()),
    "readyz": Row("/readyz", public()),
    "accounts/login/": Row("/accounts/login/", public()),
    "accounts/signup/": Row(
        "/accounts/signup/",
        public(Expect(302, "/preps/"), anonymous=OK, staff=Expect(302)),
    ),
    "accounts/signup/done/": Row("/accounts/signup/done/", public()),
    # E-mailed links (issue 13, point 8): with a wrong token, the "link expired" page for anyone.
    "accounts/welcome/<uidb64>/<token>/": Row("/accounts/welcome/{owner_uid}/not-a-valid-token/", public()),
    "accounts/verify/<uidb64>/<token>/": Row(
        "/accounts/verify/{owner_uid}/confirm/", public(Expect(400))
    ),  # the token moves to the session first (a redirect); with none there, "link expired" for anyone
    "accounts/password_reset/": Row("/accounts/password_reset/", public()),
    "accounts/password_reset/done/": Row("/accounts/password_reset/done/", public()),
    "accounts/reset/<uidb64>/<token>/": Row("/accounts/reset/{owner_uid}/not-a-valid-token/", public()),
    "accounts/reset/done/": Row("/accounts/reset/done/", public()),
    "accounts/logout/": Row(
        "/accounts/logout/", public(Expect(302, "/")), method="post"
    ),  # logging out is harmless for anyone
    # Single sign-on: 404 while it is off, as here (tests/accounts/test_single_sign_on.py turns it on).
    "oidc/authenticate/": Row("/oidc/authenticate/", public(NOT_FOUND)),
    "oidc/callback/": Row("/oidc/callback/", public(NOT_FOUND)),
    # --- a signed-in user's own pages ---------------------------------------------------------------------
    "accounts/password_change/": Row("/accounts/password_change/", signed_in()),
    "accounts/password_change/done/": Row("/accounts/password_change/done/", signed_in()),
    "account/": Row("/account/", signed_in()),
    "account/export/": Row("/account/export/", signed_in(), owner_sees_own_words=True),
    "account/delete/": Row("/account/delete/", signed_in()),
    "account/verify-email/": Row(
        "/account/verify-email/",
        signed_in(Expect(302, "/account/")),
        method="post",
    ),
    "account/time-zone/": Row(
        "/account/time-zone/",
        signed_in(Expect(302, "/account/")),
        method="post",
        data={"time_zone": "Europe/Paris"},
    ),
    "account/name/": Row(
        "/account/name/",
        signed_in(Expect(302, "/account/")),
        method="post",
        data={"first_name": "Olivia", "last_name": "Martínez"},
    ),
    "preps/": Row("/preps/", signed_in(), owner_sees_own_words=True),
    "preps/new/": Row("/preps/new/", signed_in()),
    # --- one meeting prep: readers, commenters, writers (owner and editors) or the owner alone ------------
    "preps/<int:pk>/": Row("/preps/{prep}/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/details/": Row("/preps/{prep}/details/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/copy/": Row(
        "/preps/{prep}/copy/", owners_only(owner=Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/delete/": Row("/preps/{prep}/delete/", owners_only(), owner_sees_own_words=True),
    "preps/<int:pk>/answers/<slug:question_key>/": Row(
        "/preps/{prep}/answers/{unanswered_question}/",
        writers(),
        method="post",
        data={"text": "probe", "version": 0},
    ),
    "preps/<int:pk>/pdf/": Row("/preps/{prep}/pdf/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/docx/": Row("/preps/{prep}/docx/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/brief/": Row("/preps/{prep}/brief/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/brief/save/": Row(
        "/preps/{prep}/brief/save/", writers(), method="post", data={"version": 1, "place": "probe"}
    ),
    "preps/<int:pk>/brief/agenda/<int:item_id>/": Row(
        "/preps/{prep}/brief/agenda/{agenda_item}/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/brief/pdf/": Row("/preps/{prep}/brief/pdf/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/brief/docx/": Row("/preps/{prep}/brief/docx/", readers(), owner_sees_own_words=True),
    # The fillable PDF and its import (issue 16); with nothing uploaded, the preview sends the owner back.
    "preps/<int:pk>/fillable/pdf/": Row("/preps/{prep}/fillable/pdf/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/import/": Row("/preps/{prep}/import/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/import/preview/": Row(
        "/preps/{prep}/import/preview/", writers(owner=Expect(302, "/preps/"))
    ),
    "preps/<int:pk>/faq-suggestions/": Row("/preps/{prep}/faq-suggestions/?q=police", writers()),
    "preps/<int:pk>/people/new/": Row("/preps/{prep}/people/new/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/people/<int:person_id>/": Row(
        "/preps/{prep}/people/{person}/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/people/<int:person_id>/remove/": Row(
        "/preps/{prep}/people/{person}/remove/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/people/<int:person_id>/save/": Row(
        "/preps/{prep}/people/{person}/save/",
        writers(),
        method="post",
        data={"version": 1, "role": "probe"},
    ),
    "preps/<int:pk>/people/<int:person_id>/move/": Row(
        "/preps/{prep}/people/{person}/move/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
        data={"direction": "down"},
    ),
    # Nothing was removed in this session: the owner is sent back to the roster with a message.
    "preps/<int:pk>/people/<int:person_id>/undo-remove/": Row(
        "/preps/{prep}/people/{person}/undo-remove/", writers(owner=Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/power-map/": Row("/preps/{prep}/power-map/", readers(), owner_sees_own_words=True),
    # Question 4's expected questions
    "preps/<int:pk>/expected/new/": Row("/preps/{prep}/expected/new/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/expected/": Row(
        "/preps/{prep}/expected/", writers(), method="post", data={"text": "probe"}
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/": Row(
        "/preps/{prep}/expected/{expected}/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/save/": Row(
        "/preps/{prep}/expected/{expected}/save/",
        writers(),
        method="post",
        data={"version": 1, "text": "p"},
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/move/": Row(
        "/preps/{prep}/expected/{expected}/move/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
        data={"direction": "down"},
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/remove/": Row(
        "/preps/{prep}/expected/{expected}/remove/", writers(), owner_sees_own_words=True
    ),
    # After the meeting (issue 15): its outcome, the next meeting, the series, the calendar event
    "preps/<int:pk>/outcome/": Row("/preps/{prep}/outcome/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/outcome/<slug:kind>/new/": Row(
        "/preps/{prep}/outcome/decision/new/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
        data={"text": "probe"},
    ),
    "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/save/": Row(
        "/preps/{prep}/outcome/decision/{decision}/save/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
        data={"version": 1, "text": "probe"},
    ),
    "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/remove/": Row(
        "/preps/{prep}/outcome/decision/{decision}/remove/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
    ),
    "preps/<int:pk>/next/": Row("/preps/{prep}/next/", owners_only(), owner_sees_own_words=True),
    "preps/<int:pk>/series/": Row("/preps/{prep}/series/", readers(), owner_sees_own_words=True),
    "preps/<int:pk>/meeting.ics": Row("/preps/{prep}/meeting.ics", readers(), owner_sees_own_words=True),
    # Sharing (issue 14): the owner's page, invitations, comments, an answer's history
    "preps/<int:pk>/sharing/": Row("/preps/{prep}/sharing/", owners_only(), owner_sees_own_words=True),
    "preps/<int:pk>/sharing/<int:share_id>/role/": Row(
        "/preps/{prep}/sharing/{share}/role/",
        owners_only(owner=Expect(302, "/preps/")),
        method="post",
        data={"role": "commenter"},
    ),
    "preps/<int:pk>/sharing/<int:share_id>/revoke/": Row(
        "/preps/{prep}/sharing/{share}/revoke/", owners_only(owner=Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/sharing/invitations/<int:invitation_id>/cancel/": Row(
        "/preps/{prep}/sharing/invitations/{invitation}/cancel/",
        owners_only(owner=Expect(302, "/preps/")),
        method="post",
    ),
    # With no invitation in the session: "this invitation can't be used", for anyone.
    "invitations/accept/": Row("/invitations/accept/", public(Expect(400))),
    "invitations/<str:token>/": Row(
        "/invitations/made-up-token/", public(Expect(302, "/invitations/accept/"))
    ),
    "preps/<int:pk>/comments/": Row(
        "/preps/{prep}/comments/",
        commenters(owner=Expect(302, "/preps/")),
        method="post",
        data={"comment": "probe", "question": "who-attends"},
    ),
    "preps/<int:pk>/comments/<int:comment_id>/resolve/": Row(
        "/preps/{prep}/comments/{comment}/resolve/", writers(owner=Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/answers/<slug:question_key>/history/": Row(
        "/preps/{prep}/answers/{answered_question}/history/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/answers/<slug:question_key>/history/<int:revision_id>/restore/": Row(
        "/preps/{prep}/answers/{answered_question}/history/{revision}/restore/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
    ),
    # --- the admin: staff only, and never a user's prep ---------------------------------------------------
    "admin/": Row("/admin/", admin()),
    "admin/login/": Row("/admin/login/", public(staff=Expect(302, "/admin/"))),
    # Logs staff out (to the home page); others are sent to the admin's front door.
    "admin/logout/": Row(
        "/admin/logout/",
        {**public(Expect(302, "/admin/")), "staff": Expect(302, "/")},
        method="post",
    ),
    "admin/password_change/": Row("/admin/password_change/", admin()),
    "admin/password_change/done/": Row("/admin/password_change/done/", admin()),
    "admin/autocomplete/": Row("/admin/autocomplete/", admin(FORBIDDEN)),  # no field named: refused
    "admin/jsi18n/": Row("/admin/jsi18n/", admin()),
    # "View on site" for a prep sends staff to the prep's own address, where they get 404 like anyone else.
    "admin/r/<path:content_type_id>/<path:object_id>/": Row(
        "/admin/r/{prep_content_type}/{prep}/", admin(Expect(302, "http://testserver/preps/"))
    ),
    "admin/^(?P<app_label>auth|worksheets|axes)/$": Row("/admin/worksheets/", admin()),
    "admin/(?P<url>.*)$": Row("/admin/no-such-page/", admin(NOT_FOUND)),
    "admin/worksheets/worksheet/<int:pk>/blank.pdf": Row(
        "/admin/worksheets/worksheet/{worksheet}/blank.pdf", admin()
    ),
    "admin/auth/user/<id>/password/": Row("/admin/auth/user/{owner_id}/password/", admin()),
    **admin_model("auth/group", "group"),
    **admin_model("auth/user", "owner_id"),
    **admin_model("worksheets/worksheet", "worksheet"),
    **admin_model("worksheets/tipgroup", "tipgroup"),
    **admin_model("worksheets/faqentry", "faqentry"),
    **admin_model("worksheets/question", "question"),
    # django-axes' records of logins: read-only (nobody adds them by hand).
    **admin_model("axes/accessattempt", "attempt", add=FORBIDDEN),
    **admin_model("axes/accesslog", "accesslog", add=FORBIDDEN),
    **admin_model("axes/accessfailurelog", "failurelog", add=FORBIDDEN),
}


def url_patterns(patterns=None, prefix=""):
    """Every route of the project, as the URLconf spells it (included prefixes joined)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_url_pattern_is_in_the_matrix():
    routes = list(url_patterns())
    assert len(routes) == len(set(routes)), "two patterns with the same route: one of them is unreachable"
    assert set(routes) - set(MATRIX) == set(), "URLs with no row in MATRIX: add them"
    assert set(MATRIX) - set(routes) == set(), "rows for URLs that no longer exist"


def fill_prep(prep, word_set):
    title, program, city, answer = word_set
    prep.meeting_title, prep.program_name, prep.jurisdiction = f"{title} meeting", program, city
    prep.save()
    for question in prep.worksheet.questions.order_by("position")[:2]:
        answer_save(prep=prep, question=question, text=f"{answer} {question.position}", base_version=0)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Everything the matrix's paths name, and the two users' preps full of their marker words.

    Built once for the module, in a transaction rolled back at its end: each case runs in a savepoint of its
    own inside it (pytest-django's per-test transaction), so what a case writes (a POST that deletes, revokes
    or saves) is undone before the next case reads the world.
    """
    with django_db_blocker.unblock(), override_settings(**WORLD_SETTINGS), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)


WORLD_SETTINGS = {
    "PASSWORD_HASHERS": ["testsupport.hashers.FastPBKDF2PasswordHasher"],
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "matrix"}},
}


@pytest.fixture(autouse=True)
def _each_case_in_a_fresh_cache(private_cache):
    """Each case starts with an empty cache: no case is served another case's render."""


def world_build() -> dict:
    worksheet = seed_worksheet()
    owner, outsider = user_create("olivia"), user_create("oscar")
    staff = user_create("stella", is_staff=True, is_superuser=True)
    prep = prep_create(owner=owner, worksheet=worksheet, meeting_title="-")
    fill_prep(prep, OWNER_WORDS)
    colleagues = {role: user_create(f"{role}-colleague", email_verified=True) for role in COLLEAGUES}
    shares = {role: share_create(prep=prep, user=user, role=role) for role, user in colleagues.items()}
    revoked = user_create("revoked-colleague", email_verified=True)
    share_create(prep=prep, user=revoked, role="editor").delete()
    invitation = invitation_send(
        prep=prep, email="invited@example.org", role="viewer", invited_by=owner, link_base="http://testserver"
    )
    comment = comment_add(
        prep=prep,
        author=colleagues["commenter"],
        text=f"{OWNER_WORDS[3]} comment",
        question_key="who-attends",
    )
    fill_prep(prep_create(owner=outsider, worksheet=worksheet, meeting_title="-"), OTHER_WORDS)
    probe = {"ip_address": "192.0.2.7", "user_agent": "probe", "path_info": "/"}
    AccessAttempt.objects.create(username="olivia", failures_since_start=1, **probe)
    AccessLog.objects.create(username="olivia", **probe)
    AccessFailureLog.objects.create(username="oscar", **probe)
    return {
        "users": {"anonymous": None, "other": outsider, "owner": owner, "staff": staff, "revoked": revoked}
        | colleagues,
        "paths": {
            "prep": prep.pk,
            "person": stakeholder_create(prep=prep, name=f"{OWNER_WORDS[0]} person").pk,
            "expected": expected_question_create(prep=prep, text=f"{OWNER_WORDS[3]} expected").pk,
            "agenda_item": brief_ensure(prep=prep).agenda.first().pk,
            "decision": outcome_row_add(
                prep=prep, kind_name="decision", changes={"text": f"{OWNER_WORDS[3]} decision"}
            ).pk,
            "unanswered_question": worksheet.questions.get(position=3).key,
            "answered_question": worksheet.questions.get(position=1).key,
            "revision": AnswerRevision.objects.get(answer__prep=prep, answer__question__position=1).pk,
            "share": shares["viewer"].pk,
            "invitation": invitation.pk,
            "comment": comment.pk,
            "worksheet": worksheet.pk,
            "question": Question.objects.filter(worksheet=worksheet).first().pk,
            "tipgroup": TipGroup.objects.filter(worksheet=worksheet).first().pk,
            "faqentry": FAQEntry.objects.filter(worksheet=worksheet).first().pk,
            "group": Group.objects.create(name="Editors").pk,
            "owner_id": owner.pk,
            "owner_uid": urlsafe_base64_encode(str(owner.pk).encode()),
            "prep_content_type": ContentType.objects.get_for_model(MeetingPrep).pk,
            "attempt": AccessAttempt.objects.get().pk,
            "accesslog": AccessLog.objects.get(user_agent="probe").pk,
            "failurelog": AccessFailureLog.objects.get().pk,
        },
    }


def response_text(response) -> str:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if "wordprocessingml" in response.get("Content-Type", ""):
        document = docx.Document(io.BytesIO(response.content))
        return " ".join(paragraph.text for paragraph in document.paragraphs)
    return response.content.decode(errors="replace")


def others_words(role: str) -> tuple[str, ...]:
    """The marker words this role must never be shown: everyone's but their own (and, for the owner's
    colleagues, the owner's)."""
    own = {"other": OTHER_WORDS, "owner": OWNER_WORDS, **dict.fromkeys(COLLEAGUES, OWNER_WORDS)}
    return tuple(word for word in OWNER_WORDS + OTHER_WORDS if word not in own.get(role, ()))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_status_and_no_one_elses_words(client, world, route, role):
    row = MATRIX[route]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    path = row.path.format(**world["paths"])

    response = getattr(client, row.method)(path, row.data)

    expected = row.expect[role]
    assert response.status_code == expected.status, f"{row.method.upper()} {path} as {role}"
    if expected.status == 302 and expected.location:
        assert response["Location"].startswith(expected.location), response["Location"]
    text = response_text(response)
    leaked = [word for word in others_words(role) if word in text]
    assert not leaked, f"{path} shows {role} someone else's words: {leaked}"
    if role == "owner" and row.owner_sees_own_words:
        assert any(word in text for word in OWNER_WORDS), "the owner's own words should be here"


def test_a_prep_in_the_admin_is_no_more_than_a_number(client, world):
    """The admin's "delete this user?" page lists what goes with the user, without the meeting's title."""
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("admin:auth_user_delete", args=[world["paths"]["owner_id"]])).content.decode()
    assert f"Meeting prep {world['paths']['prep']}" in page
    assert not any(word in page for word in OWNER_WORDS)
