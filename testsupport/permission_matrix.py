"""The permission matrix: every URL pattern of the project, what each role gets from it, and the world its
paths name (tests/security/test_permissions.py checks it; tests/checkers/ visits its pages).

Roles: an anonymous visitor, another user (``other``), the owner's colleagues (viewer, commenter, editor), a
colleague whose access was revoked, the owner, and staff. The owner and another user each have a meeting prep
full of their own marker words; URLs that name a prep name the owner's.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from asks.models import SentQuestion
from asks.services import group_today, link_renew, request_send
from briefs.models import BriefRevision
from briefs.services import brief_ensure
from outcomes.services import outcome_row_add
from preps.models import AnswerRevision, MeetingPrep, StakeholderRevision
from preps.revisions import expected_question_history_record
from preps.services import answer_save
from sharing.services import comment_add, invitation_send, work_group_invitation_send
from testsupport.factories import (
    expected_question_create,
    membership_create,
    person_create,
    prep_create,
    seed_worksheet,
    share_create,
    stakeholder_create,
    user_create,
)
from worksheets.models import FAQEntry, Question, TipGroup

COLLEAGUES = ("viewer", "commenter", "editor")
# The same roles on the team of the prep's work group (every meeting of it), not on the prep itself.
TEAM = ("team-viewer", "team-commenter", "team-editor")
SIGNED_IN = ("other", *COLLEAGUES, *TEAM, "revoked", "owner", "staff")
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
    """A URL of the owner's prep: ``owner``'s answer for the owner and the colleagues in ``allowed`` (on the
    prep or on its work group's team alike), 403 for the other colleagues, and 404 for anyone without access
    (another user, a revoked colleague, staff)."""
    colleagues = {role: owner if role in allowed else FORBIDDEN for role in COLLEAGUES}
    team = {f"team-{role}": expect for role, expect in colleagues.items()}
    outsiders = dict.fromkeys(("other", "revoked", "staff"), NOT_FOUND)
    return {"anonymous": TO_LOGIN, **outsiders, **colleagues, **team, "owner": owner}


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
    # One step per question: the first step shows question 1's answer as its other notes.
    "preps/<int:pk>/steps/<int:number>/": Row("/preps/{prep}/steps/1/", readers(), owner_sees_own_words=True),
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
    "preps/<int:pk>/brief/agenda/<int:item_id>/undo-remove/": Row(
        "/preps/{prep}/brief/agenda/{agenda_item}/undo-remove/", writers(owner=NOT_FOUND), method="post"
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
    # Undo (core.ordered): no one removed anything here, so the owner and the editor get "nothing to undo", a
    # 404, like anyone else's removal (tests/security/test_row_removal.py undoes real ones).
    "preps/<int:pk>/people/<int:person_id>/undo-remove/": Row(
        "/preps/{prep}/people/{person}/undo-remove/", writers(owner=NOT_FOUND), method="post"
    ),
    "preps/<int:pk>/people/from-directory/": Row(
        "/preps/{prep}/people/from-directory/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
        data={"person": "{directory_person}"},
    ),
    # A work group's people: whoever may open one of its meetings reads them; its owner and editors edit them.
    "groups/<int:group_id>/people/": Row(
        "/groups/{work_group}/people/", readers(), owner_sees_own_words=True
    ),
    "groups/<int:group_id>/people/<int:person_id>/": Row(
        "/groups/{work_group}/people/{directory_person}/", readers(), owner_sees_own_words=True
    ),
    "groups/<int:group_id>/people/<int:person_id>/save/": Row(
        "/groups/{work_group}/people/{directory_person}/save/",
        writers(owner=Expect(302, "/groups/")),
        method="post",
        data={"version": 1, "phone": "probe"},
    ),
    "groups/<int:group_id>/people/<int:person_id>/plan/save/": Row(
        "/groups/{work_group}/people/{directory_person}/plan/save/",
        writers(owner=Expect(302, "/groups/")),
        method="post",
        data={"version": 1, "approach": "probe"},
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
    "preps/<int:pk>/expected/<int:expected_question_id>/undo-remove/": Row(
        "/preps/{prep}/expected/{expected}/undo-remove/", writers(owner=NOT_FOUND), method="post"
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
    "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/undo-remove/": Row(
        "/preps/{prep}/outcome/decision/{decision}/undo-remove/", writers(owner=NOT_FOUND), method="post"
    ),
    "preps/<int:pk>/next/": Row("/preps/{prep}/next/", owners_only(), owner_sees_own_words=True),
    # The series page's old address: the meeting's work group page.
    "preps/<int:pk>/series/": Row("/preps/{prep}/series/", readers(Expect(302, "/groups/"))),
    "preps/<int:pk>/meeting.ics": Row("/preps/{prep}/meeting.ics", readers(), owner_sees_own_words=True),
    # The work group (issue 26): its page for anyone who may open one of its meetings (those alone), its
    # details and team for its owner alone.
    "groups/<int:pk>/": Row("/groups/{work_group}/", readers(), owner_sees_own_words=True),
    "groups/<int:pk>/edit/": Row("/groups/{work_group}/edit/", owners_only(), owner_sees_own_words=True),
    "groups/<int:pk>/team/": Row("/groups/{work_group}/team/", owners_only(), owner_sees_own_words=True),
    "groups/<int:pk>/team/<int:membership_id>/role/": Row(
        "/groups/{work_group}/team/{membership}/role/",
        owners_only(owner=Expect(302, "/groups/")),
        method="post",
        data={"role": "commenter"},
    ),
    "groups/<int:pk>/team/<int:membership_id>/remove/": Row(
        "/groups/{work_group}/team/{membership}/remove/",
        owners_only(owner=Expect(302, "/groups/")),
        method="post",
    ),
    "groups/<int:pk>/team/invitations/<int:invitation_id>/cancel/": Row(
        "/groups/{work_group}/team/invitations/{team_invitation}/cancel/",
        owners_only(owner=Expect(302, "/groups/")),
        method="post",
    ),
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
    # Asking the invited people (asks): the owner and editors; the invitee page without a link in the session
    # is "this link is not known" for anyone, and the e-mailed link moves its token to the session.
    "preps/<int:pk>/ask/": Row("/preps/{prep}/ask/", writers(), owner_sees_own_words=True),
    "preps/<int:pk>/ask/links/<int:link_id>/remind/": Row(
        "/preps/{prep}/ask/links/{ask_link}/remind/", writers(Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/ask/links/<int:link_id>/withdraw/": Row(
        "/preps/{prep}/ask/links/{ask_link}/withdraw/", writers(Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/ask/links/<int:link_id>/renew/": Row(
        "/preps/{prep}/ask/links/{ask_link}/renew/", writers(), method="post"
    ),
    "preps/<int:pk>/ask/questions/<int:question_id>/accept/": Row(
        "/preps/{prep}/ask/questions/{sent_question}/accept/", writers(Expect(302, "/preps/")), method="post"
    ),
    "preps/<int:pk>/ask/questions/<int:question_id>/set-aside/": Row(
        "/preps/{prep}/ask/questions/{sent_question}/set-aside/",
        writers(Expect(302, "/preps/")),
        method="post",
    ),
    "ask/": Row("/ask/", public(Expect(404))),
    "ask/<str:token>/": Row("/ask/made-up-token/", public(Expect(302, "/ask/"))),
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
    # The comment is the prep's commenter's: she and the owner remove it (the page that asks first, without
    # JavaScript); any other colleague, the team's commenter too, gets 403. Undo: nothing to undo (404) for
    # those who may comment.
    "preps/<int:pk>/comments/<int:comment_id>/remove/": Row(
        "/preps/{prep}/comments/{comment}/remove/",
        {**_one_prep(OK, ("commenter",)), "team-commenter": FORBIDDEN},
        owner_sees_own_words=True,
    ),
    "preps/<int:pk>/comments/<int:comment_id>/undo-remove/": Row(
        "/preps/{prep}/comments/{comment}/undo-remove/", commenters(owner=NOT_FOUND), method="post"
    ),
    "preps/<int:pk>/answers/<slug:question_key>/history/": Row(
        "/preps/{prep}/answers/{answered_question}/history/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/answers/<slug:question_key>/history/<int:revision_id>/restore/": Row(
        "/preps/{prep}/answers/{answered_question}/history/{revision}/restore/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
    ),
    # Every kept change of a person, an expected question and the brief (issue 25): one history page each
    "preps/<int:pk>/people/<int:person_id>/history/": Row(
        "/preps/{prep}/people/{person}/history/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/people/<int:person_id>/history/<int:revision_id>/restore/": Row(
        "/preps/{prep}/people/{person}/history/{person_revision}/restore/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/history/": Row(
        "/preps/{prep}/expected/{expected}/history/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/expected/<int:expected_question_id>/history/<int:revision_id>/restore/": Row(
        "/preps/{prep}/expected/{expected}/history/{expected_revision}/restore/",
        writers(owner=Expect(302, "/preps/")),
        method="post",
    ),
    "preps/<int:pk>/brief/history/": Row(
        "/preps/{prep}/brief/history/", writers(), owner_sees_own_words=True
    ),
    "preps/<int:pk>/brief/history/<int:revision_id>/restore/": Row(
        "/preps/{prep}/brief/history/{brief_revision}/restore/",
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


def fill_prep(prep, word_set):
    title, program, city, answer = word_set
    prep.meeting_title, prep.program_name, prep.jurisdiction = f"{title} meeting", program, city
    prep.save()
    for question in prep.worksheet.questions.order_by("position")[:2]:
        answer_save(prep=prep, question=question, text=f"{answer} {question.position}", base_version=0)


def _asked(prep, stakeholder, owner):
    """The roster person asked for questions (a link open for a week), one question they sent, and a token
    of their link (the checkers open the invitee page with it)."""
    stakeholder.person.email = "asked@example.org"
    stakeholder.person.save()
    (link,) = request_send(
        prep=prep,
        author=owner,
        message="",
        closes_on=group_today(prep) + timedelta(days=7),
        stakeholder_ids=[stakeholder.pk],
        link_base="http://testserver",
    )
    SentQuestion.objects.create(link=link, text="Is it safe?", may_name_me=True)
    return link, link.questions.get(), link_renew(link=link)  # a live token for the invitee page


def world_build() -> dict:
    worksheet = seed_worksheet()
    owner, outsider = user_create("olivia"), user_create("oscar")
    staff = user_create("stella", is_staff=True, is_superuser=True)
    prep = prep_create(owner=owner, worksheet=worksheet, meeting_title="-")
    fill_prep(prep, OWNER_WORDS)
    colleagues = {role: user_create(f"{role}-colleague", email_verified=True) for role in COLLEAGUES}
    shares = {role: share_create(prep=prep, user=user, role=role) for role, user in colleagues.items()}
    group = prep.work_group
    group.name = f"{OWNER_WORDS[0]} work group"
    group.save()
    team = {
        f"team-{role}": membership_create(
            group=group, user=user_create(f"team-{role}-colleague", email_verified=True), role=role
        )
        for role in COLLEAGUES
    }
    team_invitation = work_group_invitation_send(
        group=group, email="team@example.org", role="editor", invited_by=owner, link_base="http://testserver"
    )
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
    # A person and an expected question with one kept version each, at version 1 (the save rows post it).
    person = stakeholder_create(prep=prep, name=f"{OWNER_WORDS[0]} person")
    now = timezone.now()
    StakeholderRevision.objects.create(
        stakeholder=person, field="stance", value="neutral", author=owner, started_at=now, saved_at=now
    )
    expected = expected_question_create(prep=prep, text=f"{OWNER_WORDS[3]} expected")
    expected_question_history_record(expected, author=owner)
    brief = brief_ensure(prep=prep)
    ask_link, sent_question, ask_token = _asked(prep, person, owner)
    return {
        "users": {"anonymous": None, "other": outsider, "owner": owner, "staff": staff, "revoked": revoked}
        | colleagues
        | {role: membership.user for role, membership in team.items()},
        "paths": {
            "prep": prep.pk,
            "person": person.pk,
            "person_revision": person.revisions.get().pk,
            "directory_person": person_create(
                work_group=prep.work_group, name=f"{OWNER_WORDS[0]} colleague"
            ).pk,
            "expected": expected.pk,
            "expected_revision": expected.revisions.get().pk,
            "agenda_item": brief.agenda.first().pk,
            "brief_revision": BriefRevision.objects.get(brief=brief).pk,
            "ask_link": ask_link.pk,
            "sent_question": sent_question.pk,
            "ask_token": ask_token,
            "decision": outcome_row_add(
                prep=prep, kind_name="decision", changes={"text": f"{OWNER_WORDS[3]} decision"}
            ).pk,
            "unanswered_question": worksheet.questions.get(position=3).key,
            "answered_question": worksheet.questions.get(position=1).key,
            "revision": AnswerRevision.objects.get(answer__prep=prep, answer__question__position=1).pk,
            "share": shares["viewer"].pk,
            "invitation": invitation.pk,
            "work_group": group.pk,
            "membership": team["team-viewer"].pk,
            "team_invitation": team_invitation.pk,
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
