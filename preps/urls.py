from django.urls import path

from .views import autosave, expected, faq, history, people, preps, roster, roster_live

urlpatterns = [
    path("preps/", preps.dashboard, name="dashboard"),
    path("preps/new/", preps.prep_new, name="prep_create"),
    path("preps/<int:pk>/", preps.prep_fill, name="prep_fill"),
    path("preps/<int:pk>/details/", preps.prep_edit, name="prep_edit"),
    path("preps/<int:pk>/copy/", preps.prep_copy, name="prep_copy"),
    path("preps/<int:pk>/delete/", preps.prep_delete_confirm, name="prep_delete"),
    path("preps/<int:pk>/answers/<slug:question_key>/", autosave.answer_autosave, name="answer_autosave"),
    path(
        "preps/<int:pk>/answers/<slug:question_key>/history/",
        history.answer_history_view,
        name="answer_history",
    ),
    path(
        "preps/<int:pk>/answers/<slug:question_key>/history/<int:revision_id>/restore/",
        history.answer_revision_restore,
        name="answer_restore",
    ),
    path("preps/<int:pk>/faq-suggestions/", faq.faq_suggestions, name="faq_suggestions"),
    path("preps/<int:pk>/people/new/", roster.stakeholder_add, name="stakeholder_add"),
    path(
        "preps/<int:pk>/people/from-directory/",
        people.stakeholder_add_from_directory,
        name="stakeholder_add_from_directory",
    ),
    path("preps/<int:pk>/people/<int:person_id>/", roster.stakeholder_edit, name="stakeholder_edit"),
    path(
        "preps/<int:pk>/people/<int:person_id>/remove/", roster.stakeholder_remove, name="stakeholder_remove"
    ),
    path(
        "preps/<int:pk>/people/<int:person_id>/save/",
        roster_live.stakeholder_autosave,
        name="stakeholder_autosave",
    ),
    path(
        "preps/<int:pk>/people/<int:person_id>/move/", roster_live.stakeholder_move, name="stakeholder_move"
    ),
    path(
        "preps/<int:pk>/people/<int:person_id>/undo-remove/",
        roster_live.stakeholder_undo_remove,
        name="stakeholder_undo_remove",
    ),
    path(
        "preps/<int:pk>/people/<int:person_id>/history/",
        history.stakeholder_history,
        name="stakeholder_history",
    ),
    path(
        "preps/<int:pk>/people/<int:person_id>/history/<int:revision_id>/restore/",
        history.stakeholder_revision_restore_view,
        name="stakeholder_restore",
    ),
    path("preps/<int:pk>/power-map/", roster_live.power_map_fragment, name="power_map_fragment"),
    # A work group's people: the directory, a person's page, their engagement plan
    path("groups/<int:group_id>/people/", people.people_directory, name="people_directory"),
    path("groups/<int:group_id>/people/<int:person_id>/", people.person_detail, name="person_page"),
    path("groups/<int:group_id>/people/<int:person_id>/save/", people.person_save, name="person_save"),
    path(
        "groups/<int:group_id>/people/<int:person_id>/plan/save/",
        people.engagement_plan_save_view,
        name="engagement_plan_save",
    ),
    # Question 4: the questions the director expects
    path("preps/<int:pk>/expected/new/", expected.expected_question_add, name="expected_question_add"),
    path("preps/<int:pk>/expected/", expected.expected_question_row_create, name="expected_question_create"),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/",
        expected.expected_question_edit,
        name="expected_question_edit",
    ),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/save/",
        expected.expected_question_row_save,
        name="expected_question_save",
    ),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/move/",
        expected.expected_question_move_view,
        name="expected_question_move",
    ),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/remove/",
        expected.expected_question_remove,
        name="expected_question_remove",
    ),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/history/",
        history.expected_question_history,
        name="expected_question_history",
    ),
    path(
        "preps/<int:pk>/expected/<int:expected_question_id>/history/<int:revision_id>/restore/",
        history.expected_question_revision_restore,
        name="expected_question_restore",
    ),
]
