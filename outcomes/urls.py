from django.urls import path

from .views import record, series

urlpatterns = [
    path("preps/<int:pk>/outcome/", record.outcome_record, name="outcome_record"),
    path("preps/<int:pk>/outcome/<slug:kind>/new/", record.outcome_row_new, name="outcome_row_new"),
    path(
        "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/save/",
        record.outcome_row_save_view,
        name="outcome_row_save",
    ),
    path(
        "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/remove/",
        record.outcome_row_remove_view,
        name="outcome_row_remove",
    ),
    path(
        "preps/<int:pk>/outcome/<slug:kind>/<int:row_id>/undo-remove/",
        record.outcome_row_undo,
        name="outcome_row_undo",
    ),
    path("preps/<int:pk>/next/", series.series_next, name="series_next"),
    path("preps/<int:pk>/series/", series.series_page, name="series_page"),
    path("groups/<int:pk>/", series.work_group_page, name="work_group"),
]
