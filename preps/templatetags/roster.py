"""The roster's controls on the fill page, rendered in Python: a page with 30 people has 120 of these selects,
and as template includes they were most of the page's CPU time (``python -m bench.fill --profile fill``).
The markup is what ``_roster_select.html`` made, byte for byte."""

from functools import cache

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from ..models import Stakeholder

register = template.Library()

ROSTER_SELECTS = {
    "kind": ("Kind of stakeholder", Stakeholder.Kind.choices),
    "invite": ("This meeting", Stakeholder.Invite.choices),
    "influence": ("Influence", Stakeholder.Influence.choices),
    "stance": ("Stance", Stakeholder.Stance.choices),
}


@cache
def _options(name: str, value: str) -> str:
    """The ``<option>``s of one select with ``value`` selected (a few dozen strings in all, made once)."""
    return "".join(
        f'<option value="{escape(choice)}"{" selected" if choice == value else ""}>{escape(text)}</option>'
        for choice, text in ROSTER_SELECTS[name][1]
    )


@register.simple_tag
def roster_select(person: Stakeholder, name: str, width: str = "col-6 col-md-3") -> SafeString:
    """One of a person's rating selects (``kind``, ``invite``, ``influence``, ``stance``), labelled, bound to
    the person's row form ``person-form-<pk>``."""
    label = ROSTER_SELECTS[name][0]
    control = f"p{person.pk}-{name}"
    return SafeString(
        f'<div class="{escape(width)}" data-row-field><label class="form-label small mb-0" for="{control}">'
        f'{label}</label><select class="form-select form-select-sm" id="{control}" name="{name}" '
        f'form="person-form-{person.pk}">{_options(name, getattr(person, name))}</select></div>\n'
    )
