"""The brief page is one form (``brief.html``): the meeting's details, which private blocks to include, which
FAQ entries, the agenda's items and a new one, with the brief's one ``version``. The Django forms here draw
its parts; ``brief_changes_parse`` reads what a post changes, for the page and for its script alike (the
script sends only the fields that changed). The agenda item's own edit page is ``AgendaItemForm``."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Hidden, Submit
from django import forms
from django.core.exceptions import ValidationError

from core.ids import VERSION_MAX, parse_id, parse_version

from .models import PRIVATE_BLOCKS, AgendaItem, MeetingBrief
from .services import AGENDA_FIELDS, BRIEF_DETAILS, BriefChanges


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=0, max_value=VERSION_MAX, widget=forms.HiddenInput)


def _parts() -> FormHelper:
    """A part of the page's one form: its fields only (no <form>, no button of its own)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _helper(action: str, submit_label: str, *, form_action: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_action = form_action
    helper.add_input(Hidden("action", action))
    helper.add_input(Submit("submit", submit_label, css_class="btn-primary"))
    return helper


class BriefDetailsForm(forms.ModelForm):
    class Meta:
        model = MeetingBrief
        fields = ["start_time", "place", "purpose", "desired_outcome", "primer"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
            "primer": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"start_time": "Start time", "primer": "Program primer"}
        help_texts = {
            "place": "For example “City Hall, room 204” or a video link.",
            "purpose": "Why you are meeting, in a sentence or two.",
            "desired_outcome": "What you hope the group agrees to by the end.",
            "primer": (
                "A short primer on your program and how it would work, printed as written. "
                "Lines starting with “- ” become a list."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _parts()
        group = self.instance.prep.work_group
        self.fields["start_time"].help_text = (
            f"Where the work group meets: {group.zone_abbreviation(self.instance.prep.meeting_date)} "
            f"({group.time_zone.replace('_', ' ')}), for everyone and in the calendar event."
        )


class BlocksForm(forms.Form):
    """The private blocks: each off until she ticks it."""

    def __init__(self, *args, brief: MeetingBrief, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in PRIVATE_BLOCKS.items():
            self.fields[name] = forms.BooleanField(
                label=f"Include {label}", required=False, initial=getattr(brief, name)
            )
        self.helper = _parts()

    def included(self) -> set[str]:
        return {name for name in PRIVATE_BLOCKS if self.cleaned_data.get(name)}


class FaqForm(forms.Form):
    faq = forms.TypedMultipleChoiceField(
        label="FAQ entries in the brief",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Entries you linked to an expected question (question 4) are ticked to start with.",
    )

    def __init__(self, *args, entries, chosen: frozenset[int], linked: frozenset[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faq"].choices = [
            (entry.pk, entry.question + (" (linked to an expected question)" if entry.pk in linked else ""))
            for entry in entries
        ]
        self.fields["faq"].initial = sorted(chosen)
        self.helper = _parts()


class AgendaItemForm(forms.ModelForm):
    version = _version_field()

    class Meta:
        model = AgendaItem
        fields = ["title", "minutes", "lead", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"minutes": "Minutes", "lead": "Led by"}
        help_texts = {"minutes": "How long, in minutes (the brief adds up the times from the start time)."}

    def __init__(self, *args, version: int | None, submit_label: str = "", **kwargs):
        """With a ``version`` and a ``submit_label``: the item's own edit page. Without: the new item of the
        brief page, a part of its form, not saved by the page's script until a button posts the form (kept in
        the browser as a draft until then)."""
        super().__init__(*args, **kwargs)
        if version is None:
            del self.fields["version"]
            for field in self.fields.values():
                field.widget.attrs |= {"data-row-ignore": "", "data-row-draft": ""}
            self.helper = _parts()
        else:
            self.fields["version"].initial = version
            self.helper = _helper("edit", submit_label)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


ITEM_FIELD = re.compile(r"^item-(?P<pk>[0-9]{1,10})-(?P<name>" + "|".join(AGENDA_FIELDS) + ")$")
TICKED = {"on", "1", "true", "yes"}
NO_NUMBER = "This form names no agenda item or brief version it can use. Reload the page."


def brief_version_parse(data) -> int:
    version = parse_version(data.get("version"))
    if version is None:
        raise ValidationError(NO_NUMBER, code="bad_version")
    return version


def _cleaned(model, name: str, raw: str, key: str, errors: dict):
    try:
        return model._meta.get_field(name).formfield().clean(raw)
    except ValidationError as error:
        errors[key] = error.messages
        return None


def brief_changes_parse(data) -> BriefChanges:
    """The fields a post of the brief page names, parsed; absent ones are left as they are. A ticked box
    posts "on" after its hidden blank (the last value counts), and the FAQ choice a blank before the ticked
    ids, so a form that carries a box always says whether it is ticked. ValidationError keyed by field."""
    errors: dict[str, list[str]] = {}
    details = {
        name: _cleaned(MeetingBrief, name, data[name], name, errors) for name in BRIEF_DETAILS if name in data
    }
    blocks = {name: data.get(name, "").lower() in TICKED for name in PRIVATE_BLOCKS if name in data}
    faq = None
    if "faq" in data:
        ids = [parse_id(value) for value in data.getlist("faq") if value]
        if None in ids:
            errors["faq"] = ["Choose FAQ entries from the list."]
        else:
            faq = frozenset(ids)
    items: dict[int, dict] = {}
    for key in data:
        match = ITEM_FIELD.match(key)
        if match:
            value = _cleaned(AgendaItem, match["name"], data[key], key, errors)
            items.setdefault(int(match["pk"]), {})[match["name"]] = value
    if errors:
        raise ValidationError(errors)
    return BriefChanges(details=details, blocks=blocks, faq=faq, items=items)
