"""Template tags of retention: the legal-hold banner for wherever a person's data is shown.

{% load retention_tags %}{% retention_holds_banner person %}
"""

from django import template

from .. import services

register = template.Library()


@register.inclusion_tag("retention/holds_banner.html")
def retention_holds_banner(person):
    return {
        "holds": services.holds_for_person(person),
        "erasures": services.erasures_for_person(person),
    }
