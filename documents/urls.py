from django.urls import path

from . import views

urlpatterns = [
    path("preps/<int:pk>/pdf/", views.prep_pdf, name="prep_pdf"),
    path("preps/<int:pk>/docx/", views.prep_docx, name="prep_docx"),
    path("preps/<int:pk>/brief/pdf/", views.prep_brief_pdf, name="prep_brief_pdf"),
    path("preps/<int:pk>/brief/docx/", views.prep_brief_docx, name="prep_brief_docx"),
]
