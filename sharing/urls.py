from django.urls import path

from .views import accept, comments, manage, team

urlpatterns = [
    path("preps/<int:pk>/sharing/", manage.sharing_page, name="sharing"),
    path("preps/<int:pk>/sharing/<int:share_id>/role/", manage.share_role_change, name="share_role"),
    path("preps/<int:pk>/sharing/<int:share_id>/revoke/", manage.share_revoke, name="share_revoke"),
    path(
        "preps/<int:pk>/sharing/invitations/<int:invitation_id>/cancel/",
        manage.invitation_cancel,
        name="invitation_cancel",
    ),
    path("groups/<int:pk>/team/", team.team_page, name="work_group_team"),
    path(
        "groups/<int:pk>/team/<int:membership_id>/role/", team.membership_role_change, name="membership_role"
    ),
    path(
        "groups/<int:pk>/team/<int:membership_id>/remove/", team.membership_remove, name="membership_remove"
    ),
    path(
        "groups/<int:pk>/team/invitations/<int:invitation_id>/cancel/",
        team.team_invitation_cancel,
        name="team_invitation_cancel",
    ),
    path("invitations/accept/", accept.invitation_accept, name="invitation_accept"),
    path("invitations/<str:token>/", accept.invitation_open, name="invitation_open"),
    path("preps/<int:pk>/comments/", comments.comment_create, name="comment_create"),
    path(
        "preps/<int:pk>/comments/<int:comment_id>/resolve/", comments.comment_resolve, name="comment_resolve"
    ),
]
