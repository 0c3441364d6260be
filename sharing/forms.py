from django import forms

from .models import COMMENT_MAX, Role


class InviteForm(forms.Form):
    email = forms.EmailField(label="Colleague's e-mail address", max_length=254)
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class CommentForm(forms.Form):
    comment = forms.CharField(max_length=COMMENT_MAX, strip=True)
    question = forms.SlugField(required=False, max_length=50)
    person = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        data = super().clean()
        if not data.get("question") and not data.get("person"):
            raise forms.ValidationError("Choose the question or person the comment is about.")
        return data
