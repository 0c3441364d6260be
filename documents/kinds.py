"""The built-in document kinds (see ``registry.py``)."""

from types import MappingProxyType

from asks.selectors import sent_questions
from outcomes.selectors import outcome_notes
from preps.selectors import PrepContent, engagement_plans_for_notes
from sharing.selectors import comments_for_notes
from worksheets.models import Worksheet
from worksheets.selectors import worksheet_with_content

from .brief import brief_context, brief_filename
from .content import blank_context, blank_filename, notes_filename, prep_context
from .fillable.context import fillable_context, fillable_filename
from .registry import PDF_UA, DocumentKind, register

WORKSHEET_TEMPLATE = "documents/pdf/prep.html"


def _notes_context(
    content: PrepContent,
    *,
    include_examples: bool = True,
    include_extras: bool = True,
    include_comments: bool = False,
    reader=None,
) -> dict:
    """``reader``: who reads it (the series' stance table holds only the meetings she may open); the owner if
    None."""
    context = prep_context(content, include_examples=include_examples, include_extras=include_extras)
    # Colleagues' comments (sharing): an appendix only when asked for; never in the meeting brief.
    comments = comments_for_notes(content.prep) if include_comments else []
    return {
        **context,
        "outcome_notes": outcome_notes(content.prep, reader=reader or content.prep.owner),
        "include_comments": include_comments,
        "comments_appendix": comments,
        # The people's engagement plans: private notes only, never the brief.
        "engagement_plans": engagement_plans_for_notes(content.stakeholders),
        # What the invited people sent in (asks): private notes only, never the brief.
        "sent_questions": sent_questions(content.prep),
    }


def _notes_filename(
    content: PrepContent,
    *,
    include_examples: bool = True,
    include_extras: bool = True,
    include_comments: bool = False,
) -> str:
    return notes_filename(
        content.prep,
        include_examples=include_examples,
        include_extras=include_extras,
        include_comments=include_comments,
    )


def _blank_context(worksheet: Worksheet) -> dict:
    return blank_context(worksheet_with_content(worksheet.pk))


NOTES = register(
    DocumentKind(
        name="notes",
        title="Preparation notes",
        template=WORKSHEET_TEMPLATE,
        context=_notes_context,
        filename=_notes_filename,
    )
)

BLANK = register(
    DocumentKind(
        name="blank",
        title="Blank worksheet",
        template=WORKSHEET_TEMPLATE,
        context=_blank_context,
        filename=blank_filename,
    )
)

# The meeting brief, to hand out: its own template, nothing private unless she included it (brief.py).
BRIEF = register(
    DocumentKind(
        name="brief",
        title="Meeting brief",
        template="documents/pdf/brief.html",
        context=brief_context,
        filename=lambda brief: brief_filename(brief, extension="pdf"),
    )
)

# The preparation notes as a PDF form to fill offline and import back (documents/fillable/, issue 16).
FILLABLE = register(
    DocumentKind(
        name="fillable",
        title="Fillable PDF",
        template="documents/pdf/fillable.html",
        context=fillable_context,
        filename=fillable_filename,
        write_options=MappingProxyType({**PDF_UA, "pdf_forms": True}),
    )
)
