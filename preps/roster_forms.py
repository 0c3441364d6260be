"""The no-JavaScript forms of the stakeholder roster: add a person, edit one person's row on its version."""

from django import forms
from django.db import models

from .models import Stakeholder
from .models.roster import STAKEHOLDER_TEXT_MAX

ROW_FIELDS = ("name", "role", "organisation", "kind", "invite")
DETAIL_FIELDS = ("expertise", "what_matters", "concerns", "influence", "stance")
LABELS = {
    "name": "Name",
    "role": "Title or role",
    "organisation": "Agency or organisation",
    "kind": "Kind of stakeholder",
    "invite": "This meeting",
    "expertise": "Expertise, data or authority they bring (question 2)",
    "what_matters": "What matters to them (question 3)",
    "concerns": "Their likely concerns (question 3)",
    "influence": "Influence",
    "stance": "Stance on the program",
}


def _field(name: str) -> forms.Field:
    model_field = Stakeholder._meta.get_field(name)
    if model_field.choices:
        return forms.ChoiceField(label=LABELS[name], choices=model_field.choices, required=False)
    if isinstance(model_field, models.TextField):
        return forms.CharField(
            label=LABELS[name],
            required=False,
            max_length=STAKEHOLDER_TEXT_MAX,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return forms.CharField(
        label=LABELS[name], required=name == "name", max_length=model_field.max_length, strip=name == "name"
    )


class StakeholderAddForm(forms.Form):
    """Question 1's row: who, and whether to invite them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROW_FIELDS:
            self.fields[name] = _field(name)
        self.fields["kind"].initial = Stakeholder.Kind.OTHER
        self.fields["invite"].initial = Stakeholder.Invite.INVITE
        self.fields["kind"].required = self.fields["invite"].required = True

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ROW_FIELDS}


class StakeholderEditForm(forms.Form):
    """Every field of one person, and the version the page showed (a save from an older one is a conflict)."""

    version = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={
            key: "This page sent no valid version of the person's row. Reload the page and edit again."
            for key in ("required", "invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args, person: Stakeholder, **kwargs):
        initial = {name: getattr(person, name) for name in ROW_FIELDS + DETAIL_FIELDS}
        initial["version"] = person.version
        super().__init__(*args, initial=initial, **kwargs)
        for name in ROW_FIELDS + DETAIL_FIELDS:
            self.fields[name] = _field(name)
        self.fields["kind"].required = self.fields["invite"].required = True
        self.person = person

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from what the page showed."""
        return {
            name: self.cleaned_data[name]
            for name in ROW_FIELDS + DETAIL_FIELDS
            if self.cleaned_data[name] != self.initial[name]
        }


class StakeholderAutosaveForm(forms.Form):
    """One autosave of one person (the page's script, js/saver.js): the version the page showed and the
    changed fields, by name. The values are checked by ``services.stakeholder_update`` (one rule for every
    way in); this form checks the version and that each name is a field of a person."""

    version = forms.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            key: "This page sent no valid version of the person's row. Reload the page and try again."
            for key in ("required", "invalid", "min_value", "max_value")
        },
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.posted = {name: data[name] for name in data if name not in ("version", "csrfmiddlewaretoken")}

    def clean(self):
        unknown = sorted(set(self.posted) - set(ROW_FIELDS + DETAIL_FIELDS))
        if unknown:
            raise forms.ValidationError(f"Not a field of a person on the roster: {', '.join(unknown)}.")
        if not self.posted:
            raise forms.ValidationError("Nothing to save: send the changed field with the version.")
        return super().clean()

    def changes(self) -> dict[str, str]:
        return dict(self.posted)


class StakeholderMoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", "Move up"), ("down", "Move down")],
        error_messages={
            "required": "Say which way to move: up or down.",
            "invalid_choice": "Move up or down.",
        },
    )

    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
