"""The brief page's forms (no JavaScript): the meeting's details, which private blocks to include, which FAQ
entries, and one agenda item. Each posts the brief's ``version`` it was shown and an ``action`` naming it."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Hidden, Submit
from django import forms

from core.ids import VERSION_MAX

from .models import PRIVATE_BLOCKS, AgendaItem, MeetingBrief


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(min_value=0, max_value=VERSION_MAX, widget=forms.HiddenInput)


def _helper(action: str, submit_label: str, *, form_action: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_action = form_action
    helper.add_input(Hidden("action", action))
    helper.add_input(Submit("submit", submit_label, css_class="btn-primary"))
    return helper


class BriefDetailsForm(forms.ModelForm):
    version = _version_field()

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
        self.fields["version"].initial = self.instance.version
        self.helper = _helper("details", "Save details")


class BlocksForm(forms.Form):
    """The private blocks: each off until she ticks it."""

    version = _version_field()

    def __init__(self, *args, brief: MeetingBrief, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = brief.version
        for name, label in PRIVATE_BLOCKS.items():
            self.fields[name] = forms.BooleanField(
                label=f"Include {label}", required=False, initial=getattr(brief, name)
            )
        self.helper = _helper("blocks", "Save what to include")

    def included(self) -> set[str]:
        return {name for name in PRIVATE_BLOCKS if self.cleaned_data.get(name)}


class FaqForm(forms.Form):
    version = _version_field()
    faq = forms.TypedMultipleChoiceField(
        label="FAQ entries in the brief",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Entries you linked to an expected question (question 4) are ticked to start with.",
    )

    def __init__(
        self, *args, version: int, entries, chosen: frozenset[int], linked: frozenset[int], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        self.fields["faq"].choices = [
            (entry.pk, entry.question + (" (linked to an expected question)" if entry.pk in linked else ""))
            for entry in entries
        ]
        self.fields["faq"].initial = sorted(chosen)
        self.helper = _helper("faq", "Save FAQ choice")


class AgendaItemForm(forms.ModelForm):
    version = _version_field()

    class Meta:
        model = AgendaItem
        fields = ["title", "minutes", "lead", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"minutes": "Minutes", "lead": "Led by"}
        help_texts = {"minutes": "How long, in minutes (the brief adds up the times from the start time)."}

    def __init__(
        self, *args, version: int, action: str = "add", submit_label: str = "Add to the agenda", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version
        self.helper = _helper(action, submit_label)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
