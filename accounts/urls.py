from django.contrib.auth import urls as auth_urls
from django.urls import include, path

from . import views

# Django's account pages we replace below
OURS = ("login", "logout", "password_reset", "password_reset_confirm", "password_change")

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/done/", views.signup_done, name="signup_done"),
    path("accounts/welcome/<uidb64>/<token>/", views.SignupConfirmView.as_view(), name="signup_confirm"),
    path("accounts/verify/<uidb64>/<token>/", views.email_verify, name="email_verify"),
    # Our login form takes the e-mail address or the username and offers single sign-on; our password reset
    # form limits how often a link can be asked for; with SSO_ONLY the password pages answer 404.
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.logout, name="logout"),
    path("accounts/password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include([p for p in auth_urls.urlpatterns if p.name not in OURS])),
    path("account/", views.account, name="account"),
    path("account/export/", views.account_export, name="account_export"),
    path("account/verify-email/", views.email_verify_send, name="email_verify_send"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("account/time-zone/", views.time_zone_save, name="time_zone_save"),
    path("account/name/", views.account_name_save, name="account_name_save"),
]
