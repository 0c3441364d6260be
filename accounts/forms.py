"""The account forms: sign-up, sign-in, the password check before an account is deleted, the admin's user
forms."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import AuthenticationForm, UserChangeForm, UserCreationForm

from core.users import validate_person_name

from . import selectors


class SignupForm(forms.Form):
    """The address and the name; the password is chosen through the link e-mailed to the address.

    No username: it is derived (accounts.services.username_derive), so the form has nothing that could be
    "already taken", and no error here depends on which accounts exist (issue 13, point 8).
    """

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We send a link there to choose your password; you sign in with this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        required=False,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        help_text="Your name appears as “prepared by” on your PDFs.",
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        required=False,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {
            "novalidate": ""
        }  # the server's errors, beside each field, as on every form here
        self.helper.add_input(Submit("submit", "Create account"))

    def clean_email(self) -> str:
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())


class NameForm(forms.Form):
    """The account page's name: how colleagues see her, and who the e-mails she sends say they are from."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        required=False,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        required=False,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    title = forms.CharField(
        label="Your title, as your meeting briefs print it (for example “Director, CARE Program”)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact = forms.CharField(
        label="How to reach you, as your meeting briefs print it (e-mail or phone)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for its password: a session left open on a shared computer is not enough."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # An account made by single sign-on has no password: its owner types its address instead.
            self.fields["password"] = forms.CharField(
                label="Your e-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
            )

    def clean_password(self):
        typed = self.cleaned_data["password"]
        if not self.user.has_usable_password():
            if not self.user.email or typed.strip().lower() != self.user.email.lower():
                raise forms.ValidationError("That is not your account's e-mail address. Nothing was deleted.")
        elif not self.user.check_password(typed):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return typed


class LoginForm(AuthenticationForm):
    """Django's login form, its one name field taking the e-mail address or the username."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail address or username"
        self.fields["username"].max_length = 320
        self.fields["username"].widget.attrs["maxlength"] = 320


def email_taken_error(email: str, *, instance=None) -> forms.ValidationError | None:
    """The admin's check that no other account uses ``email`` (any case); the database refuses it too."""
    other = selectors.user_with_email(email)
    if other is not None and (instance is None or other.pk != instance.pk):
        return forms.ValidationError("Another account already uses this e-mail address.", code="unique")
    return None


class AdminUserChangeForm(UserChangeForm):
    """The admin's user form, refusing an address another account has (staff may know who has an account;
    sign-up never says) and a name that could not go into an e-mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].validators.append(validate_person_name)

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data.get("email", "").strip())
        if error := email_taken_error(email, instance=self.instance):
            raise error
        return email


class AdminUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data.get("email", "").strip())
        if error := email_taken_error(email):
            raise error
        return email
