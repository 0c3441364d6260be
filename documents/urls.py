from django.urls import path

from . import views
from .fillable import views as fillable

urlpatterns = [
    path("preps/<int:pk>/pdf/", views.prep_pdf, name="prep_pdf"),
    path("preps/<int:pk>/docx/", views.prep_docx, name="prep_docx"),
    path("preps/<int:pk>/brief/pdf/", views.prep_brief_pdf, name="prep_brief_pdf"),
    path("preps/<int:pk>/brief/docx/", views.prep_brief_docx, name="prep_brief_docx"),
    path("preps/<int:pk>/meeting.ics", views.prep_ics_download, name="prep_ics"),
    # The fillable PDF and its import (documents/fillable/, issue 16)
    path("preps/<int:pk>/fillable/pdf/", fillable.prep_pdf_fillable, name="prep_pdf_fillable"),
    path("preps/<int:pk>/import/", fillable.prep_import, name="prep_import"),
    path("preps/<int:pk>/import/preview/", fillable.prep_import_preview, name="prep_import_preview"),
]
