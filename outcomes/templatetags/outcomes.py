"""The outcomes app's own template tag: a commitment's state as a word (the series page, the outcome table).
Other apps' pages get outcomes through ``page_parts`` and ``selectors``, read before rendering."""

from django import template

from ..selectors import commitment_state_label

register = template.Library()
register.simple_tag(commitment_state_label, name="commitment_state")
