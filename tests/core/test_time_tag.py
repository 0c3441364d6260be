"""Issue 28, A4: every ``<time>`` is written by ``{% time %}``, whose ``datetime`` is valid HTML (at most
three digits of a second's fraction; Python's isoformat() writes six)."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template, engines
from django.utils import timezone

from core.templatetags.times import datetime_attribute

# HTML's valid date string and valid global date and time string, fraction at most 3 digits.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?$")


def render(source: str, **context) -> str:
    return Template("{% load times %}" + source).render(Context(context))


def test_a_moment_is_written_to_the_second_in_the_current_time_zone():
    moment = datetime.datetime(2026, 12, 7, 16, 37, 6, 426682, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("America/New_York")):
        html = render('{% time moment "M j, g:i A" %}', moment=moment)
    assert html == '<time datetime="2026-12-07T11:37:06-05:00">Dec 7, 11:37 AM</time>'
    assert VALID.match(datetime_attribute(moment))


def test_a_date_and_a_second_line_and_nothing():
    assert render('{% time day "M j, Y" %}', day=datetime.date(2026, 3, 9)) == (
        '<time datetime="2026-03-09">Mar 9, 2026</time>'
    )
    moment = datetime.datetime(2026, 3, 9, 14, 5, tzinfo=datetime.UTC)
    with timezone.override(datetime.UTC):
        html = render('{% time moment "M j, Y" "g:i A" %}', moment=moment)
    assert html == '<time datetime="2026-03-09T14:05:00+00:00">Mar 9, 2026<br>2:05 PM</time>'
    assert render('{% time nothing "M j" %}', nothing=None) == ""


def template_files() -> list[Path]:
    folders = [Path(folder) for engine in engines.all() for folder in engine.template_dirs]
    root = Path(settings.BASE_DIR)
    return [
        path
        for folder in folders
        if root in folder.resolve().parents or folder.resolve() == root
        for path in folder.rglob("*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]


def test_no_template_writes_a_time_element_by_hand():
    files = template_files()
    assert len(files) > 50  # the project's own templates were found
    by_hand = [str(path) for path in files if re.search(r"<time\b[^>]*\bdatetime=", path.read_text())]
    assert not by_hand, "write {% time value format %} instead of <time datetime=...>: " + ", ".join(by_hand)
