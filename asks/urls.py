from django.urls import path

from .views import director, invitee

urlpatterns = [
    path("preps/<int:pk>/ask/", director.ask, name="ask"),
    path("preps/<int:pk>/ask/links/<int:link_id>/remind/", director.link_remind, name="ask_link_remind"),
    path(
        "preps/<int:pk>/ask/links/<int:link_id>/withdraw/", director.link_withdraw, name="ask_link_withdraw"
    ),
    path("preps/<int:pk>/ask/links/<int:link_id>/renew/", director.link_renew, name="ask_link_renew"),
    path(
        "preps/<int:pk>/ask/questions/<int:question_id>/accept/", director.question_accept, name="ask_accept"
    ),
    path(
        "preps/<int:pk>/ask/questions/<int:question_id>/set-aside/",
        director.question_set_aside,
        name="ask_set_aside",
    ),
    path("ask/", invitee.ask_page, name="ask_page"),
    path("ask/<str:token>/", invitee.ask_open, name="ask_open"),
]
