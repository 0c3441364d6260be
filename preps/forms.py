"""The forms of a meeting prep: its details, every answer at once (no JavaScript), one answer (autosave)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms
from django.conf import settings

from accounts.time_zones import time_zone_names
from core.ids import VERSION_MAX
from core.text import TypedTextField
from worksheets.models import Question
from worksheets.selectors import published_worksheets

from .models import MeetingPrep, WorkGroup


class MeetingPrepForm(forms.ModelForm):
    """The meeting's details. On create it also asks which worksheet, when more than one is published."""

    class Meta:
        model = MeetingPrep
        fields = ["worksheet", "meeting_title", "meeting_date", "program_name", "jurisdiction"]
        widgets = {"meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "meeting_title": "For example “First public safety work group”.",
            "program_name": "Your alternative response program.",
        }

    def __init__(
        self, *args, submit_label="Save", work_groups=(), time_zone="", browser_zone=False, **kwargs
    ):
        """On create, ``work_groups`` (the owner's) are offered beside a new group, and a new group's time
        zone is asked, ``time_zone`` chosen first; ``browser_zone``: the page proposes the browser's."""
        super().__init__(*args, **kwargs)
        published = published_worksheets()
        if self.instance.pk or published.count() <= 1:
            del self.fields["worksheet"]
        else:
            self.fields["worksheet"].queryset = published
            self.fields["worksheet"].empty_label = None
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label))
        if not self.instance.pk:
            self._work_group_fields(list(work_groups), time_zone, browser_zone)

    def _work_group_fields(self, work_groups: list[WorkGroup], time_zone: str, browser_zone: bool) -> None:
        self.work_groups = {str(group.pk): group for group in work_groups}
        if work_groups:
            self.fields["work_group"] = forms.ChoiceField(
                label="Work group",
                choices=[(NEW_WORK_GROUP, "A new work group")]
                + [(str(group.pk), group.name) for group in work_groups],
                required=False,
                help_text="The group of stakeholders this meeting is with. A one-off meeting is a new work "
                "group of one.",
            )
        attrs = {"data-from-browser": "", "aria-describedby": "time-zone-browser"} if browser_zone else {}
        self.fields["time_zone"] = forms.ChoiceField(
            label="Time zone of a new work group",
            choices=[(name, name.replace("_", " ")) for name in time_zone_names()],
            initial=time_zone,
            required=False,  # left out: the owner's chosen zone, else the site's
            help_text="Where its meetings happen: their times are shown in this zone for everyone.",
            widget=forms.Select(attrs=attrs),
        )
        names = [name for name in self.fields if name not in ("work_group", "time_zone")]
        note = (
            '<p class="small text-body-secondary" id="time-zone-browser" hidden>Suggested from your '
            "browser: change it if the meetings happen elsewhere.</p>"
        )
        self.helper.layout = Layout(
            *(["work_group"] if work_groups else []),
            *names,
            "time_zone",
            *([HTML(note)] if browser_zone else []),
        )

    def chosen_work_group(self) -> WorkGroup | None:
        """The existing group chosen, or None for a new one."""
        return self.work_groups.get(self.cleaned_data.get("work_group") or NEW_WORK_GROUP)


NEW_WORK_GROUP = ""


# Answer.version is a PositiveIntegerField: a bigger "version" is not stale, it is nonsense (and PostgreSQL
# would refuse to compare it).


def answer_field_name(question: Question) -> str:
    return f"answer_{question.key}"


def version_field_name(question: Question) -> str:
    return f"version_{question.key}"


def answer_text_field(label: str = "Answer", **kwargs) -> forms.CharField:
    return TypedTextField(
        label=label,
        label_in_message="This answer",
        **kwargs,
        required=False,
        strip=False,  # keep exactly what the user typed, trailing newline included
        max_length=settings.ANSWER_MAX_CHARS,
        error_messages={
            "max_length": (
                f"This answer is longer than the {settings.ANSWER_MAX_CHARS:,}-character limit "
                "(it has %(show_value)s characters). Shorten it, or split it across questions."
            ),
            "null_characters_not_allowed": "This answer has a character that can’t be saved (a null byte).",
        },
    )


class AnswersForm(forms.Form):
    """Every answer of a prep in one form: the page's no-JavaScript Save button posts this."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            answer = answers.get(question.pk)
            self.fields[answer_field_name(question)] = answer_text_field(
                question.answer_label,
                initial=answer.text if answer else "",
                widget=forms.Textarea(attrs={"rows": 8, "aria-describedby": f"status-{question.key}"}),
            )
            self.fields[version_field_name(question)] = forms.IntegerField(
                min_value=0,
                max_value=VERSION_MAX,
                initial=answer.version if answer else 0,
                widget=forms.HiddenInput,
            )

    def clean(self):
        # The versions are hidden fields, so their own errors would show nowhere: say it above the form.
        if any(version_field_name(question) in self.errors for question in self.questions):
            raise forms.ValidationError(
                "This page sent a missing or unreadable answer version, so nothing was saved. Copy your "
                "text, reload the page and paste it back."
            )
        return super().clean()

    def changed_answers(self):
        """(question, text, base version) for each answer whose text differs from what the page was given.

        A box missing from the post (a truncated or hand-made request) is left alone, not emptied.
        """
        for question in self.questions:
            name = answer_field_name(question)
            if name in self.changed_data and name in self.data:
                yield question, self.cleaned_data[name], self.cleaned_data[version_field_name(question)]


class AnswerAutosaveForm(forms.Form):
    """One answer, posted by the page's autosave script."""

    text = answer_text_field()
    version = forms.IntegerField(
        min_value=0,
        max_value=VERSION_MAX,
        error_messages={"required": "The answer’s version is missing.", "invalid": "Bad version."},
    )

    def clean(self):
        # An empty answer is a real answer (the user cleared the box); a missing one would wipe it by mistake.
        if "text" not in self.data:
            raise forms.ValidationError("The answer’s text is missing.")
        return super().clean()


class WorkGroupForm(forms.ModelForm):
    """A work group's details: its name, program, city and the time zone its meetings happen in."""

    class Meta:
        model = WorkGroup
        fields = ["name", "program_name", "jurisdiction", "time_zone"]
        labels = {"name": "Name of the work group", "program_name": "Program", "time_zone": "Time zone"}
        help_texts = {"name": "For example “Public Safety Work Group”."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(
            label="Time zone",
            choices=[(name, name.replace("_", " ")) for name in time_zone_names()],
            help_text="Where its meetings happen: their times are shown in this zone, for everyone.",
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save the work group"))
