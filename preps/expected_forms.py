"""Question 4's forms: the no-JavaScript add and edit pages of an expected question, and the parser of the
page script's row saves (``version`` and the changed fields, as js/saver.js posts them)."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from core.ids import parse_id
from worksheets.faq_search import Suggestion
from worksheets.models import FAQEntry

from .forms import VERSION_MAX
from .models import ExpectedQuestion, Stakeholder
from .models.roster import STAKEHOLDER_TEXT_MAX
from .services import EXPECTED_LIST_FIELDS, EXPECTED_TEXT_FIELDS

VERSION_ERRORS = {
    key: "This page sent no valid version of the question. Reload the page and edit again."
    for key in ("required", "invalid", "min_value", "max_value")
}


def _text_field(label: str, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=STAKEHOLDER_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"required": "Write the question you expect."},
    )


@dataclass(frozen=True)
class OfferedEntry:
    """An FAQ entry the no-JS page offers: one linked already, or a suggestion with the words that matched."""

    entry: FAQEntry
    linked: bool
    matched: list[str]


class ExpectedQuestionForm(forms.Form):
    """One expected question: the question, who may ask it, her answer, the FAQ entries linked to it. Askers
    are the prep's people only, FAQ entries its worksheet's published ones only (anything else: a 400)."""

    text = _text_field("The question you expect", required=True)
    askers = forms.MultipleChoiceField(
        label="Who may ask it", required=False, widget=forms.CheckboxSelectMultiple
    )
    answer = _text_field("Your answer", required=False)
    faq_entries = forms.MultipleChoiceField(label="Linked FAQ answers", required=False)

    def __init__(
        self, *args, people: list[Stakeholder], entries, question: ExpectedQuestion | None = None, **kw
    ):
        initial = {}
        if question is not None:
            initial = {
                "text": question.text,
                "answer": question.answer,
                "askers": [str(p.pk) for p in question.askers.all()],
                "faq_entries": [str(e.pk) for e in question.faq_entries.all()],
                "version": question.version,
            }
        super().__init__(*args, initial=initial, **kw)
        self.entries = {entry.pk: entry for entry in entries}
        self.fields["askers"].choices = [(str(p.pk), p.name) for p in people]
        self.fields["faq_entries"].choices = [(str(pk), e.question) for pk, e in self.entries.items()]
        if question is not None:
            self.fields["version"] = forms.IntegerField(
                min_value=0, max_value=VERSION_MAX, widget=forms.HiddenInput, error_messages=VERSION_ERRORS
            )

    def values(self) -> dict:
        """The service's keyword arguments: text, answer, askers and FAQ entries as ids."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "answer": data["answer"],
            "askers": [int(pk) for pk in data["askers"]],
            "faq_entries": [int(pk) for pk in data["faq_entries"]],
        }

    def linked_ids(self) -> list[int]:
        """The FAQ entries ticked in what was posted (or linked now, on a fresh page), valid ones only."""
        raw = self.data.getlist("faq_entries") if self.is_bound else self.initial.get("faq_entries", [])
        return [pk for pk in map(parse_id, raw) if pk in self.entries]

    def offered(self, suggestions: list[Suggestion]) -> list[OfferedEntry]:
        """The linked entries first, then the suggestions not linked yet, best first."""
        linked = self.linked_ids()
        offered = [OfferedEntry(self.entries[pk], True, []) for pk in linked]
        offered += [
            OfferedEntry(self.entries[s.faq_id], False, s.matched)
            for s in suggestions
            if s.faq_id in self.entries and s.faq_id not in linked
        ]
        return offered


def _ids(data: QueryDict, field: str) -> list[str]:
    # The script sends one empty value for an empty list (a form sends nothing for no ticked box).
    return [value for value in data.getlist(field) if value != ""]


def row_save_parse(data: QueryDict) -> tuple[int, dict]:
    """(base version, changes) from a row save: ``text``/``answer`` as text, ``askers``/``faq_entries`` as
    lists of ids, only the fields present. ValidationError with a message to show if malformed."""
    version = forms.IntegerField(min_value=0, max_value=VERSION_MAX, error_messages=VERSION_ERRORS)
    base_version = version.clean(data.get("version"))
    changes: dict = {field: data[field] for field in EXPECTED_TEXT_FIELDS if field in data}
    changes |= {field: _ids(data, field) for field in EXPECTED_LIST_FIELDS if field in data}
    unknown = set(data) - {"version", "csrfmiddlewaretoken", *EXPECTED_TEXT_FIELDS, *EXPECTED_LIST_FIELDS}
    if unknown:
        raise ValidationError(f"Not a field of an expected question: {', '.join(sorted(unknown))}.")
    return base_version, changes


def row_create_parse(data: QueryDict) -> dict:
    """The service's keyword arguments from the script's add (and undo): text, answer, askers, FAQ entries,
    and the position to insert at when given."""
    values: dict = {"text": data.get("text", ""), "answer": data.get("answer", "")}
    values |= {field: _ids(data, field) for field in EXPECTED_LIST_FIELDS}
    if data.get("position", "") != "":
        position = forms.IntegerField(min_value=0, max_value=VERSION_MAX)
        values["position"] = position.clean(data["position"])
    return values
