"""The roster's controls on the fill page, rendered in Python: a page with 30 people has 120 of these selects,
and as template includes they were most of the page's CPU time (``python -m bench.fill --profile fill``).
The markup is what ``_roster_select.html`` made, byte for byte."""

from functools import cache

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from core.row_urls import row_url

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


def _text_input(pk: int, name: str, label: str, value: str, extra: str = "") -> str:
    return (
        f'<div class="col-md-4" data-row-field><label class="form-label small mb-0" for="p{pk}-{name}">'
        f"{label}"
        f'</label><input class="form-control form-control-sm" id="p{pk}-{name}" name="{name}" '
        f'form="person-form-{pk}" value="{escape(value)}" maxlength="200"{extra} autocomplete="off" '
        'dir="auto">'
        "</div>"
    )


@register.simple_tag
def roster_row_start(prep, person: Stakeholder, number: int, first: bool, last: bool) -> SafeString:
    """A person's row on question 1's roster up to its comments (``_roster_row.html`` closes the ``<li>``):
    name, role and organisation, the four selects, Move up/down, Remove, the no-JavaScript Save."""
    pk, name = person.pk, escape(person.name)
    save_url = row_url("stakeholder_autosave", prep.pk, pk)
    remove_url = row_url("stakeholder_remove", prep.pk, pk)
    person_url = row_url("person_page", prep.work_group_id, person.person_id)
    history_url = row_url("stakeholder_history", prep.pk, pk)
    selects = "\n      ".join(roster_select(person, field) for field in ROSTER_SELECTS)
    return SafeString(
        f'<li class="roster-row" id="person-{pk}" data-person="{pk}" data-row-url="{save_url}" '
        f'data-row-version="{person.version}" data-row-form="person-form-{pk}">\n'
        "  <fieldset>\n"
        '    <legend class="roster-legend">'
        f'<span class="roster-number" data-number-for="{pk}">{number}</span>. '
        f'<bdi data-name-for="{pk}">{name}</bdi></legend>\n'
        '    <div class="row g-2">\n'
        f"      {_text_input(pk, 'name', 'Name', person.name, ' required')}\n"
        f"      {_text_input(pk, 'role', 'Title or role', person.role)}\n"
        f"      {_text_input(pk, 'organisation', 'Agency or organisation', person.organisation)}\n"
        f"      {selects}\n"
        "    </div>\n"
        '    <div class="roster-row-actions d-flex flex-wrap align-items-center gap-2 mt-2">\n'
        f'      <button type="submit" form="move-{pk}" name="direction" value="up" '
        f'class="btn btn-sm btn-outline-secondary" data-move="up"{" disabled" if first else ""}>Move up'
        f'<span class="visually-hidden"> {name}</span></button>\n'
        f'      <button type="submit" form="move-{pk}" name="direction" value="down" '
        f'class="btn btn-sm btn-outline-secondary" data-move="down"{" disabled" if last else ""}>Move down'
        f'<span class="visually-hidden"> {name}</span></button>\n'
        f'      <a class="btn btn-sm btn-outline-danger" href="{remove_url}" data-roster-remove '
        f'data-name="{name}">'
        f'Remove<span class="visually-hidden"> {name}</span></a>\n'
        f'      <a class="btn btn-sm btn-link" href="{history_url}">History'
        f'<span class="visually-hidden"> of {name}</span></a>\n'
        f'      <a class="btn btn-sm btn-link" href="{person_url}">Person page'
        f'<span class="visually-hidden">: {name}</span></a>\n'
        f'      <button type="submit" form="person-form-{pk}" class="btn btn-sm btn-primary nojs-only">Save'
        f'<span class="visually-hidden"> {name}</span></button>\n'
        f'      <span class="save-status small ms-auto" data-row-status id="p{pk}-status"></span>\n'
        "    </div>\n"
        "  </fieldset>\n"
    )


def _note_field(pk: int, name: str, person_name: str, label: str, value: str, text_max: int) -> str:
    return (
        f'<label class="form-label small mb-0" for="p{pk}-{name}"><span class="visually-hidden">'
        f'<bdi data-name-for="{pk}">{person_name}</bdi>: </span>{label}</label>\n'
        f'            <textarea class="form-control form-control-sm" id="p{pk}-{name}" name="{name}" '
        f'form="person-form-{pk}" rows="2" maxlength="{text_max}" dir="auto">{escape(value)}</textarea></div>'
    )


@register.simple_tag
def person_note(prep, person: Stakeholder, question_key: str, number: int, text_max: int) -> SafeString:
    """A person's fields under question 2 (``expertise``) or 3 (what matters to them, their concerns): one
    ``<li>`` of ``_roster_person_fields.html``, saved on the person's row version like the roster row."""
    pk, name = person.pk, escape(person.name)
    role = (
        f' <span class="text-body-secondary small">· <bdi>{escape(person.role)}</bdi></span>'
        if person.role
        else ""
    )
    if question_key == "expertise":
        fields = "<div data-row-field>" + _note_field(
            pk, "expertise", name, "Expertise, data or authority they bring", person.expertise, text_max
        )
    else:
        fields = (
            "<div data-row-field>"
            + _note_field(pk, "what_matters", name, "What matters to them", person.what_matters, text_max)
            + '\n            <div data-row-field class="mt-1">'
            + _note_field(pk, "concerns", name, "Their likely concerns", person.concerns, text_max)
        )
    return SafeString(
        f'<li class="person-note" data-person="{pk}" data-row-url="'
        f'{row_url("stakeholder_autosave", prep.pk, pk)}" data-row-version="{person.version}" '
        f'data-row-form="person-form-{pk}">\n'
        '          <p class="person-note-name mb-1">'
        f'<span class="roster-number" data-number-for="{pk}">{number}'
        f'</span>. <bdi data-name-for="{pk}">{name}</bdi>{role}</p>\n'
        "          \n"
        f"            {fields}\n"
        "          \n"
        '          <div class="d-flex align-items-center gap-2 mt-1">\n'
        f'            <button type="submit" form="person-form-{pk}" class="btn btn-sm btn-outline-primary '
        f'nojs-only">Save<span class="visually-hidden"> {name}</span></button>\n'
        '            <span class="save-status small" data-row-status '
        f'id="p{pk}-status-{escape(question_key)}">'
        "</span>\n"
        "          </div>\n"
        "        </li>"
    )


@register.simple_tag(takes_context=True)
def roster_row_forms(context, prep, stakeholders) -> SafeString:
    """Each person's two forms, outside the answers form (forms cannot nest; the row's controls name them
    with ``form="..."``): the no-JavaScript Save (with the row's version) and Move up/down."""
    token = context.get("csrf_token")
    csrf = (
        ""
        if token in (None, "NOTPROVIDED")
        else f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
    )
    return SafeString(
        "".join(
            f'\n  <form id="person-form-{person.pk}" method="post" '
            f'action="{row_url("stakeholder_edit", prep.pk, person.pk)}" novalidate>{csrf}'
            f'<input type="hidden" name="version" value="{person.version}"></form>\n'
            f'  <form id="move-{person.pk}" method="post" '
            f'action="{row_url("stakeholder_move", prep.pk, person.pk)}" data-roster-move '
            f'data-person="{person.pk}">{csrf}</form>\n'
            for person in stakeholders
        )
    )
