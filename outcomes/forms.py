from django import forms

from core.text import TypedTextField


class NextMeetingForm(forms.Form):
    """Prepare the next meeting: its date is required (the old one is past), its title may change."""

    meeting_date = forms.DateField(
        label="Date of the next meeting", widget=forms.DateInput(attrs={"type": "date"}), required=True
    )
    meeting_title = TypedTextField(
        label="Meeting title", max_length=200, required=False, label_in_message="The meeting title"
    )
