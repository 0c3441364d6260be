from django import forms


class NextMeetingForm(forms.Form):
    """Prepare the next meeting: its date is required (the old one is past), its title may change."""

    meeting_date = forms.DateField(
        label="Date of the next meeting", widget=forms.DateInput(attrs={"type": "date"}), required=True
    )
    meeting_title = forms.CharField(label="Meeting title", max_length=200, required=False)
