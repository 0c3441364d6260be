from django.urls import path

from . import views

urlpatterns = [
    path("preps/<int:pk>/pdf/", views.prep_pdf, name="prep_pdf"),
    path("preps/<int:pk>/docx/", views.prep_docx, name="prep_docx"),
]
