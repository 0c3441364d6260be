"""The admin's user and group pages: the e-mail checks of accounts.forms, the verified addresses shown.

Groups and permissions are check boxes, not Django's two-list filter (its script makes labels that point at
missing ids and help icons named without a role: issue 28, B1), and the sign-in dates are read-only text, not
split date and time boxes without labels.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.forms import CheckboxSelectMultiple

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
admin.site.unregister(Group)
CHECK_BOXES = {models.ManyToManyField: {"widget": CheckboxSelectMultiple}}


@admin.register(User)
class AccountUserAdmin(UserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "password1", "password2")}),
    )
    inlines = (EmailAddressInline, ProviderIdentityInline)
    filter_horizontal = ()
    formfield_overrides = CHECK_BOXES
    readonly_fields = ("last_login", "date_joined")


@admin.register(Group)
class AccountGroupAdmin(GroupAdmin):
    filter_horizontal = ()
    formfield_overrides = CHECK_BOXES
