"""The dashboard lists upcoming meetings first, in valid <time datetime>; the details page has one name
everywhere; the sign-up fields carry autocomplete tokens."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from preps.models import MeetingPrep
from testsupport.factories import prep_create

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string" (no fractional seconds is what we promise), or a plain date.
VALID_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2}))?")


def test_signup_fields_carry_autocomplete_tokens(client, worksheet):
    html = client.get(reverse("signup")).text
    # No username or password here since issue 13 point 8: the password is chosen through the e-mailed link
    # (its page's tokens: tests/accounts/test_sign_in_and_password_reset.py).
    expected = {"email": "email", "first_name": "given-name", "last_name": "family-name"}
    for name, token in expected.items():
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag, name
        assert f'autocomplete="{token}"' in tag.group(0), (name, tag.group(0))


def test_dashboard_time_elements_are_valid_html(owner_client, prep):
    # A timestamp with microseconds, as auto_now stores it.
    MeetingPrep.objects.filter(pk=prep.pk).update(
        updated_at=datetime.datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=datetime.UTC),
        meeting_date=datetime.date(2026, 12, 3),
    )
    html = owner_client.get(reverse("dashboard")).text
    values = re.findall(r'<time datetime="([^"]*)"', html)
    assert values, "the dashboard shows no <time>"
    for value in values:
        assert VALID_DATETIME.fullmatch(value), value
    assert "891011" not in html


def test_dashboard_lists_upcoming_meetings_first(owner_client, owner, worksheet):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    made = {}
    for title, date in [
        ("Undated", None),
        ("Last month", today - 30 * day),
        ("Next month", today + 30 * day),
        ("Today", today),
        ("Next week", today + 7 * day),
    ]:
        made[title] = prep_create(owner=owner, worksheet=worksheet, meeting_title=title, meeting_date=date)
    # Most recently edited first among the others: "Last month" was edited after "Undated".
    now = timezone.now()
    for minutes, title in enumerate(["Undated", "Last month", "Next month", "Today", "Next week"]):
        edited = now + datetime.timedelta(minutes=minutes)
        MeetingPrep.objects.filter(pk=made[title].pk).update(updated_at=edited)
    html = owner_client.get(reverse("dashboard")).text
    table = html[html.index("<table") : html.index("</table>")]
    order = re.findall(r'dir="auto">([^<]+)</a>', table)
    assert order == ["Today", "Next week", "Next month", "Last month", "Undated"]
    cards = html[html.index('class="prep-cards') :]
    assert re.findall(r'dir="auto">([^<]+)</a>', cards)[:5] == order


def test_the_details_page_is_called_edit_meeting_details_everywhere(owner_client, prep):
    edit = reverse("prep_edit", args=[prep.pk])
    for page in (reverse("dashboard"), prep.get_absolute_url()):
        html = owner_client.get(page).text
        links = re.findall(rf'<a[^>]*href="{edit}"[^>]*>(.*?)</a>', html)
        assert links, page
        for link in links:
            assert re.sub(r"<[^>]+>", "", link).startswith("Edit meeting details"), (page, link)
    html = owner_client.get(edit).text
    assert "<title>Edit meeting details" in html
    assert "<h1>Edit meeting details</h1>" in html
    assert 'aria-current="page">Edit meeting details<' in html
