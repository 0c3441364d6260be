"""The admin's user pages with the e-mail checks of accounts.forms, and the verified addresses shown."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import EmailAddress, ProviderIdentity


class EmailAddressInline(admin.StackedInline):
    model = EmailAddress
    can_delete = True
    extra = 0
    max_num = 1
    readonly_fields = ("verified_email", "verified_at")
    verbose_name = "verified e-mail address"

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # only the owner of the address verifies it, by its link


class ProviderIdentityInline(admin.TabularInline):
    """Who the user is at an identity provider: read-only; deleting one unlinks it (the next sign-in with
    that identity links again by a verified address, or makes a new account)."""

    model = ProviderIdentity
    can_delete = True
    extra = 0
    fields = readonly_fields = ("issuer", "subject", "created_at", "last_sign_in_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # only a sign-in through the provider proves an identity


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountUserAdmin(UserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),
    )
    inlines = (EmailAddressInline, ProviderIdentityInline)
