"""The preparation notes say in every page's footer that they are private, and the date they were prepared."""

import datetime
import io
import unicodedata
import zoneinfo

from django.utils import timezone
from pypdf import PdfReader

from documents.content import private_mark
from documents.sources import blank_pdf_source, prep_pdf_source
from preps.models import MeetingPrep
from testsupport.factories import answer_create

LONG = "\n\n".join(" ".join(f"word{n}" for n in range(start, start + 120)) for start in range(0, 2400, 120))


def page_texts(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]


def set_updated_at(prep, moment):
    # auto_now would overwrite a save(); update() leaves it as given.
    MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=moment)
    prep.refresh_from_db()


def test_every_page_of_the_notes_is_marked_private_with_the_prep_date(prep, settings):
    settings.TIME_ZONE = "America/New_York"
    answer_create(prep=prep, question=prep.worksheet.questions.get(position=2), text=LONG)
    set_updated_at(prep, datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC))

    pages = page_texts(prep_pdf_source(prep, include_examples=True, include_extras=True).render())

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Private: preparation notes · prepared November 20, 2026" in text, number
        assert f"Page {number} of {len(pages)}" in text


def test_the_date_is_the_day_in_the_sites_time_zone_not_utc(prep, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    # 03:30 UTC on the 21st is still the evening of the 20th in Los Angeles.
    set_updated_at(prep, datetime.datetime(2026, 11, 21, 3, 30, tzinfo=datetime.UTC))
    with timezone.override(zoneinfo.ZoneInfo("America/Los_Angeles")):
        assert private_mark(prep) == "Private: preparation notes · prepared November 20, 2026"


def test_an_edit_changes_the_date_and_so_the_cache_key(prep):
    from documents.sources import prep_pdf_source

    set_updated_at(prep, datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC))
    before = prep_pdf_source(prep, include_examples=True, include_extras=True)
    set_updated_at(prep, datetime.datetime(2026, 11, 24, 15, 0, tzinfo=datetime.UTC))
    after = prep_pdf_source(prep, include_examples=True, include_extras=True)

    assert "prepared November 24, 2026" in after.html
    assert before.digest != after.digest


def test_the_blank_worksheet_is_not_marked_private(worksheet):
    text = " ".join(page_texts(blank_pdf_source(worksheet).render()))
    assert "Private" not in text


def test_each_variant_of_the_notes_pdf_has_a_name_of_its_own(prep):
    from documents.sources import prep_pdf_source

    names = {
        (examples, extras): prep_pdf_source(prep, include_examples=examples, include_extras=extras).filename
        for examples in (True, False)
        for extras in (True, False)
    }
    assert names[True, True] == "meeting-prep-first-public-safety-work-group-notes.pdf"
    assert names[False, True] == "meeting-prep-first-public-safety-work-group-notes-no-examples.pdf"
    assert names[True, False] == "meeting-prep-first-public-safety-work-group-notes-no-tips-faq.pdf"
    both = "meeting-prep-first-public-safety-work-group-notes-no-examples-no-tips-faq.pdf"
    assert names[False, False] == both
