"""The two addresses of the sign-in through the identity provider, under the names mozilla-django-oidc
reverses (its own URLconf also has a logout view; prepmeet's sign-out is accounts.views.logout)."""

from django.urls import path

from .sso_views import SignInCallback, SignInStart

urlpatterns = [
    path("authenticate/", SignInStart.as_view(), name="oidc_authentication_init"),
    path("callback/", SignInCallback.as_view(), name="oidc_authentication_callback"),
]
