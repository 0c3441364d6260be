from django.urls import path

from . import views

urlpatterns = [
    path("preps/<int:pk>/pdf/", views.prep_pdf, name="prep_pdf"),
]
