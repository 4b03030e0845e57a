"""Template tags and filters of the register pages: breach countdowns, labels, hyphens."""

import re

from django import template

from .. import countries, exports, formatting

register = template.Library()


@register.filter
def remaining(state):
    """The time left to (or past) a breach's 72-hour deadline, in words."""
    return formatting.format_remaining(state.remaining)


@register.filter
def country_name(code):
    return countries.name(code)


@register.inclusion_tag("processingregister/_countdown.html")
def countdown(state):
    return {"state": state}


@register.filter
def get_item(mapping, key):
    return mapping.get(key, [])


@register.filter
def is_list_field(field):
    return field.key in exports.LIST_FIELDS


@register.filter
def label_part(label, part):
    """'Uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)': 'main' or 'article'."""
    text = str(label)
    main, _sep, rest = text.partition(" (")
    return main if part == "main" else rest.rstrip(")")


# Long Dutch compounds in labels: a soft hyphen lets a narrow column break them where a
# Dutch reader expects it (browsers have no Dutch hyphenation dictionary to do it).
_COMPOUNDS = re.compile(r"(?i)(verwerkings|gegevens)(verantwoordelijk|bescherming)")


@register.filter
def soft_hyphens(text):
    return _COMPOUNDS.sub("\\1\u00ad\\2", str(text))
