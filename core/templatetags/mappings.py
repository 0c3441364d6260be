from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ counts|get_item:prep.pk }}``: the value under ``key``, or "" when there is none."""
    return mapping.get(key, "") if mapping and key is not None else ""
