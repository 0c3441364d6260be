from django import template

register = template.Library()


@register.inclusion_tag("sharing/pdf/_comments_appendix.html")
def comments_appendix(prep) -> dict:
    """The notes PDF's appendix of colleagues' comments, open and resolved, when she asks for it."""
    from ..selectors import comments_for_notes  # noqa: PLC0415 - templatetags load before the models

    return {"comments": comments_for_notes(prep)}


@register.filter
def comments_on(grouped: dict, key) -> list:
    """``comments.by_question|comments_on:question.pk``: the comments about one question or person."""
    return grouped.get(key, []) if grouped else []
