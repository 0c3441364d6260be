from django.urls import path

from .views import accounts, autosave, pages, pdf, preps

urlpatterns = [
    path("", pages.home, name="home"),
    path("faq/", pages.faq, name="faq"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("account/", accounts.account, name="account"),
    path("account/export/", accounts.account_export, name="account_export"),
    path("account/delete/", accounts.account_delete, name="account_delete"),
    path("preps/", preps.dashboard, name="dashboard"),
    path("preps/new/", preps.prep_new, name="prep_create"),
    path("preps/<int:pk>/", preps.prep_fill, name="prep_fill"),
    path("preps/<int:pk>/details/", preps.prep_edit, name="prep_edit"),
    path("preps/<int:pk>/copy/", preps.prep_copy, name="prep_copy"),
    path("preps/<int:pk>/delete/", preps.prep_delete, name="prep_delete"),
    path("preps/<int:pk>/answers/<int:question_id>/", autosave.answer_autosave, name="answer_autosave"),
    path("preps/<int:pk>/pdf/", pdf.prep_pdf, name="prep_pdf"),
]
