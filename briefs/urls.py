from django.urls import path

from . import views

urlpatterns = [
    path("preps/<int:pk>/brief/", views.prep_brief, name="prep_brief"),
    path("preps/<int:pk>/brief/save/", views.brief_autosave, name="brief_autosave"),
    path("preps/<int:pk>/brief/history/", views.brief_history, name="brief_history"),
    path(
        "preps/<int:pk>/brief/history/<int:revision_id>/restore/",
        views.brief_revision_restore,
        name="brief_restore",
    ),
    path("preps/<int:pk>/brief/agenda/<int:item_id>/", views.agenda_item_edit, name="agenda_item_edit"),
]
