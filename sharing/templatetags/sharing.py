from django import template

register = template.Library()


@register.filter
def comments_on(grouped: dict, key) -> list:
    """``comments.by_question|comments_on:question.pk``: the comments about one question or person."""
    return grouped.get(key, []) if grouped else []
