from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ labels|get_item:code }}`: a dictionary look-up in a template."""
    if mapping is None:
        return None
    return mapping.get(key)
